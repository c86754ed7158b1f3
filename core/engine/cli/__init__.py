"""What every chapter's command line shares: options made from a config, one-line output and
errors, and TensorFlow's start-up banner kept off stderr."""
