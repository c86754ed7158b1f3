"""Neurons and learning: one neuron, gradient descent, over-fitting, counting weights.

Plain NumPy, no TensorFlow: the opening pages stay instant.
"""
