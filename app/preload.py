"""Load the engine's dictionaries up front, before there is anything to keep responsive.

Loading pypinyin's, OpenCC's and jieba's tables takes about a second, much
of it in single C calls (unpickling, unmarshalling) that hold the GIL: done
lazily in the background worker it would freeze the window in mid-work.
The window therefore calls :func:`preload` while it starts; the command
line does not (it loads what a run needs, when it needs it).
"""

from __future__ import annotations

import gc


def preload(*, checks: bool = True) -> None:
    from app.classes import classify
    from app.text import script

    script.opencc_folder().load_guard()
    classify.preload()
    if checks:
        from app.classes import checks as source_checks

        source_checks.preload()
    # The tables hold millions of objects that live as long as the process; a
    # full garbage collection walking them all would stall every thread for
    # tens of milliseconds, over and over.  Freezing moves them out of its way.
    gc.collect()
    gc.freeze()
