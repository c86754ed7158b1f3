"""What app.py puts around every page: the page list, phone support, timing, runtime fixes."""
