"""Benchmarks of the app against the workshop's notebooks: `python -m devtools.bench`.

Every heavy measurement runs in its own subprocess (see `child.py`), so its peak memory is
the operating system's number for that process alone and a crash or hang is contained.
The parent process never imports TensorFlow or Streamlit.
"""
