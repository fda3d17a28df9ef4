"""The frozen application's entry point (packaging/jiaokan.spec).

PyInstaller wants a script, not a console-script name: this is what the
``jiaokan`` console script of a pip install runs, ``ui.launch.main``, so the
frozen binary takes the same arguments (``jiaokan collate ...`` headless,
anything else the window).
"""

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
