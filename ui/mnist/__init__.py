"""The MNIST page's pieces: its lessons, the live training view and a run's results."""
