"""Tools for developers and teachers: a Streamlit server for tests, and the load test."""
