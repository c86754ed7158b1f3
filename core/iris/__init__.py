"""The Iris classifier: its settings, the flowers, the network and its training, the CLI."""
