"""One module per citizen screen."""
