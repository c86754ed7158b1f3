"""The machinery no lesson is about: the training loop and its fast convolution blocks,
the NumPy forward pass, thread priority, memory, the training queue, model files, progress
types and the CLI's output.
"""
