"""Digits drawn or photographed: decoding images, turning them into 28x28 like MNIST,
asking a network, the example pictures, and hand-like strokes for tests.
"""
