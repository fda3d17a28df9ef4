"""Per-user settings: language, font, zoom, colours, window geometry, splitters, rules.

Stored as an INI file under platformdirs' user config dir (never Qt's own
default location), so tests can redirect it with XDG_CONFIG_HOME and an
editor can find and delete it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QColor

from app.export.word import DEFAULT_AUTHOR
from app.text.normalize import ALL_RULES
from ui.colors import SCHEMES

MIN_FONT, MAX_FONT = 8.0, 40.0
"""The text panes' font size bounds (points), for zoom and the Preferences alike."""

APPEARANCES: tuple[str, ...] = ("system", "light", "dark")


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir("jiaokan", appauthor=False)) / "jiaokan.ini"


class Settings:
    """Typed access to the few values the window keeps between runs."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._qs.sync()

    # -- text -------------------------------------------------------------

    def font_family(self) -> str:
        return str(self._qs.value("text/font_family", ""))

    def set_font_family(self, family: str) -> None:
        self._qs.setValue("text/font_family", family)

    def font_size(self) -> float:
        return _float(self._qs.value("text/font_size"), 12.0)

    def set_font_size(self, size: float) -> None:
        self._qs.setValue("text/font_size", size)

    def colour_by_class(self) -> bool:
        return str(self._qs.value("view/colour_by_class", "false")).lower() == "true"

    def set_colour_by_class(self, on: bool) -> None:
        self._qs.setValue("view/colour_by_class", "true" if on else "false")

    # -- colours ----------------------------------------------------------

    def colour_scheme(self) -> str:
        """ "standard" or "high_contrast" (ui.colors.SCHEMES); anything else reads as standard."""
        value = str(self._qs.value("colours/scheme", "standard"))
        return value if value in SCHEMES else "standard"

    def set_colour_scheme(self, scheme: str) -> None:
        self._qs.setValue("colours/scheme", scheme)

    def colour_overrides(self, scheme: str) -> dict[str, str]:
        """The editor's marks for ``scheme``, key (kind or class) -> #rrggbb; bad ones dropped."""
        self._qs.beginGroup(f"colours_{scheme}")
        try:
            found = {key: str(self._qs.value(key)) for key in self._qs.childKeys()}
        finally:
            self._qs.endGroup()
        return {k: v for k, v in found.items() if QColor.isValidColorName(v)}

    def set_colour_overrides(self, scheme: str, overrides: Mapping[str, str]) -> None:
        self._qs.remove(f"colours_{scheme}")
        for key, value in overrides.items():
            self._qs.setValue(f"colours_{scheme}/{key}", value)

    def appearance(self) -> str:
        """ "system" (follow it), "light" or "dark"."""
        value = str(self._qs.value("view/appearance", "system"))
        return value if value in APPEARANCES else "system"

    def set_appearance(self, appearance: str) -> None:
        self._qs.setValue("view/appearance", appearance)

    # -- language ---------------------------------------------------------

    def language(self) -> str:
        """The interface language: "" follows the system locale, else "en", "zh_CN", "zh_TW"."""
        return str(self._qs.value("view/language", ""))

    def set_language(self, language: str) -> None:
        self._qs.setValue("view/language", language)

    # -- exports ------------------------------------------------------------

    def proofreader_name(self) -> str:
        """The author of the tracked changes and comments of a Word export; never empty."""
        return str(self._qs.value("export/proofreader_name", "")).strip() or DEFAULT_AUTHOR

    def set_proofreader_name(self, name: str) -> None:
        """An empty name goes back to the default (DEFAULT_AUTHOR)."""
        name = name.strip()
        if name and name != DEFAULT_AUTHOR:
            self._qs.setValue("export/proofreader_name", name)
        else:
            self._qs.remove("export/proofreader_name")

    # -- rules ------------------------------------------------------------

    def rules(self) -> tuple[str, ...]:
        raw = self._qs.value("collate/rules")
        if raw is None:
            return ALL_RULES
        names = [n for n in str(raw).split(",") if n in ALL_RULES]
        return tuple(r for r in ALL_RULES if r in names)

    def set_rules(self, rules: tuple[str, ...]) -> None:
        self._qs.setValue("collate/rules", ",".join(rules) or "none")

    # -- window state -------------------------------------------------------

    def last_folder(self, kind: str) -> str:
        """The folder last used for ``kind`` of file ("texts", "projects", "exports"), or ""."""
        return str(self._qs.value(f"folders/{kind}", ""))

    def set_last_folder(self, kind: str, path: str) -> None:
        """Remember the folder of ``path`` (a file) for the next dialog of ``kind``."""
        if path:
            self._qs.setValue(f"folders/{kind}", str(Path(path).parent))

    def state(self, key: str) -> QByteArray | None:
        value = self._qs.value(f"window/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_state(self, key: str, value: QByteArray) -> None:
        self._qs.setValue(f"window/{key}", value)


def _float(value: Any, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default
