"""Networks outside training: `.keras` files and their checks, and the ways to hold a network.

- `trained_network.TrainedNetwork`: one trained network, wherever it is; what pages use.
- `numpy_network.NumpyNetwork`: the network as NumPy arrays and its forward pass; answers
  without TensorFlow and pickles to another process. `keras_to_numpy` makes one.
- `locked_keras.LockedModel`: one Keras model shared by every session, one call at a time.
"""
