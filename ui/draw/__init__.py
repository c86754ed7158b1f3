"""The Draw page's pieces: the canvas and its answer, the model upload, the example table."""
