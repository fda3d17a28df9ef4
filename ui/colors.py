"""Colours for the kinds and classes of divergence, for light and dark palettes alike.

The hues follow Okabe & Ito's colour-blind-safe set, which tells its members apart by
lightness as well as hue, so the marks stay distinct under deuteranopia, protanopia and
tritanopia.  Two families are derived from them:

* backgrounds sit behind running Chinese text, so they are pale tints on a light palette
  and deep tints on a dark one, each keeping the text (dark on light, light on dark) at
  a contrast of at least 7:1 (WCAG AAA); they are fixed hex values rather than computed
  so that a designer can tune them and the tests can pin the contrast;
* marks are the saturated colours of the overview ruler and the legend, where there is
  no text to keep readable and the colour alone must carry the kind.

Only the window colour decides whether a palette is dark: that is what the panes, the
ruler and the legend are painted on, whatever the platform reports as its scheme.

There are two schemes, *standard* (below) and *high contrast* (strong hues, pure black
or white text forced over them, the current divergence in reverse video, thicker
marks), and the editor may override the mark of any kind or class (Preferences).  The
functions of this module are the one place the views ask for a colour: they read the
*active* :class:`ColourSet`, which :func:`set_scheme` replaces, so a view only has to
repaint to follow a change.  An override gives the mark; the backgrounds behind text are
derived from it by :func:`readable_tint`, so no choice can make the text unreadable.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor, QPalette

from app.classes.checks import CHECK_WITNESS
from app.collation.loci import KINDS

# Source strings for translation; QT_TRANSLATE_NOOP lets pyside6-lupdate find them here,
# while kind_label() does the look-up at run time, after a translator is installed.
# What the Preferences offer to recolour: the kinds, the corrected text's decided changes
# and the source checks' findings (the classes come from app.classes.classify.CLASSES).
COLOUR_KINDS: tuple[str, ...] = (*KINDS, CHECK_WITNESS, "decided")

SCHEMES: tuple[str, ...] = ("standard", "high_contrast")
SCHEME_LABELS: dict[str, str] = {
    "standard": str(QT_TRANSLATE_NOOP("colours", "Standard")),
    "high_contrast": str(QT_TRANSLATE_NOOP("colours", "High contrast")),
}

KIND_LABELS: dict[str, str] = {
    "substitution": str(QT_TRANSLATE_NOOP("kinds", "substitution")),
    "insertion": str(QT_TRANSLATE_NOOP("kinds", "insertion")),
    "deletion": str(QT_TRANSLATE_NOOP("kinds", "deletion")),
    "transposition": str(QT_TRANSLATE_NOOP("kinds", "transposition")),
    "duplication": str(QT_TRANSLATE_NOOP("kinds", "duplication")),
    "move": str(QT_TRANSLATE_NOOP("kinds", "move")),
    # a finding of the source checks (app/classes/checks.py), shown as a kind of its own
    "check": str(QT_TRANSLATE_NOOP("kinds", "check")),
    # a change the proofreader made, in the corrected-text view
    "decided": str(QT_TRANSLATE_NOOP("kinds", "decided")),
}

# (light palette, dark palette).  Okabe–Ito: orange, bluish green, vermillion, reddish
# purple, sky blue, blue; the dark palette's blue is lifted because #0072B2 all but
# vanishes on a dark window (2.4:1), and sky blue stays lighter so the two blues differ.
_MARKS: dict[str, tuple[str, str]] = {
    "substitution": ("#e69f00", "#e69f00"),
    "insertion": ("#009e73", "#009e73"),
    "deletion": ("#d55e00", "#d55e00"),
    "transposition": ("#cc79a7", "#cc79a7"),
    "duplication": ("#56b4e9", "#56b4e9"),
    "move": ("#0072b2", "#3f90dd"),
    # not a kind: a change the proofreader made, in the corrected-text view
    "decided": ("#2e8b57", "#5cc98a"),
    "check": ("#9a9a00", "#c8c83c"),
}

# The same hues in OKLCH at an even lightness, pale for dark text and deep for light text,
# with at least 7:1 even for the softer text of many themes (#333333 on light, #dcdcdc on
# dark), not only for black and white.  Duplication leans to cyan and move to indigo so
# the two blues stay apart even where there is little lightness to separate them.
_BACKGROUNDS: dict[str, tuple[str, str]] = {
    "substitution": ("#ffdca9", "#5a3e09"),
    "insertion": ("#8fe3c0", "#044b35"),
    "deletion": ("#ffbf9f", "#5f3219"),
    "transposition": ("#fcc6e3", "#62344e"),
    "duplication": ("#c1edff", "#044a64"),
    "move": ("#aac8fe", "#183060"),
    "decided": ("#c6efce", "#1e5631"),
    "check": ("#f3f0a0", "#4d4a0e"),
}

# The proofreader's classes (View ▸ Colour by class): hue families by group, so
# 错字 reads warm, 漏 green, 多 red, forms violet, and lighter or deeper within a group.
_CLASS_COLOURS: dict[str, tuple[str, str, str, str]] = {
    # class: (mark light, mark dark, background light, background dark)
    "homophone": ("#e69f00", "#e69f00", "#ffe3b3", "#5a4209"),
    "similar_shape": ("#b8860b", "#d4a72c", "#f5e6a8", "#4f430b"),
    "substitution": ("#d55e00", "#e07a2e", "#ffd0b0", "#5e3112"),
    "missing": ("#009e73", "#2fbf91", "#a8ead0", "#0b4a37"),
    "missing_sentence": ("#00795a", "#2aa57e", "#8fdcbf", "#07402f"),
    "missing_paragraph": ("#005c44", "#1f8a68", "#7ccfb0", "#053626"),
    "extra": ("#cc3311", "#e0583b", "#ffc2b0", "#5e2414"),
    "extra_sentence": ("#a52a0f", "#c94a30", "#f7ad99", "#54200f"),
    "extra_paragraph": ("#7f1f0b", "#b03a24", "#ee9a85", "#4a1b0c"),
    "moved": ("#0072b2", "#3f90dd", "#aac8fe", "#183060"),
    "swap": ("#cc79a7", "#cc79a7", "#fcc6e3", "#62344e"),
    "doubled": ("#56b4e9", "#56b4e9", "#c1edff", "#044a64"),
    "script": ("#6a5acd", "#8f82e6", "#dcd6ff", "#3a3270"),
    "variant_form": ("#8a63d2", "#a786e6", "#e6d9ff", "#44306a"),
    "width": ("#7f7f7f", "#a0a0a0", "#e3e3e3", "#404040"),
    "punctuation": ("#8c564b", "#b07a6f", "#ecd5cf", "#4b2f29"),
    "number": ("#17a2b8", "#3cc4d9", "#c7f2f7", "#0d4b52"),
    "foreign": ("#c2409a", "#e377c2", "#fbd3ef", "#5d2a4f"),
    # the editor's larger units: a reworded word or phrase and a differing passage read as
    # deeper 错字; a text that stops early and a page's continuation line, muted
    "reworded": ("#a0522d", "#cf7f56", "#f5d0bc", "#53291a"),
    "passage": ("#8b2e16", "#bd5a3f", "#efbcab", "#4a1d12"),
    "truncated": ("#8c4a6b", "#b9779a", "#ecd0de", "#45263a"),
    "jump_line": ("#6b7a1f", "#98a84a", "#e2e8bf", "#363d10"),
}
for _cls, (_ml, _md, _bl, _bd) in _CLASS_COLOURS.items():
    _MARKS.setdefault(_cls, (_ml, _md))
    _BACKGROUNDS.setdefault(_cls, (_bl, _bd))

# A kind the engine may add later must still be drawn, just without meaning.
_NEUTRAL_MARK = ("#8c8c8c", "#a0a0a0")
_NEUTRAL_BACKGROUND = ("#e3e3e3", "#404040")

# Neither a hue of a kind nor the palette's selection colour, so the current locus reads
# as "this one" whatever its kind; near-black/near-white outlines every tint at >= 7:1.
_CURRENT = ("#1f1f1f", "#f2f2f2")

# High contrast: for an editor who sees little colour and little contrast.  The marks are
# deep on a light palette and bright on a dark one (>= 4.5:1 on the ruler's base), the
# backgrounds behind text are derived from them at full strength rather than as pale
# tints, and the text over them is forced to pure black or white, which is what lets the
# backgrounds be that strong and still keep 7:1.  Kinds get hues far apart; classes keep
# the standard set's families (warm 错字, green 漏, red 多, violet forms).
_HC_MARKS: dict[str, tuple[str, str]] = {
    "substitution": ("#b35900", "#ffa733"),
    "insertion": ("#007a33", "#33e07a"),
    "deletion": ("#c8000a", "#ff6666"),
    "transposition": ("#a0009f", "#ff66ff"),
    "duplication": ("#006f8f", "#33d6ff"),
    "move": ("#1f3fd0", "#8fa8ff"),
    "decided": ("#2f6f00", "#9be35a"),
    "check": ("#6b5f00", "#e6d300"),
    "homophone": ("#8a6200", "#ffc933"),
    "similar_shape": ("#6b6b00", "#e6e633"),
    "missing": ("#007a33", "#33e07a"),
    "missing_sentence": ("#007a5c", "#33e0b0"),
    "missing_paragraph": ("#3d7a00", "#9be033"),
    "extra": ("#c8000a", "#ff6666"),
    "extra_sentence": ("#b3003c", "#ff6699"),
    "extra_paragraph": ("#b32d00", "#ff8052"),
    "moved": ("#1f3fd0", "#8fa8ff"),
    "swap": ("#a0009f", "#ff66ff"),
    "doubled": ("#006f8f", "#33d6ff"),
    "script": ("#6a2ccf", "#b38cff"),
    "variant_form": ("#7f1fb3", "#d98cff"),
    "width": ("#595959", "#bfbfbf"),
    "punctuation": ("#7a4a2e", "#d9a37f"),
    "number": ("#00569e", "#5cb8ff"),
    "foreign": ("#b3007a", "#ff66cc"),
    "reworded": ("#8f3d00", "#ff9f5c"),
    "passage": ("#7a1f00", "#ff8a66"),
    "truncated": ("#80285c", "#f28cc4"),
    "jump_line": ("#4d5c00", "#c8db4a"),
}
_HC_NEUTRAL_MARK = ("#595959", "#bfbfbf")
_HC_CURRENT = ("#000000", "#ffffff")
_HC_TEXT = ("#000000", "#ffffff")

# The texts a background must carry at 7:1: pure and the softer text of many themes,
# (on a light palette, on a dark one); high contrast forces pure text, so only that.
_SOFT_TEXTS = (("#000000", "#333333"), ("#ffffff", "#dcdcdc"))
_PURE_TEXTS = (("#000000",), ("#ffffff",))
TEXT_CONTRAST = 7.0
# A mark picked for a light palette is lifted until it shows on a dark ruler this well.
MARK_CONTRAST = 3.0
_DARK_RULER = "#2d2d2d"


def luminance(color: QColor) -> float:
    """WCAG 2 relative luminance."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (color.redF(), color.greenF(), color.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio, from 1 (none) to 21 (black on white)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _shift_until(color: QColor, up: bool, ok: Callable[[QColor], bool]) -> QColor:
    """``color`` made lighter (``up``) or darker in HSL steps until ``ok(candidate)``.

    Hue and saturation stay, so the result still reads as the colour that was picked.
    """
    hue = max(color.hslHueF(), 0.0)  # -1 for greys
    sat = color.hslSaturationF()
    light = color.lightnessF()
    for _ in range(201):
        candidate = QColor.fromHslF(hue, sat, min(max(light, 0.0), 1.0))
        # hex, as stored and as painted, so the check is on the colour that is shown
        candidate = QColor(candidate.name())
        if ok(candidate):
            return candidate
        light += 0.005 if up else -0.005
    return QColor("#ffffff" if up else "#000000")


def readable_tint(color: QColor, dark: bool, strong: bool = False) -> QColor:
    """A background of ``color``'s hue that keeps text at >= 7:1 on this palette.

    Standard tints start pale (light palette) or deep (dark palette), like the fixed
    ones; ``strong`` starts from the colour itself, for the high-contrast scheme, whose
    text is forced to pure black or white.
    """
    texts = [QColor(t) for t in (_PURE_TEXTS if strong else _SOFT_TEXTS)[dark]]
    start = QColor(color)
    if not strong:
        hue, sat = max(color.hslHueF(), 0.0), color.hslSaturationF()
        start = QColor.fromHslF(hue, sat, min(color.lightnessF(), 0.2) if dark else 0.85)
    return _carrying(texts, start, dark)


def _carrying(texts: list[QColor], start: QColor, dark: bool) -> QColor:
    """``start`` made lighter (light palette) or darker until every text keeps 7:1 on it."""
    margin = TEXT_CONTRAST + 0.05
    return _shift_until(start, not dark, lambda c: min(contrast(t, c) for t in texts) >= margin)


@lru_cache(maxsize=512)
def _tint(name: str, dark: bool, strong: bool) -> str:
    """readable_tint by colour name, remembered: a repaint may ask for it per span."""
    return readable_tint(QColor(name), dark, strong).name()


def visible_mark(color: QColor, dark: bool) -> QColor:
    """The picked mark as drawn: as chosen on a light palette, lifted to show on a dark one."""
    if not dark:
        return QColor(color.name())
    ruler = QColor(_DARK_RULER)
    return _shift_until(color, True, lambda c: contrast(c, ruler) >= MARK_CONTRAST + 0.05)


@dataclass(frozen=True)
class ColourSet:
    """One scheme's colours with the editor's overrides applied: what the views paint."""

    scheme: str = "standard"
    overrides: Mapping[str, str] = field(default_factory=dict)
    marks: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    backgrounds: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def high_contrast(self) -> bool:
        return self.scheme == "high_contrast"

    def mark(self, key: str, dark: bool) -> QColor:
        neutral = _HC_NEUTRAL_MARK if self.high_contrast else _NEUTRAL_MARK
        return QColor(self.marks.get(key, neutral)[dark])

    def background(self, key: str, dark: bool) -> QColor:
        found = self.backgrounds.get(key)
        if found is None:
            if not self.high_contrast:
                return QColor(_NEUTRAL_BACKGROUND[dark])
            return QColor(_tint(self.mark(key, dark).name(), dark, True))
        return QColor(found[dark])

    def current(self, dark: bool) -> QColor:
        return QColor((_HC_CURRENT if self.high_contrast else _CURRENT)[dark])

    def text(self, dark: bool) -> QColor | None:
        """The text colour forced over backgrounds, or None to keep the palette's."""
        return QColor(_HC_TEXT[dark]) if self.high_contrast else None

    def current_background(self, key: str, dark: bool) -> QColor:
        """Behind the current divergence: stronger than its tint, still readable.

        High contrast shows it in reverse video (text in the background's colour).
        """
        if self.high_contrast:
            return self.current(dark)
        mark = self.mark(key, dark).lighter(70 if dark else 130)
        texts = [QColor(t) for t in _SOFT_TEXTS[dark]]
        if min(contrast(t, mark) for t in texts) >= TEXT_CONTRAST:
            return mark
        return _carrying(texts, mark, dark)

    def current_text(self, dark: bool) -> QColor | None:
        """The text of the current divergence, when the scheme forces one."""
        return QColor(_HC_TEXT[not dark]) if self.high_contrast else None

    @property
    def emphasis(self) -> int:
        """Extra pixels for insertion bars and the ruler's outline (high contrast: thicker)."""
        return 2 if self.high_contrast else 0


def build(scheme: str = "standard", overrides: Mapping[str, str] | None = None) -> ColourSet:
    """The colours of ``scheme`` (unknown: standard) with ``overrides`` (key -> #rrggbb)."""
    if scheme not in SCHEMES:
        scheme = "standard"
    strong = scheme == "high_contrast"
    marks = dict(_HC_MARKS if strong else _MARKS)
    backgrounds: dict[str, tuple[str, str]] = {}
    if strong:
        for key, (light, dark) in marks.items():
            backgrounds[key] = (
                readable_tint(QColor(light), False, True).name(),
                readable_tint(QColor(dark), True, True).name(),
            )
    else:
        backgrounds.update(_BACKGROUNDS)
    valid = {k: v for k, v in (overrides or {}).items() if QColor.isValidColorName(v)}
    for key, value in valid.items():
        picked = QColor(value)
        marks[key] = (visible_mark(picked, False).name(), visible_mark(picked, True).name())
        backgrounds[key] = (
            readable_tint(picked, False, strong).name(),
            readable_tint(visible_mark(picked, True), True, strong).name(),
        )
    return ColourSet(scheme, valid, marks, backgrounds)


_active = build()
_version = 0


def set_scheme(scheme: str, overrides: Mapping[str, str] | None = None) -> None:
    """Make ``scheme`` with ``overrides`` what every view paints from its next repaint on."""
    global _active, _version
    _active = build(scheme, overrides)
    _version += 1


def active() -> ColourSet:
    return _active


def version() -> int:
    """Changes with every :func:`set_scheme`, for views that cache painted colours."""
    return _version


def is_dark(palette: QPalette) -> bool:
    """Whether text on this palette is light on dark, judged by the window colour."""
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def kind_background(kind: str, dark: bool) -> QColor:
    """The tint behind a divergence's text in the panes."""
    return _active.background(kind, dark)


def kind_mark(kind: str, dark: bool) -> QColor:
    """The saturated colour of a kind where no text sits on it: ruler marks, swatches."""
    return _active.mark(kind, dark)


def current_color(dark: bool) -> QColor:
    """The outline that singles out the selected divergence, on any tint or mark."""
    return _active.current(dark)


def text_color(dark: bool) -> QColor | None:
    """The text over a background when the scheme forces one (high contrast), else None."""
    return _active.text(dark)


def kind_label(kind: str) -> str:
    """The kind's name for display, translated once a translator is installed."""
    source = KIND_LABELS.get(kind)
    if source is None:
        return kind
    return QCoreApplication.translate("kinds", source)


def scheme_label(scheme: str) -> str:
    return QCoreApplication.translate("colours", SCHEME_LABELS.get(scheme, scheme))


def class_label(cls: str) -> str:
    """The Chinese label a proofreader uses for a class (the window shows these)."""
    from app.classes.classify import CLASS_LABELS_ZH

    return CLASS_LABELS_ZH.get(cls, cls)
