"""Load the engine's dictionaries early, behind the window.

Loading pypinyin's, OpenCC's and jieba's tables takes most of a second.
They used to be loaded before the window appeared, because jieba's own
cache is one ``marshal.load`` of ~0.6 s that holds the GIL: loaded in the
background it froze the window that long.  Jieba's prefix dictionary now
comes from our own cache in chunks (app/classes/checks.py), and no single
step holds the GIL for more than a few tens of milliseconds, so the window
shows first and :func:`preload_in_background` loads the tables while the
proofreader looks at it.  The command line does neither (it loads what a run
needs, when it needs it).
"""

from __future__ import annotations

import gc
import threading


def preload_in_background() -> threading.Thread:
    """Start :func:`preload` in a thread of its own; join it before the program ends.

    First the fork server starts (:func:`app.collation.parallel.serve`), a process
    that loads the engine's tables beside this one, on the other core, so that the
    window's collations can have a worker process ready in milliseconds."""
    from app.collation.parallel import serve

    serve()
    thread = threading.Thread(target=preload, name="jiaokan-preload", daemon=True)
    thread.start()
    return thread


def preload(*, checks: bool = True) -> None:
    from app.classes import classify, wordset
    from app.text import script

    script.opencc_folder().load_guard()
    classify.preload()
    wordset.preload()
    if checks:
        from app.classes import checks as source_checks

        source_checks.preload()
    # The tables hold millions of objects that live as long as the process; a
    # full garbage collection walking them all would stall every thread for
    # tens of milliseconds, over and over.  Freezing moves them out of its way.
    gc.collect()
    gc.freeze()
