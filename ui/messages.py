"""Engine messages in the interface language, looked up by their English template.

The engine words its errors in English for the command line and hands the
window a :class:`~app.messages.Message` as well (an id and its parameters).
Its templates are marked for lupdate in ``app/messages.py`` itself, in the
context ``engine`` (the Makefile and the i18n test read that file with
``ui/``), so the window formats the translated template with the parameters,
translating in turn the ones that are messages themselves.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.messages import ENGLISH, Message
from app.project.file import ProjectFile


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
