"""Where the application's own data files are, however it was installed.

One look-up for the demo, icons and translations: the ``jiaokan_resources``
package (the top-level ``resources/`` folder) is found by import, which works
in a checkout with an editable install, from a wheel, and inside a frozen
PyInstaller folder alike.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

RESOURCES_PACKAGE = "jiaokan_resources"


def resource_dir() -> Path:
    """The folder holding ``demo/``, ``icons/`` and ``i18n/``."""
    return Path(str(resources.files(RESOURCES_PACKAGE)))


def resource(*parts: str) -> Path:
    """A file or folder under :func:`resource_dir`."""
    return resource_dir().joinpath(*parts)
