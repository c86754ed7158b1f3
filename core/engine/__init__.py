"""The machinery no lesson is about, by job: jobs/, training/, models/, cli/, runtime/.

What each holds: docs/architecture.md, "The folders".
"""
