"""Facts about texts that several parts of the engine rely on: each written once, here.

What ends a sentence is the same fact whether the aligner cuts a text into
anchors, a region slides to a sentence's boundary, a class calls a reading
a missing sentence, or a check finds a paragraph without its full stop; two
copies of such a set drift apart (they had: three different sets in four
places), and then the parts of the engine disagree about one text.
"""

from __future__ import annotations

import codecs
import re

SENTENCE_ENDS = "。！？!?…"
"""Marks that end a sentence (the ellipsis included: a sentence may trail off)."""

CLOSING_QUOTES = "”’」』"
"""Quotation marks that may close a sentence after its end mark (“……。”)."""

CLOSING_BRACKETS = "）)"
"""Brackets that may close a sentence after its end mark (（……。）)."""

CLOSING_TITLE_MARKS = "》〉"
"""Book-title marks: they close a title, which may end a sentence (……《红楼梦》)."""

STRAIGHT_QUOTES = "\"'"
"""What the width rule makes of “” and ‘’: opening or closing by what stands before."""

BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)
"""Each byte-order mark, the codec that decodes what follows it, and the name a text
read with it reports (app/text/loading.py) and is written back in (export): a text read
with a BOM is written with it."""

CHUNK = 1 << 16
"""Characters per slice of a whole-text operation (``str.translate``, a regex scan): a
few milliseconds of C work, so a long loop can poll its cancel check between slices."""

PROJECT_SUFFIX = ".jkproj"
"""The project file's suffix: what the file dialogs, a drop and the registry look for."""

JUMP_WORDS = r"(?:下转|转至|转|上接|接上|接)第?\s*[A-Da-d]?[0-9０-９一二三四五六七八九十]{1,3}\s*版"
"""Where a newspaper story goes on or came from: 下转第5版, 上接1版, 转A3版."""
JUMP_LINE = re.compile(f"[【（(〔［\\[]\\s*{JUMP_WORDS}\\s*[】）)〕］\\]]")
"""A newspaper's continuation line in brackets: 【下转第5版】, （上接1版）, (转第4版), 〔下转A3版〕.

A story that runs over two pages says where it goes on and where it came
from; a copy made from the page keeps the line, a copy from the website has
none.  In either width: the width rule turns （ into (.
"""
