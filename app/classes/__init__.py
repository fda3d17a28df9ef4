"""What a proofreader calls a divergence (classes) and checks of the source."""

from __future__ import annotations

from collections.abc import Sequence

from app.messages import readable_name

CHECK_WITNESS = "check"
"""The witness id of the source checks' findings (app.classes.checks), reserved: no copy
takes it.  Here, not in the checks' module, so that naming it imports no check."""


def unique_id(stem: str, taken: Sequence[str]) -> str:
    """A witness id from a file stem: made unique with -2, -3; ``check`` is reserved.

    An id is text a person reads and the project stores, so a stem with bytes
    the file system's encoding cannot decode is read as :func:`readable_name`
    reads it (a GBK ``校本`` is the witness 校本).  Here beside the reserved id, so
    that the command line names its witnesses without importing the session.
    """
    base = readable_name(stem) or "witness"
    candidate, n = base, 2
    while candidate in taken or candidate == CHECK_WITNESS:
        candidate = f"{base}-{n}"
        n += 1
    return candidate
