"""The workshop's logic without any user interface.

Data loading, model builders, training with progress callbacks, preprocessing and the
command line live here. Nothing in this package imports Streamlit, so every part can be
tested and scripted without a browser. TensorFlow is imported inside the functions that
need it, so that importing `core` stays cheap (pages that only draw charts never pay for it).
"""

import os

# TensorFlow's C++ start-up chatter (CPU feature notes) means nothing to a student.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

# Fewer malloc arenas keep a server's memory down once TensorFlow's threads start (glibc only).
from core.engine.runtime.memory import limit_malloc_arenas

limit_malloc_arenas()
