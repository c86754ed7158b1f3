"""The Kernel convolution page's pieces: its inputs and the worked steps."""
