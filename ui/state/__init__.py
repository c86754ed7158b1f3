"""What one browser session keeps: its keys, remembered settings, networks, the class model."""
