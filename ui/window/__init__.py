"""The main window and the controllers that adapt the session to it."""
