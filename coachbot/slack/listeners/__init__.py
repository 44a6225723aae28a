"""Bolt listeners grouped by kind; each module has one `register(app, deps)`."""
