"""What a collation lane needs, loaded once in the fork server (app.collation.parallel.serve).

The window cannot fork itself (Qt's threads run), and a spawned worker
starts Python, imports the engine and reads its tables first: 0.8 s, more
than aligning a 1M-character witness saves.  So the window starts a fork
server as it opens, and the server imports this module before it forks
anything: the engine, and the tables a witness's alignment and its classes
read (OpenCC's one-to-many guard, the sounds and shapes, the word index),
frozen out of the cycle collector's way.  A worker forked from it has them
all from its first instruction.  Not the checks' jieba tables (140 MB): the
checks that segment words run in the window's own process, which has them
(app.classes.checks.PART_NEEDS_WORDS); the others may run in a worker.

Importing it does that work; nothing else imports it.
"""

from __future__ import annotations

import gc

from app.classes import classify, wordset
from app.collation import collate as _collate  # noqa: F401  (the lanes' task lives there)
from app.text import script

script.opencc_folder().load_guard()
classify.preload()
wordset.preload()
gc.collect()
gc.freeze()
