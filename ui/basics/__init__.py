"""The pieces of the first lessons' pages (neurons, training, backpropagation)."""
