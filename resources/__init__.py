"""Jiaokan's data files (the demo, icons, compiled translations) as a package.

Installed as ``jiaokan_resources`` (pyproject.toml maps it onto this folder), so
a wheel, an editable install and a PyInstaller build all find the files the same
way, through :mod:`importlib.resources`, instead of by a path relative to the
source tree that only a checkout has.
"""
