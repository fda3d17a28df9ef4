"""The engine's user-facing messages: a stable id, its parameters, an English template.

The command line prints the English (``str()`` of an error is exactly what it
always was, and scripts may match on it), but the window shows the same
failure in the interface language.  It cannot translate a finished English
sentence, so each error carries a :class:`Message` instead: an id from
:data:`ENGLISH` and the parameters to fill in.  ``ui/messages.py`` holds the
same ids with templates Qt can translate; a test keeps the two tables equal,
so an engine message without a translation fails the build.

A parameter is either plain text shown as it is (a file name, an encoding
name, an operating-system or SQLite reason) or itself a :class:`Message`
(a reason the engine words, such as "no such file"), translated in turn.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate reads
    """Marks an English template for ``pyside6-lupdate``, which reads this file as well
    as ``ui/``; the engine stays free of Qt, and the window looks the same text up in
    the context ``engine`` (ui/messages.py) to show it translated."""
    return text


ENGLISH: Mapping[str, str] = MappingProxyType(
    {
        # app/classes/checks.py: what a check of the source alone found
        "check.doubled": QT_TRANSLATE_NOOP("engine", "“{text}” is written twice"),
        "check.doubled-run": QT_TRANSLATE_NOOP("engine", "“{text}” is written {n} times"),
        "check.closed-by": QT_TRANSLATE_NOOP("engine", "{open} is closed by {close}"),
        "check.closes-nothing": QT_TRANSLATE_NOOP(
            "engine", "{mark} closes nothing in this paragraph"
        ),
        "check.not-closed": QT_TRANSLATE_NOOP("engine", "{mark} is not closed in this paragraph"),
        "check.doubled-mark": QT_TRANSLATE_NOOP("engine", "{mark} is written twice"),
        "check.halfwidth-pair": QT_TRANSLATE_NOOP(
            "engine", "Half-width {open} {close} around Chinese text"
        ),
        "check.halfwidth": QT_TRANSLATE_NOOP("engine", "Half-width {mark} in Chinese text"),
        "check.mojibake": QT_TRANSLATE_NOOP("engine", "“{text}” is mojibake"),
        "check.latin1": QT_TRANSLATE_NOOP("engine", "“{text}” is UTF-8 read as Latin-1"),
        "check.hangul": QT_TRANSLATE_NOOP("engine", "Hangul “{text}” inside Chinese text"),
        "check.kana": QT_TRANSLATE_NOOP("engine", "Kana “{text}” inside Chinese text"),
        "check.english": QT_TRANSLATE_NOOP("engine", "English “{text}” inside Chinese text"),
        "check.broken-paragraph": QT_TRANSLATE_NOOP(
            "engine", "The paragraph breaks inside a sentence (a page break?): join it to the next"
        ),
        "check.missing-full-stop": QT_TRANSLATE_NOOP(
            "engine", "The paragraph ends without a full stop"
        ),
        "check.traditional": QT_TRANSLATE_NOOP(
            "engine", "“{text}” is Traditional in a Simplified text: “{fix}”"
        ),
        "check.simplified": QT_TRANSLATE_NOOP(
            "engine", "“{text}” is Simplified in a Traditional text: “{fix}”"
        ),
        "check.stray-space": QT_TRANSLATE_NOOP("engine", "A space inside Chinese text"),
        "check.jump-line": QT_TRANSLATE_NOOP(
            "engine",
            "A newspaper's continuation line: it belongs to the page, not to the text",
        ),
        # app/classes/spelling.py: why a character or term of one text is flagged
        "check.spelling": QT_TRANSLATE_NOOP(
            "engine", "“{wrong}” is probably “{right}” (as in {word})"
        ),
        "check.mistake": QT_TRANSLATE_NOOP(
            "engine", "“{wrong}” is a common misspelling of “{right}”"
        ),
        "check.banned": QT_TRANSLATE_NOOP("engine", "“{term}” is on the banned list: {reason}"),
        "check.banned-no-reason": QT_TRANSLATE_NOOP("engine", "“{term}” is on the banned list"),
        # app/text/loading.py: a file that cannot be used as a text
        "load.cannot-read": QT_TRANSLATE_NOOP("engine", "cannot read {path}: {reason}"),
        "load.binary": QT_TRANSLATE_NOOP("engine", "{path} is not a text file (binary data)"),
        "load.undetected": QT_TRANSLATE_NOOP(
            "engine", "cannot detect the encoding of {path} (tried {encodings}); use --encoding"
        ),
        "load.too-large": QT_TRANSLATE_NOOP(
            "engine", "{path} is too large ({size}; the limit is {limit})"
        ),
        "load.unknown-encoding": QT_TRANSLATE_NOOP("engine", "unknown encoding {encoding}"),
        "load.cannot-decode": QT_TRANSLATE_NOOP(
            "engine", "cannot decode {path} as {encoding}: {where}"
        ),
        "load.invalid-byte": QT_TRANSLATE_NOOP(
            "engine", "invalid byte 0x{byte} at offset {offset}"
        ),
        "load.invalid-byte-at-end": QT_TRANSLATE_NOOP(
            "engine", "invalid byte 0x{byte} at offset {offset} (the file ends inside a character)"
        ),
        # app/text/word.py: a Word document that cannot be read
        "load.word-encrypted": QT_TRANSLATE_NOOP(
            "engine", "{path} is an encrypted Word document; save it without a password first"
        ),
        "load.word-old": QT_TRANSLATE_NOOP(
            "engine",
            "{path} is a Word 97-2003 document (.doc) or another Office file;"
            " save it as .docx first",
        ),
        "load.word-damaged": QT_TRANSLATE_NOOP(
            "engine", "{path} is a damaged Word document ({reason})"
        ),
        "load.word-too-large": QT_TRANSLATE_NOOP(
            "engine", "{path} is too large to read as a Word document (more than {limit})"
        ),
        # the limits of app/text/word_package.py, as load.word-too-large names them
        "word.limit.parts": QT_TRANSLATE_NOOP("engine", "{n} parts"),
        "word.limit.unpacked": QT_TRANSLATE_NOOP("engine", "{n} MB unpacked"),
        "word.limit.elements": QT_TRANSLATE_NOOP("engine", "{n} XML elements"),
        "word.limit.attributes": QT_TRANSLATE_NOOP("engine", "{n} XML attributes"),
        "word.limit.relationships": QT_TRANSLATE_NOOP("engine", "{n} relationships between parts"),
        "word.limit.text": QT_TRANSLATE_NOOP("engine", "{n} MB of text"),
        "load.not-word": QT_TRANSLATE_NOOP(
            "engine", "{path} is not a Word document (.docx) nor a text file"
        ),
        # app/text/pdf.py: a PDF that cannot be read
        "load.pdf-encrypted": QT_TRANSLATE_NOOP(
            "engine", "{path} is a PDF protected by a password; save a copy without it first"
        ),
        "load.pdf-damaged": QT_TRANSLATE_NOOP("engine", "{path} is a damaged PDF ({reason})"),
        "load.pdf-too-many-pages": QT_TRANSLATE_NOOP(
            "engine", "{path} has {n} pages; Jiaokan reads a PDF of at most {limit}"
        ),
        "load.pdf-too-much-text": QT_TRANSLATE_NOOP(
            "engine", "{path} has more text than a book (over {limit} characters); not read"
        ),
        "load.pdf-page-too-complex": QT_TRANSLATE_NOOP(
            "engine", "{path}: page {n} draws more than {limit} of operators; not read"
        ),
        "load.pdf-no-text": QT_TRANSLATE_NOOP(
            "engine", "{path} has no text layer (scanned pages?); Jiaokan cannot read it yet"
        ),
        # app/text/scans.py, app/text/scan_reading.py: a scan that cannot be read by OCR
        "load.scan-damaged": QT_TRANSLATE_NOOP("engine", "{path} is a damaged image ({reason})"),
        "load.scan-too-large": QT_TRANSLATE_NOOP(
            "engine", "{path} has a page of more than {limit} million pixels; not read"
        ),
        "load.scan-too-many-pages": QT_TRANSLATE_NOOP(
            "engine", "{path} has more than {limit} pages; Jiaokan reads a scan of at most {limit}"
        ),
        "load.scan-no-text": QT_TRANSLATE_NOOP("engine", "OCR found no text in {path}"),
        "load.ocr-unavailable": QT_TRANSLATE_NOOP(
            "engine", "{path} is a scan, but OCR cannot run: {reason}"
        ),
        # the parts of a Word document that are not read (LoadedText.unread)
        "word.unread": QT_TRANSLATE_NOOP("engine", "{path}: not read: {parts}"),
        "word.unread.headers": QT_TRANSLATE_NOOP("engine", "headers"),
        "word.unread.footers": QT_TRANSLATE_NOOP("engine", "footers"),
        "word.unread.footnotes": QT_TRANSLATE_NOOP("engine", "footnotes"),
        "word.unread.endnotes": QT_TRANSLATE_NOOP("engine", "endnotes"),
        "word.unread.comments": QT_TRANSLATE_NOOP("engine", "comments"),
        "word.unread.text-boxes": QT_TRANSLATE_NOOP("engine", "text boxes"),
        "word.unread.equations": QT_TRANSLATE_NOOP("engine", "equations"),
        # what a PDF's text layer has that is not read (LoadedText.unread)
        "pdf.unread.running-heads": QT_TRANSLATE_NOOP("engine", "running heads"),
        "pdf.unread.page-numbers": QT_TRANSLATE_NOOP("engine", "page numbers"),
        "size.bytes": QT_TRANSLATE_NOOP("engine", "{n} bytes"),
        "size.megabytes": QT_TRANSLATE_NOOP("engine", "{n} MB"),
        # reasons a file or folder cannot be used, as the engine words them
        "reason.no-such-file": QT_TRANSLATE_NOOP("engine", "no such file"),
        "reason.no-such-folder": QT_TRANSLATE_NOOP("engine", "no such folder"),
        "reason.is-a-directory": QT_TRANSLATE_NOOP("engine", "is a directory"),
        "reason.not-a-regular-file": QT_TRANSLATE_NOOP("engine", "not a regular file"),
        "reason.permission-denied": QT_TRANSLATE_NOOP("engine", "permission denied"),
        "reason.not-a-valid-path": QT_TRANSLATE_NOOP("engine", "not a valid path"),
        "reason.no-space-left": QT_TRANSLATE_NOOP("engine", "no space left on device"),
        "reason.read-only-file-system": QT_TRANSLATE_NOOP("engine", "read-only file system"),
        "reason.lock-not-plain": QT_TRANSLATE_NOOP(
            "engine", "it is a link or not a plain file, and was left alone"
        ),
        # the system's and SQLite's own words for common failures, exactly as they give
        # them, so that known_reason() can offer them for translation unchanged
        "system.no-such-file-or-directory": QT_TRANSLATE_NOOP(
            "engine", "No such file or directory"
        ),
        "system.permission-denied": QT_TRANSLATE_NOOP("engine", "Permission denied"),
        "system.is-a-directory": QT_TRANSLATE_NOOP("engine", "Is a directory"),
        "system.not-a-directory": QT_TRANSLATE_NOOP("engine", "Not a directory"),
        "system.no-space-left": QT_TRANSLATE_NOOP("engine", "No space left on device"),
        "system.read-only-file-system": QT_TRANSLATE_NOOP("engine", "Read-only file system"),
        "sqlite.locked": QT_TRANSLATE_NOOP("engine", "database is locked"),
        "sqlite.read-only": QT_TRANSLATE_NOOP("engine", "attempt to write a readonly database"),
        "sqlite.full": QT_TRANSLATE_NOOP("engine", "database or disk is full"),
        "sqlite.io-error": QT_TRANSLATE_NOOP("engine", "disk I/O error"),
        "sqlite.malformed": QT_TRANSLATE_NOOP("engine", "database disk image is malformed"),
        "sqlite.not-a-database": QT_TRANSLATE_NOOP("engine", "file is not a database"),
        # app/collation/parallel.py: a worker process that ended before its work was done
        "collate.worker-died": QT_TRANSLATE_NOOP(
            "engine",
            "a collation worker process (pid {pid}) ended before its work was done ({how});"
            " try again, or set JIAOKAN_PROCESSES=1 to collate in one process",
        ),
        # app/store/ (ProjectError): a project file that cannot be used (or written) so
        "project.not-a-file": QT_TRANSLATE_NOOP("engine", "{name} is not a file"),
        "project.cannot-open": QT_TRANSLATE_NOOP("engine", "cannot open {name}: {reason}"),
        "project.cannot-read": QT_TRANSLATE_NOOP("engine", "cannot read {name}: {reason}"),
        "project.cannot-write": QT_TRANSLATE_NOOP("engine", "cannot write {name}: {reason}"),
        "project.invalid-decision": QT_TRANSLATE_NOOP(
            "engine", "{name} holds an invalid decision: {reason}"
        ),
        "project.is-itself": QT_TRANSLATE_NOOP("engine", "{name} is this project itself"),
        "project.open-read-only": QT_TRANSLATE_NOOP("engine", "{name} is open read-only: {reason}"),
        "project.not-replaced": QT_TRANSLATE_NOOP(
            "engine", "{name} is read-only; it was not replaced"
        ),
        "project.save-decision-failed": QT_TRANSLATE_NOOP(
            "engine", "could not save the decision in {name}: {reason}"
        ),
        "project.save-collation-failed": QT_TRANSLATE_NOOP(
            "engine", "could not save the new collation in {name}: {reason}"
        ),
        "project.save-view-failed": QT_TRANSLATE_NOOP(
            "engine", "could not save the view state in {name}: {reason}"
        ),
        "project.save-lists-failed": QT_TRANSLATE_NOOP(
            "engine", "could not save the word lists in {name}: {reason}"
        ),
        "project.empty": QT_TRANSLATE_NOOP("engine", "{name} is empty, not a Jiaokan project"),
        "project.not-sqlite": QT_TRANSLATE_NOOP(
            "engine", "{name} is not a Jiaokan project (not an SQLite database)"
        ),
        "project.truncated": QT_TRANSLATE_NOOP("engine", "{name} is truncated ({size} bytes)"),
        "project.truncated-of": QT_TRANSLATE_NOOP(
            "engine", "{name} is truncated ({size} of {expected} bytes)"
        ),
        "project.half-written": QT_TRANSLATE_NOOP(
            "engine",
            "{name} was left half-written by an interrupted save;"
            " open it where it can be written to recover it",
        ),
        "project.newer": QT_TRANSLATE_NOOP(
            "engine",
            "{name} was saved by a newer Jiaokan (project format {version};"
            " this version reads up to {supported})",
        ),
        "project.damaged": QT_TRANSLATE_NOOP("engine", "{name} is damaged ({problems})"),
        "project.not-jiaokan": QT_TRANSLATE_NOOP(
            "engine", "{name} is an SQLite database but not a Jiaokan project"
        ),
        "project.foreign-schema": QT_TRANSLATE_NOOP(
            "engine", "{name} is not a Jiaokan project as Jiaokan writes it ({what}); not opened"
        ),
        "project.upgrade-failed": QT_TRANSLATE_NOOP(
            "engine",
            "could not upgrade {name} from project format {version}"
            " to {supported} ({reason}); the file was left as it was",
        ),
        "project.foreign-wal": QT_TRANSLATE_NOOP(
            "engine",
            "{wal} beside {name} is not this project's own write-ahead log (it was copied"
            " from another project or is an old one); move it away to open {name}."
            " Nothing was changed",
        ),
        "project.no-locus": QT_TRANSLATE_NOOP("engine", "no locus {id} in {name}"),
        "project.no-check-fix": QT_TRANSLATE_NOOP(
            "engine",
            "#{id} has no fix from the source checks to accept (they found nothing there,"
            " or the project was collated without them)",
        ),
        # why a project is open read-only (ProjectFile.read_only_why)
        "read-only.asked": QT_TRANSLATE_NOOP("engine", "opened read-only"),
        "read-only.file": QT_TRANSLATE_NOOP("engine", "the file is read-only"),
        "read-only.folder": QT_TRANSLATE_NOOP("engine", "its folder is not writable"),
        "read-only.no-lock-file": QT_TRANSLATE_NOOP(
            "engine", "its lock file cannot be made ({reason})"
        ),
        "read-only.locked": QT_TRANSLATE_NOOP(
            "engine", "open in another Jiaokan window ({holder})"
        ),
        "read-only.lock-changing": QT_TRANSLATE_NOOP(
            "engine", "open in another Jiaokan window (its lock file keeps changing)"
        ),
        "lock.holder": QT_TRANSLATE_NOOP("engine", "pid {pid} on host {host}"),
        "lock.holder-unknown": QT_TRANSLATE_NOOP("engine", "pid unknown"),
        "lock.holder-other-name": QT_TRANSLATE_NOOP("engine", "under another name of the file"),
        # app/store/decisions.py
        "decisions.read-only": QT_TRANSLATE_NOOP("engine", "the project is open read-only"),
        "decisions.no-project": QT_TRANSLATE_NOOP(
            "engine", "there is no project file to keep the decisions in"
        ),
        # app/project/project.py: why a decision could not be placed again after a re-collation
        "unplaced.place-gone": QT_TRANSLATE_NOOP("engine", "its place in the source is gone"),
        "unplaced.reading-changed": QT_TRANSLATE_NOOP("engine", "the accepted reading changed"),
        "unplaced.place-taken": QT_TRANSLATE_NOOP("engine", "another decision holds its place"),
        # app/export/
        "export.overlap": QT_TRANSLATE_NOOP(
            "engine", "divergence #{n} overlaps another or lies outside the source"
        ),
        "export.conflict": QT_TRANSLATE_NOOP(
            "engine",
            "divergence #{n} overlaps #{m} and both change the text: undecide one of them",
        ),
        "export.pair": QT_TRANSLATE_NOOP(
            "engine",
            "divergence #{n} is one half of a pair of marks whose other half, #{m},"
            " is accepted: decide them alike",
        ),
        "export.mismatch": QT_TRANSLATE_NOOP(
            "engine", "divergence #{n} does not match the source; collate again"
        ),
        "export.unencodable": QT_TRANSLATE_NOOP(
            "engine",
            "{char} at line {line}, column {column} of the corrected text"
            " cannot be written in {encoding}{others}{hint}",
        ),
        "export.one-other": QT_TRANSLATE_NOOP("engine", " (and 1 other character)"),
        "export.others": QT_TRANSLATE_NOOP("engine", " (and {n} other characters)"),
        "export.use-utf8": QT_TRANSLATE_NOOP("engine", "; export as UTF-8 instead"),
        "export.unknown-encoding": QT_TRANSLATE_NOOP(
            "engine", "cannot write text in the encoding {encoding}{hint}"
        ),
        "export.cannot-write": QT_TRANSLATE_NOOP("engine", "cannot write {path}: {reason}"),
        # app/export/pdf.py
        "export.pdf-not-pdf": QT_TRANSLATE_NOOP(
            "engine", "proof marks go on a PDF proof, and this project's source is not a PDF"
        ),
        "export.pdf-mismatch": QT_TRANSLATE_NOOP(
            "engine",
            "the project's PDF no longer reads as the text that was collated; collate it again",
        ),
        # app/export/word.py
        "export.docx-mismatch": QT_TRANSLATE_NOOP(
            "engine", "the project's Word document does not match its source text; collate again"
        ),
        "export.docx-character": QT_TRANSLATE_NOOP(
            "engine",
            "{char} at line {line}, column {column} cannot be written in a Word document",
        ),
        # app/store/paths.py: an output that would destroy something; nothing is written
        "output.is-project": QT_TRANSLATE_NOOP(
            "engine", "{path} is the project file itself; it was not overwritten"
        ),
        "output.is-part": QT_TRANSLATE_NOOP(
            "engine", "{path} belongs to the project {name}; it was not overwritten"
        ),
        "output.is-source": QT_TRANSLATE_NOOP(
            "engine", "{path} is the source text; it was not overwritten"
        ),
        "output.is-variant": QT_TRANSLATE_NOOP(
            "engine", "{path} is the variant {witness}; it was not overwritten"
        ),
        "output.same-bytes": QT_TRANSLATE_NOOP(
            "engine",
            "{path} has the bytes of the project's source text or a variant ({name});"
            " it was not overwritten",
        ),
        "output.not-regular": QT_TRANSLATE_NOOP(
            "engine", "{path} is not a regular file (a folder, device, pipe or socket); not written"
        ),
        "output.twice": QT_TRANSLATE_NOOP("engine", "{path} is named as two outputs"),
        "output.exists": QT_TRANSLATE_NOOP(
            "engine", "{path} already exists; give --replace to replace it"
        ),
    }
)
"""Every message id the engine uses, with its English text: what the CLI prints."""


_UNDECODABLE = re.compile("[\udc80-\udcff]")
"""How Python keeps a file name's bytes that are not valid in the file system's encoding
(``surrogateescape``): each as a lone surrogate."""


def readable_name(name: str) -> str:
    """A file name a person can read.

    Bytes of a name that are not valid in the file system's encoding reach
    Python as lone surrogates, which no text can show.  Such a name nearly
    always comes from a Chinese Windows zip or disk (GBK bytes on a UTF-8
    system): each such part of the path is read as GB18030 if it is that,
    and shown with its bytes escaped (``\\xd0``) if not.  The file is
    still opened and compared by its real name; this is only what is shown.
    """
    if not _UNDECODABLE.search(name):
        return name
    parts = []
    for part in re.split(r"([/\\])", name):
        raw = part.encode("utf-8", "surrogateescape")
        if not _UNDECODABLE.search(part):
            parts.append(part)
            continue
        try:
            parts.append(raw.decode("gb18030"))
        except UnicodeDecodeError:
            parts.append(raw.decode("utf-8", "backslashreplace"))
    return "".join(parts)


def quoted(name: str) -> str:
    """A file name (or a name given) as a message shows it: quoted, on one line.

    A name with a line break or another control character is shown as
    Python writes it, escapes and all, so it cannot break the one-line
    message; a name with undecodable bytes as :func:`readable_name` reads it.
    """
    shown = readable_name(name)
    return f"'{shown}'" if shown.isprintable() else repr(shown)


def placeholders(template: str) -> set[str]:
    """The ``{name}`` fields of a template, so both tables can be checked to agree."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@dataclass(frozen=True)
class Message:
    """One engine message: an id of :data:`ENGLISH` and the values of its fields."""

    id: str
    params: Mapping[str, str | Message] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # fail where the message is made, not later where it is shown
        wanted = placeholders(ENGLISH[self.id])
        if set(self.params) != wanted:
            raise ValueError(f"message {self.id} takes {sorted(wanted)}, got {sorted(self.params)}")

    def __str__(self) -> str:
        return ENGLISH[self.id].format_map({k: str(v) for k, v in self.params.items()})


_KNOWN_REASONS = {
    text: id
    for id, text in ENGLISH.items()
    if id.startswith(("reason.", "system.", "sqlite.")) and not placeholders(text)
}


def known_reason(text: str) -> str | Message:
    """A reason from the system or SQLite, as a message when its words are known.

    The English stays the very text given (so the CLI prints what it always
    did); the window can then translate the common ones.
    """
    id = _KNOWN_REASONS.get(text)
    return text if id is None else Message(id)


def os_reason(exc: OSError) -> str | Message:
    """The system's own words for ``exc``, as a message when they are known ones."""
    return known_reason(str(exc.strerror or exc))


def lowered_os_reason(exc: OSError) -> str | Message:
    """The same as a clause after a colon ("cannot read x: permission denied")."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return known_reason(reason[:1].lower() + reason[1:])


def finding_fields(english: str) -> tuple[str, dict[str, str]] | None:
    """What a check found (``Locus.message``, kept in English in the project file) taken
    apart again: the id of its template and the fields filled in, or None (no check's)."""
    for pattern, id in _finding_patterns():
        m = pattern.fullmatch(english)
        if m is not None:
            return id, m.groupdict()
    return None


@cache
def _finding_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each check's English template as a pattern that takes its fields back out."""
    out = []
    for id, template in ENGLISH.items():
        if not id.startswith("check."):
            continue
        pattern = "".join(
            re.escape(literal) + ("" if name is None else f"(?P<{name}>.+?)")
            for literal, name, _, _ in string.Formatter().parse(template)
        )
        out.append((re.compile(pattern, re.DOTALL), id))
    return tuple(out)


def message(id: str, /, **params: str | Message) -> Message:
    """``message("load.binary", path=...)``: a :class:`Message`, briefly."""
    return Message(id, params)


class MessageError(Exception):
    """An error the user can act on: ``str()`` is the English, ``.message`` its parts."""

    def __init__(self, id_or_message: str | Message, /, **params: str | Message) -> None:
        if isinstance(id_or_message, Message):
            self.message = id_or_message
        else:
            self.message = Message(id_or_message, params)
        super().__init__(str(self.message))

    def __reduce__(self) -> tuple[object, ...]:
        # the default would call the class with the English text as an id
        return (type(self), (self.message,))
