"""Engine messages in the interface language, looked up by their English template.

The engine words its errors in English for the command line and hands the
window a :class:`~app.messages.Message` as well (an id and its parameters).
Its templates are marked for lupdate in ``app/messages.py`` itself, in the
context ``engine`` (the Makefile and the i18n test read that file with
``ui/``), so the window formats the translated template with the parameters,
translating in turn the ones that are messages themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from app.messages import ENGLISH, Message, finding_fields, message, readable_name
from app.store.file import ProjectFile
from app.text.ocr import OCR_FORMAT
from app.text.pdf import PDF_FORMAT
from app.text.word import WORD_FORMAT


def message_text(message: Message) -> str:
    """The message in the interface language (English without a translator)."""
    params = {
        key: value if isinstance(value, str) else message_text(value)
        for key, value in message.params.items()
    }
    source = ENGLISH[message.id]  # also the text lupdate extracted from app/messages.py
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


def encoding_text(encoding: str) -> str:
    """How the window names a text's encoding: a Word document is "Word", not "docx"."""
    if encoding == WORD_FORMAT:
        return QCoreApplication.translate("Messages", "Word")
    if encoding == PDF_FORMAT:
        return "PDF"
    if encoding == OCR_FORMAT:
        return "OCR"
    return encoding


def unread_parts(unread: Sequence[Message]) -> str:
    """The kinds of text a Word document has that were not read (``LoadedText.unread``)
    in the interface language ("headers, footnotes"; "页眉、脚注"), or "" if none."""
    # the list separator: "、" in Chinese
    separator = QCoreApplication.translate("Messages", ", ")
    return separator.join(message_text(part) for part in unread)


def unread_text(path: str, unread: Sequence[Message]) -> str:
    """``甲本.docx: not read: headers, footnotes`` in the interface language, or ""."""
    parts = unread_parts(unread)
    if not parts:
        return ""
    return message_text(message("word.unread", path=readable_name(Path(path).name), parts=parts))


def finding_text(english: str) -> str:
    """What a check found (``Locus.message``, kept in English in the project file) in the
    interface language: its template is found again and filled in translated."""
    found = finding_fields(english)
    return english if found is None else message_text(message(found[0], **found[1]))
