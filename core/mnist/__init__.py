"""The MNIST CNN: settings, data, the network, its training and evaluation, a look inside,
and the CLI.

Importing this package is free; TensorFlow loads with `model`, `training` and `inside`.
"""

# The training flow by name, for backends: a page submits it without importing TensorFlow,
# and a worker in another process can import it.
MNIST_FLOW = "core.mnist.training:run_mnist"
MNIST_WARM_UP = "core.mnist.training:warm_up"  # A training worker runs it before its first job.
