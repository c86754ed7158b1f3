"""The MNIST CNN: settings, data, the network, its training and evaluation, a look inside,
and the CLI.

Importing this package is free; TensorFlow loads with `model`, `training` and `inside`.
"""
