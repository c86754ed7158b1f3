"""The process a training runs in: the priority of its threads, and memory given back."""
