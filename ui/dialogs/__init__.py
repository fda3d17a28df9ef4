"""Dialogs; they never import the window."""
