"""The Iris page's pieces: its lessons, its training curves and the measured flower."""
