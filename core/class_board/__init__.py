"""The class board: runs students share with the class under a nickname, in plain Python.

A student's run becomes a `RunSummary` (its public facts, stored as JSON text); the board
lists `SharedEntry`s, says in one computed sentence what the class found, and gives them as
CSV. The storage and the page live elsewhere; nothing here imports Streamlit or TensorFlow.
"""
