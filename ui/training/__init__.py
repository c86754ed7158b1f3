"""A page's training: its settings widgets, and the steps from Train to a filed result."""
