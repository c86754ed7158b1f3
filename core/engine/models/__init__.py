"""Networks outside training: `.keras` files and their checks, and the ways to hold a network.

- `numpy_network.NumpyNetwork`: the network as NumPy arrays and its forward pass; answers
  without TensorFlow and pickles to another process. `keras_to_numpy` makes one.
- `result_network.CarriedModel`: what a training result carries of its network: the Keras
  model in the process that trained it, a NumPy copy and the `.keras` bytes elsewhere.
- `locked_keras.LockedModel`: one Keras model shared by every session, one call at a time.
"""
