"""The Iris classifier: its settings, the flowers, the network and its training, the CLI.

The training flow is `core.iris.training.run_iris`; importing it loads no TensorFlow.
"""
