"""Colours for the six kinds of divergence, for light and dark palettes alike.

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
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor, QPalette

KINDS: tuple[str, ...] = (
    "substitution",
    "insertion",
    "deletion",
    "transposition",
    "duplication",
    "move",
)

# Source strings for translation; QT_TRANSLATE_NOOP lets pyside6-lupdate find them here,
# while kind_label() does the look-up at run time, after a translator is installed.
KIND_LABELS: dict[str, str] = {
    "substitution": str(QT_TRANSLATE_NOOP("kinds", "substitution")),
    "insertion": str(QT_TRANSLATE_NOOP("kinds", "insertion")),
    "deletion": str(QT_TRANSLATE_NOOP("kinds", "deletion")),
    "transposition": str(QT_TRANSLATE_NOOP("kinds", "transposition")),
    "duplication": str(QT_TRANSLATE_NOOP("kinds", "duplication")),
    "move": str(QT_TRANSLATE_NOOP("kinds", "move")),
    # a finding of the source checks (app/checks.py), shown as a kind of its own
    "check": str(QT_TRANSLATE_NOOP("kinds", "check")),
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


def is_dark(palette: QPalette) -> bool:
    """Whether text on this palette is light on dark, judged by the window colour."""
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def kind_background(kind: str, dark: bool) -> QColor:
    """The tint behind a divergence's text in the panes."""
    return QColor(_BACKGROUNDS.get(kind, _NEUTRAL_BACKGROUND)[dark])


def kind_mark(kind: str, dark: bool) -> QColor:
    """The saturated colour of a kind where no text sits on it: ruler marks, swatches."""
    return QColor(_MARKS.get(kind, _NEUTRAL_MARK)[dark])


def current_color(dark: bool) -> QColor:
    """The outline that singles out the selected divergence, on any tint or mark."""
    return QColor(_CURRENT[dark])


def kind_label(kind: str) -> str:
    """The kind's name for display, translated once a translator is installed."""
    source = KIND_LABELS.get(kind)
    if source is None:
        return kind
    return QCoreApplication.translate("kinds", source)


def class_label(cls: str) -> str:
    """The Chinese label a proofreader uses for a class (the window shows these)."""
    from app.classify import CLASS_LABELS_ZH

    return CLASS_LABELS_ZH.get(cls, cls)
