"""The frozen application's entry point (packaging/jiaokan.spec).

PyInstaller wants a script, not a console-script name: this is what the
``jiaokan`` console script of a pip install runs, ``ui.launch.main``, so the
frozen binary takes the same arguments (``jiaokan collate ...`` headless,
anything else the window).

``multiprocessing.freeze_support()`` comes first: the collation aligns
several witnesses in spawned processes (app/collation/parallel.py), and in
a frozen binary each such process starts this same executable, which must
become the worker instead of opening a window.
"""

import multiprocessing
import sys

from ui.launch import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
