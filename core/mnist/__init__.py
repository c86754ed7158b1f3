"""The MNIST CNN: settings, data, the network, its training and evaluation, a look inside,
and the CLI.

Importing this package is free. The training flow is `core.mnist.training.run_mnist`;
TensorFlow loads when it runs, and with `model`, `evaluation` and `inside`.
"""
