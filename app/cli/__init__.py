"""The ``jiaokan`` command line."""
