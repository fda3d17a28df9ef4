"""Reusable widgets; they never import the window."""
