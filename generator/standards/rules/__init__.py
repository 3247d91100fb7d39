"""One module per rule. Each module's docstring documents its standard."""
