"""The Iris classifier: its settings, the flowers, the network and its training, the CLI."""

# The training flow by name, for backends: a page submits it without importing TensorFlow,
# and a worker in another process can import it.
IRIS_FLOW = "core.iris.training:run_iris"
IRIS_WARM_UP = "core.iris.model:build_iris_model"  # Imports Keras; builds one small network.
