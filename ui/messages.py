"""Engine messages in the interface language: the ids of ``app.messages``, translatable.

The engine words its errors in English for the command line and hands the
window a :class:`~app.messages.Message` as well (an id and its parameters).
This table repeats every id with the same English text, marked for
translation in the context ``engine``, so lupdate extracts it; the window
formats the translated template with the parameters, translating the ones
that are messages themselves.  A test keeps this table equal to the engine's.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.messages import Message
from app.project_file import ProjectFile

ENGINE: dict[str, str] = {
    "load.cannot-read": str(QT_TRANSLATE_NOOP("engine", "cannot read {path}: {reason}")),
    "load.binary": str(QT_TRANSLATE_NOOP("engine", "{path} is not a text file (binary data)")),
    "load.undetected": str(
        QT_TRANSLATE_NOOP(
            "engine", "cannot detect the encoding of {path} (tried {encodings}); use --encoding"
        )
    ),
    "load.too-large": str(
        QT_TRANSLATE_NOOP("engine", "{path} is too large ({size}; the limit is {limit})")
    ),
    "load.unknown-encoding": str(QT_TRANSLATE_NOOP("engine", "unknown encoding {encoding}")),
    "load.cannot-decode": str(
        QT_TRANSLATE_NOOP("engine", "cannot decode {path} as {encoding}: {where}")
    ),
    "load.invalid-byte": str(
        QT_TRANSLATE_NOOP("engine", "invalid byte 0x{byte} at offset {offset}")
    ),
    "load.invalid-byte-at-end": str(
        QT_TRANSLATE_NOOP(
            "engine", "invalid byte 0x{byte} at offset {offset} (the file ends inside a character)"
        )
    ),
    "size.bytes": str(QT_TRANSLATE_NOOP("engine", "{n} bytes")),
    "size.megabytes": str(QT_TRANSLATE_NOOP("engine", "{n} MB")),
    "reason.no-such-file": str(QT_TRANSLATE_NOOP("engine", "no such file")),
    "reason.no-such-folder": str(QT_TRANSLATE_NOOP("engine", "no such folder")),
    "reason.is-a-directory": str(QT_TRANSLATE_NOOP("engine", "is a directory")),
    "reason.not-a-regular-file": str(QT_TRANSLATE_NOOP("engine", "not a regular file")),
    "reason.permission-denied": str(QT_TRANSLATE_NOOP("engine", "permission denied")),
    "reason.not-a-valid-path": str(QT_TRANSLATE_NOOP("engine", "not a valid path")),
    "reason.no-space-left": str(QT_TRANSLATE_NOOP("engine", "no space left on device")),
    "reason.read-only-file-system": str(QT_TRANSLATE_NOOP("engine", "read-only file system")),
    "system.no-such-file-or-directory": str(
        QT_TRANSLATE_NOOP("engine", "No such file or directory")
    ),
    "system.permission-denied": str(QT_TRANSLATE_NOOP("engine", "Permission denied")),
    "system.is-a-directory": str(QT_TRANSLATE_NOOP("engine", "Is a directory")),
    "system.not-a-directory": str(QT_TRANSLATE_NOOP("engine", "Not a directory")),
    "system.no-space-left": str(QT_TRANSLATE_NOOP("engine", "No space left on device")),
    "system.read-only-file-system": str(QT_TRANSLATE_NOOP("engine", "Read-only file system")),
    "sqlite.locked": str(QT_TRANSLATE_NOOP("engine", "database is locked")),
    "sqlite.read-only": str(QT_TRANSLATE_NOOP("engine", "attempt to write a readonly database")),
    "sqlite.full": str(QT_TRANSLATE_NOOP("engine", "database or disk is full")),
    "sqlite.io-error": str(QT_TRANSLATE_NOOP("engine", "disk I/O error")),
    "sqlite.malformed": str(QT_TRANSLATE_NOOP("engine", "database disk image is malformed")),
    "sqlite.not-a-database": str(QT_TRANSLATE_NOOP("engine", "file is not a database")),
    "project.not-a-file": str(QT_TRANSLATE_NOOP("engine", "{name} is not a file")),
    "project.cannot-open": str(QT_TRANSLATE_NOOP("engine", "cannot open {name}: {reason}")),
    "project.cannot-read": str(QT_TRANSLATE_NOOP("engine", "cannot read {name}: {reason}")),
    "project.cannot-write": str(QT_TRANSLATE_NOOP("engine", "cannot write {name}: {reason}")),
    "project.invalid-decision": str(
        QT_TRANSLATE_NOOP("engine", "{name} holds an invalid decision: {reason}")
    ),
    "project.is-itself": str(QT_TRANSLATE_NOOP("engine", "{name} is this project itself")),
    "project.open-read-only": str(
        QT_TRANSLATE_NOOP("engine", "{name} is open read-only: {reason}")
    ),
    "project.not-replaced": str(
        QT_TRANSLATE_NOOP("engine", "{name} is read-only; it was not replaced")
    ),
    "project.save-decision-failed": str(
        QT_TRANSLATE_NOOP("engine", "could not save the decision in {name}: {reason}")
    ),
    "project.save-collation-failed": str(
        QT_TRANSLATE_NOOP("engine", "could not save the new collation in {name}: {reason}")
    ),
    "project.save-view-failed": str(
        QT_TRANSLATE_NOOP("engine", "could not save the view state in {name}: {reason}")
    ),
    "project.empty": str(QT_TRANSLATE_NOOP("engine", "{name} is empty, not a Jiaokan project")),
    "project.not-sqlite": str(
        QT_TRANSLATE_NOOP("engine", "{name} is not a Jiaokan project (not an SQLite database)")
    ),
    "project.truncated": str(QT_TRANSLATE_NOOP("engine", "{name} is truncated ({size} bytes)")),
    "project.truncated-of": str(
        QT_TRANSLATE_NOOP("engine", "{name} is truncated ({size} of {expected} bytes)")
    ),
    "project.half-written": str(
        QT_TRANSLATE_NOOP(
            "engine",
            "{name} was left half-written by an interrupted save; open it "
            "where it can be written to recover it",
        )
    ),
    "project.newer": str(
        QT_TRANSLATE_NOOP(
            "engine",
            "{name} was saved by a newer Jiaokan (project format "
            "{version}; this version reads up to {supported})",
        )
    ),
    "project.damaged": str(QT_TRANSLATE_NOOP("engine", "{name} is damaged ({problems})")),
    "project.not-jiaokan": str(
        QT_TRANSLATE_NOOP("engine", "{name} is an SQLite database but not a Jiaokan project")
    ),
    "project.upgrade-failed": str(
        QT_TRANSLATE_NOOP(
            "engine",
            "could not upgrade {name} from project format {version} to "
            "{supported} ({reason}); the file was left as it was",
        )
    ),
    "project.no-locus": str(QT_TRANSLATE_NOOP("engine", "no locus {id} in {name}")),
    "read-only.asked": str(QT_TRANSLATE_NOOP("engine", "opened read-only")),
    "read-only.file": str(QT_TRANSLATE_NOOP("engine", "the file is read-only")),
    "read-only.folder": str(QT_TRANSLATE_NOOP("engine", "its folder is not writable")),
    "read-only.no-lock-file": str(
        QT_TRANSLATE_NOOP("engine", "its lock file cannot be made ({reason})")
    ),
    "read-only.locked": str(
        QT_TRANSLATE_NOOP("engine", "open in another Jiaokan window ({holder})")
    ),
    "read-only.lock-changing": str(
        QT_TRANSLATE_NOOP("engine", "open in another Jiaokan window (its lock file keeps changing)")
    ),
    "lock.holder": str(QT_TRANSLATE_NOOP("engine", "pid {pid} on host {host}")),
    "lock.holder-unknown": str(QT_TRANSLATE_NOOP("engine", "pid unknown")),
    "decisions.read-only": str(QT_TRANSLATE_NOOP("engine", "the project is open read-only")),
    "unplaced.place-gone": str(QT_TRANSLATE_NOOP("engine", "its place in the source is gone")),
    "unplaced.reading-changed": str(QT_TRANSLATE_NOOP("engine", "the accepted reading changed")),
    "export.overlap": str(
        QT_TRANSLATE_NOOP("engine", "divergence #{n} overlaps another or lies outside the source")
    ),
    "export.mismatch": str(
        QT_TRANSLATE_NOOP("engine", "divergence #{n} does not match the source; collate again")
    ),
    "export.unencodable": str(
        QT_TRANSLATE_NOOP(
            "engine",
            "{char} at line {line}, column {column} of the corrected text "
            "cannot be written in {encoding}{others}{hint}",
        )
    ),
    "export.one-other": str(QT_TRANSLATE_NOOP("engine", " (and 1 other character)")),
    "export.others": str(QT_TRANSLATE_NOOP("engine", " (and {n} other characters)")),
    "export.use-utf8": str(QT_TRANSLATE_NOOP("engine", "; export as UTF-8 instead")),
    "export.unknown-encoding": str(
        QT_TRANSLATE_NOOP("engine", "cannot write text in the encoding {encoding}{hint}")
    ),
    "export.cannot-write": str(QT_TRANSLATE_NOOP("engine", "cannot write {path}: {reason}")),
}


def message_text(message: Message) -> str:
    """The message in the interface language (English without a translator)."""
    params = {
        key: value if isinstance(value, str) else message_text(value)
        for key, value in message.params.items()
    }
    source = ENGINE.get(message.id)
    if source is None:  # kept equal to the engine's by a test; never an empty dialog
        return str(message)
    try:
        return QCoreApplication.translate("engine", source).format_map(params)
    except (KeyError, IndexError, ValueError):  # a translation that broke a placeholder
        return source.format_map(params)


def error_text(error: BaseException) -> str:
    """What a dialog says about ``error``: an engine error in the window's language.

    Other exceptions (an ``OSError`` from the file system) keep their own text.
    """
    message = getattr(error, "message", None)
    return message_text(message) if isinstance(message, Message) else str(error)


def read_only_text(file: ProjectFile) -> str:
    """Why ``file`` is open read-only, in the interface language ("" if it is not)."""
    why = file.read_only_why
    return "" if why is None else message_text(why)
