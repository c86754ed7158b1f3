"""Kernel convolution: the maths of sliding a kernel over an image, and images to try it on.

Plain NumPy, no TensorFlow.
"""
