"""Jiaokan: the Qt application on top of the engine in app/."""
