"""The reading order of a PDF page, its running heads and page numbers, and its text.

``app/text/pdf.py`` gets each character of a page's text layer from PDFium
with its box; everything after that is plain Python on boxes, here:

1. A page's characters are cut into horizontal *bands* where no character
   spans the gap between them (a line, or lines of two columns side by side).
2. Consecutive bands that share an empty vertical strip at least
   :data:`GUTTER_EMS` wide inside the text (a gutter) form a *section* read
   column by column; a band that crosses the strip starts a new section, and
   so does a ruled line drawn across a gutter (a table's row border), so a
   table is read row by row, cell by cell, as the manuscript's table is.
   Columns are read the same way again inside (a table in a column).
3. Inside a column, characters form lines by their vertical middles, and a
   line is read left to right by the boxes, whatever order the file drew it in.

Running heads and page numbers are recognised and left out: a line among the
two outermost at the top or bottom of a page, apart from the body, whose text
(digits aside) stands at the same height on another page, or a number there
that counts up with the pages (:func:`drop_heads`).

Lines are then joined (:func:`assemble`): with nothing between Chinese
characters, with a space between Latin words, with nothing after a hyphen
that only marks a word broken at the line end; a paragraph ends (``"\\n"``)
where the next line's first word would have fitted, the next is indented or
stands further down than the line pitch, and at every table cell.  Spaces
drawn to justify Chinese text are dropped, several in a row are one.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median

from app.messages import Message, message
from app.text.pages import PageMapBuilder

GUTTER_EMS = 1.5
"""The narrowest empty strip between columns, in font heights (word spaces are under 1)."""

HYPHENS = frozenset("-\u00ad\u2010")
"""Marks that may end a line inside a word broken there."""

_HEAD_LINES = 2
"""Lines at the top and at the bottom of a page that may be a running head or page number."""
_SAME_PLACE = 3.0
"""Points by which a running head may stand higher or lower from page to page."""
_ROMAN = re.compile(r"[ivxlcdm]+|[IVXLCDM]+")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—·•\s]*)(?:第\s*)?(?:page\s*|p\.\s*)?"
    r"(?P<n>\d{1,5}|[ivxlcdm]{1,8}|[IVXLCDM]{1,8}|[〇零一二三四五六七八九十百]{1,6})"
    r"(?:\s*页)?(?:\s*(?:/|of|共)\s*\d{1,5}\s*页?)?(?:[-–—·•\s]*)$",
    re.IGNORECASE,
)


class Char:
    """A character of the text layer: its box as the file has it (PDF user space, what the
    page map keeps) and as the page is shown, its /Rotate applied (what the reading
    order is worked out on)."""

    __slots__ = ("bottom", "box", "char", "height", "left", "middle", "right", "top")

    def __init__(
        self,
        char: str,
        box: tuple[float, float, float, float],
        left: float,
        bottom: float,
        right: float,
        top: float,
    ) -> None:
        self.char = char
        self.box = box
        self.left = left
        self.bottom = bottom
        self.right = right
        self.top = top
        self.middle = (bottom + top) / 2
        self.height = top - bottom


class Line:
    """A line of a column, its characters left to right, with its extent worked out once."""

    def __init__(self, chars: list[Char]) -> None:
        self.chars = chars
        self.left = chars[0].left
        self.right = max(c.right for c in chars)
        self.bottom = min(c.bottom for c in chars)
        self.top = max(c.top for c in chars)
        self.middle = median(c.middle for c in chars)
        wide = [c.height for c in chars if _wide(c.char)]
        # the font's height: a Chinese character's box, else the tallest Latin one's
        self.size = median(wide) if wide else max(c.height for c in chars)
        self.column_left = self.left
        self.column_right = self.right
        self.pitch = 0.0
        """The usual distance between the middles of lines in this line's column."""
        self.boundary = False
        """The first line of a column, section or table cell: a paragraph break before it
        whenever the previous line did not fill its own column."""
        self.cell = False
        """The first line of a table cell: always a new paragraph, as a cell is in Word."""
        self.table = False
        """A line of a table cell: what follows the table starts a paragraph."""
        self.column: list[Line] = [self]
        """The lines of this line's column (one list shared by them)."""

    @property
    def text(self) -> str:
        return "".join(c.char for c in self.chars)


@dataclass
class Page:
    number: int
    """1-based."""
    lines: list[Line] = field(default_factory=list)
    """In reading order."""


class Rules:
    """A page's ruled lines, read from its drawings only when a section has a gutter they
    could cross (a page of plain text never needs them)."""

    def __init__(self, fetch: Callable[[], list[tuple[float, float, float]]]) -> None:
        self._fetch = fetch
        self._rules: list[tuple[float, float, float]] | None = None

    def __iter__(self) -> Iterator[tuple[float, float, float]]:
        if self._rules is None:
            self._rules = self._fetch()
        return iter(self._rules)


# -- reading order -------------------------------------------------------------------


def layout(chars: list[Char], rules: Rules) -> list[Line]:
    """The page's lines in reading order (see the module's docstring)."""
    ink = [c for c in chars if not c.char.isspace()]
    if not ink:
        return []
    gutter = GUTTER_EMS * median(c.height for c in ink)
    lines: list[Line] = []
    _read_block(chars, rules, gutter, lines, depth=0, table=False)
    return lines


_MAX_DEPTH = 6
"""Columns inside columns (a table inside a column of a two-column page) this deep."""


def _read_block(
    chars: list[Char],
    rules: Rules,
    gutter: float,
    out: list[Line],
    *,
    depth: int,
    table: bool,
) -> None:
    """The lines of a block (a page, a column, a table cell) in reading order into ``out``."""
    ink = [c for c in chars if not c.char.isspace()]
    if not ink:
        return
    left = min(c.left for c in ink)
    right = max(c.right for c in ink)
    bands = _bands(chars)
    sections = _sections(bands, gutter, left, right, rules)
    if depth >= _MAX_DEPTH or (len(sections) == 1 and not sections[0][1]):
        _column_lines(bands, out, first_is_cell=table)
        return
    for section, cuts, is_table in sections:
        if not cuts:
            _read_block(section, rules, gutter, out, depth=depth + 1, table=False)
            continue
        columns: list[list[Char]] = [[] for _ in range(len(cuts) + 1)]
        for char in section:
            columns[bisect_right(cuts, (char.left + char.right) / 2)].append(char)
        for column in columns:
            _read_block(column, rules, gutter, out, depth=depth + 1, table=is_table)


def _column_lines(bands: list[list[Char]], out: list[Line], *, first_is_cell: bool) -> None:
    """A column's lines (its bands), top first, with what the joining of lines needs."""
    column_lines = _lines(bands)
    if not column_lines:
        return
    left = min(line.left for line in column_lines)
    right = max(line.right for line in column_lines)
    middles = [line.middle for line in column_lines]
    steps = [a - b for a, b in pairwise(middles) if a > b]
    pitch = median(steps) if steps else 0.0
    for k, line in enumerate(column_lines):
        line.column_left, line.column_right, line.pitch = left, right, pitch
        line.column = column_lines
        line.boundary = k == 0
        line.cell = k == 0 and first_is_cell
        line.table = first_is_cell
    out.extend(column_lines)


def _bands(chars: list[Char]) -> list[list[Char]]:
    """Characters cut into horizontal bands, top first, where no line spans the cut."""
    order = sorted(chars, key=lambda c: -c.middle)
    bands: list[list[Char]] = []
    low = float("inf")
    for char in order:
        half = 0.3 * char.height
        if bands and char.middle + half > low:
            bands[-1].append(char)
            low = min(low, char.middle - half)
        else:
            bands.append([char])
            low = char.middle - half
    return bands


def _gaps(band: list[Char], left: float, right: float) -> list[tuple[float, float]]:
    """The empty stretches of ``[left, right]`` that no inked character of ``band`` covers."""
    spans = sorted((c.left, c.right) for c in band if not c.char.isspace())
    gaps: list[tuple[float, float]] = []
    edge = left
    for a, b in spans:
        if a > edge:
            gaps.append((edge, a))
        edge = max(edge, b)
    if edge < right:
        gaps.append((edge, right))
    return gaps


def _intersect(
    one: list[tuple[float, float]], other: list[tuple[float, float]], width: float
) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in one:
        for c, d in other:
            lo, hi = max(a, c), min(b, d)
            if hi - lo >= width:
                out.append((lo, hi))
    return out


def _sections(
    bands: list[list[Char]],
    gutter: float,
    page_left: float,
    page_right: float,
    rules: Rules,
) -> list[tuple[list[Char], list[float], bool]]:
    """Runs of bands with the gutters they share: ``(characters, cut positions, is a table)``."""

    def interior(gaps: list[tuple[float, float]]) -> list[tuple[float, float]]:
        return [(a, b) for a, b in gaps if b - a >= gutter and a > page_left and b < page_right]

    sections: list[tuple[list[Char], list[float], bool]] = []
    chars: list[Char] = []
    shared: list[tuple[float, float]] = []
    ruled = False
    previous_bottom = 0.0

    def close() -> None:
        if chars:
            cuts = _cuts(chars, shared, gutter)
            sections.append((chars, cuts, ruled and bool(cuts)))

    for band in bands:
        gaps = _gaps(band, page_left, page_right)
        own = interior(gaps)
        top = max(c.top for c in band)
        bottom = min(c.bottom for c in band)
        if chars and shared:
            joined = _intersect(shared, gaps, gutter)
            crossed = bool(joined) and any(
                bottom - 1 <= y <= previous_bottom + 1 and x0 < a and x1 > b
                for x0, x1, y in rules
                for a, b in joined
            )
            if (
                joined
                and not crossed
                and not _starts_below(chars, band, joined, gutter, previous_bottom)
            ):
                chars.extend(band)
                shared = joined
                previous_bottom = bottom
                continue
            close()
            chars, shared = list(band), own
            ruled = crossed or _ruled_above(rules, own, top)
        elif chars and not own:
            chars.extend(band)
        else:
            close()
            chars, shared = list(band), own
            ruled = _ruled_above(rules, own, top)
        previous_bottom = bottom
    close()
    return sections


def _starts_below(
    chars: list[Char],
    band: list[Char],
    gutters: list[tuple[float, float]],
    gutter: float,
    previous_bottom: float,
) -> bool:
    """Whether ``band`` begins a new block under a finished run of columns rather than
    going on in one of them: it stands in one column only, below everything the other
    columns hold, after a gap wider than lines leave (a table or a section after a
    balanced two-column passage, not the longer first column of an unbalanced one)."""
    top = max(c.top for c in band)
    if previous_bottom - top <= gutter:  # GUTTER_EMS heights: no line spacing is that wide
        return False
    cuts = sorted((a + b) / 2 for a, b in gutters)
    sides = {bisect_right(cuts, (c.left + c.right) / 2) for c in band if not c.char.isspace()}
    if len(sides) != 1:
        return False
    side = sides.pop()
    above = [c for c in chars if not c.char.isspace()]
    others = [c for c in above if bisect_right(cuts, (c.left + c.right) / 2) != side]
    return bool(others) and top < min(c.bottom for c in others)


def _ruled_above(rules: Rules, gaps: list[tuple[float, float]], top: float) -> bool:
    """A line drawn across a gutter just above a band: the top border of a table row."""
    if not gaps:
        return False
    return any(
        top - 1 <= y <= top + 30 and x0 < a and x1 > b for x0, x1, y in rules for a, b in gaps
    )


def _cuts(chars: list[Char], shared: list[tuple[float, float]], gutter: float) -> list[float]:
    """Where a section's columns divide: the middles of its gutters inside its own extent."""
    inked = [c for c in chars if not c.char.isspace()]
    if not inked or not shared:
        return []
    left = min(c.left for c in inked)
    right = max(c.right for c in inked)
    return sorted((a + b) / 2 for a, b in shared if a > left and b < right and b - a >= gutter)


def _lines(bands: list[list[Char]]) -> list[Line]:
    """A column's bands as lines, top first, each read left to right."""
    lines: list[Line] = []
    for band in bands:
        band.sort(key=lambda c: (c.left + c.right) / 2)
        while band and band[0].char.isspace():
            band.pop(0)
        while band and band[-1].char.isspace():
            band.pop()
        if band:
            lines.append(Line(band))
    return lines


# -- running heads and page numbers -------------------------------------------------


def _outer(page: Page) -> list[Line]:
    """The lines that may be a running head or a page number: among the outermost at top
    and bottom (a head and a number above or below it, at most), those standing apart
    from the body by more than its line spacing (counted on the body's side only: a
    head may have a page number beyond it)."""
    by_height = sorted(page.lines, key=lambda line: -line.middle)
    pitches = [line.pitch for line in page.lines if line.pitch > 0]
    spacing = 1.5 * (median(pitches) if pitches else 2 * median(x.size for x in page.lines))
    middles = [line.middle for line in page.lines]
    apart: dict[int, Line] = {}
    for line in by_height[:_HEAD_LINES]:
        below = [line.middle - m for m in middles if m < line.middle - _SAME_PLACE]
        if min(below, default=float("inf")) >= spacing:
            apart[id(line)] = line
    for line in by_height[-_HEAD_LINES:]:
        above = [m - line.middle for m in middles if m > line.middle + _SAME_PLACE]
        if min(above, default=float("inf")) >= spacing:
            apart[id(line)] = line
    return list(apart.values())


def drop_heads(pages: list[Page]) -> tuple[Message, ...]:
    """Take running heads and page numbers out of the pages; say which were found."""
    heads: set[int] = set()
    places: dict[str, list[tuple[int, float]]] = defaultdict(list)
    numbered: list[tuple[int, Line, int]] = []
    candidates: list[tuple[int, Line, str]] = []
    for index, page in enumerate(pages):
        for line in _outer(page):
            text = "".join(line.text.split())
            value = _page_number(text)
            if value is not None:
                numbered.append((index, line, value))
                continue
            key = re.sub(r"\d+", "#", text)
            places[key].append((index, line.middle))
            candidates.append((index, line, key))
    for index, line, key in candidates:
        if any(
            other != index and abs(middle - line.middle) <= _SAME_PLACE
            for other, middle in places[key]
        ):
            heads.add(id(line))
    numbers = _number_sequence(numbered, len(pages))
    found: list[Message] = []
    if heads:
        found.append(message("pdf.unread.running-heads"))
    if numbers:
        found.append(message("pdf.unread.page-numbers"))
    for page in pages:
        page.lines = [
            line for line in page.lines if id(line) not in heads and id(line) not in numbers
        ]
    for page in pages:  # a page number in a column's block no longer widens it
        for line in page.lines:
            kept = [x for x in line.column if id(x) not in heads and id(x) not in numbers]
            line.column_left = min(x.left for x in kept)
            line.column_right = max(x.right for x in kept)
    return tuple(found)


def _number_sequence(numbered: list[tuple[int, Line, int]], page_count: int) -> set[int]:
    """The lines whose numbers count with the pages at one height (front matter in roman
    numerals and the body in arabic count as two sequences)."""
    runs: dict[tuple[int, int], list[Line]] = defaultdict(list)
    for index, line, value in numbered:
        runs[(round(line.middle / _SAME_PLACE), value - index)].append(line)
    found: set[int] = set()
    for (height, _offset), lines in runs.items():
        near = [
            line
            for (other, _o), more in runs.items()
            if abs(other - height) <= 1 and _o == _offset
            for line in more
        ]
        if len(near) >= 2 or (page_count == 1 and len(lines) == 1):
            found.update(id(line) for line in lines)
    return found


def _page_number(text: str) -> int | None:
    """The number a line shows when it is only a page number (``12``, ``- 12 -``, ``xii``,
    ``第12页``, ``12 / 300``), else ``None``."""
    match = _PAGE_NUMBER.match(text)
    if match is None:
        return None
    n = match.group("n")
    if n.isdigit():
        return int(n)
    if _ROMAN.fullmatch(n):
        return _roman(n.lower())
    return _chinese_number(n)


def _roman(text: str) -> int | None:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for k, char in enumerate(text):
        value = values[char]
        if k + 1 < len(text) and values[text[k + 1]] > value:
            total -= value
        else:
            total += value
    return total if total > 0 else None


def _chinese_number(text: str) -> int | None:
    if "十" not in text and "百" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total = digit = 0
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char == "十":
            total, digit = total + (digit or 1) * 10, 0
        elif char == "百":
            total, digit = total + (digit or 1) * 100, 0
    return total + digit or None


# -- the text --------------------------------------------------------------------------


def assemble(pages: list[Page], out: PageMapBuilder) -> None:
    """The pages' lines as one text, each character with its place in ``out``."""
    previous: Line | None = None
    for page in pages:
        for number, line in enumerate(page.lines, 1):
            if previous is not None:
                _join(previous, line, out)
            _put_line(line, page.number, number, out)
            previous = line


def _put_line(line: Line, page: int, number: int, out: PageMapBuilder) -> None:
    """A line's characters into ``out``, with the spaces its layout calls for."""
    size = line.size
    previous: Char | None = None
    text: list[str] = []  # the run of seen characters since the last space put in
    boxes: list[float] = []
    spaced = False  # whether the run ends in a space the layout drew

    def flush() -> None:
        if text:
            out.run("".join(text), page, number, boxes)
            text.clear()
            boxes.clear()

    for char in line.chars:
        glyph = char.char
        if glyph.isspace() and glyph != "\u3000":  # an ideographic space is text
            spaced = previous is not None  # one, whatever its width, and never leading
            continue
        if previous is not None:
            gap = char.left - previous.right
            wide_pair = _wide(previous.char) and _wide(glyph)
            if spaced and not wide_pair:
                flush()
                out.joint(" ")  # a space the layout drew (not one justifying Chinese)
            elif not spaced and gap > 0.25 * size:
                if not wide_pair and _latin(previous.char) and _latin(glyph):
                    flush()
                    out.joint(" ")  # a word space the file leaves to positioning alone
                elif wide_pair and gap > 0.8 * size:
                    flush()
                    out.joint("\u3000")  # an ideographic space, likewise
        spaced = False
        text.append(glyph)
        boxes.extend(char.box)
        previous = char
    flush()


def _join(previous: Line, line: Line, out: PageMapBuilder) -> None:
    """What stands between two lines read one after the other: nothing, a space, a
    paragraph break, or nothing where the first one's hyphen is taken back."""
    if _paragraph_break(previous, line):
        out.joint("\n")
        return
    last, first = previous.chars[-1].char, line.chars[0].char
    if last in HYPHENS and len(previous.chars) > 1:
        before = previous.chars[-2].char
        if before.isalpha() and first.isalpha() and first.islower() and not _wide(before):
            out.drop_last()  # a word broken at the line end: the hyphen only marks it
            return
    if _latin(last) and _latin(first) and last not in HYPHENS:
        out.joint(" ")


def _paragraph_break(previous: Line, line: Line) -> bool:
    size = max(previous.size, 1.0)
    if line.cell or (line.boundary and previous.table):
        return True
    if previous.column_right - previous.right > _first_word(line) + 0.5 * size:
        return True  # the next line's first word would have fitted: the paragraph ended
    if line.left > line.column_left + 0.8 * size:
        return True  # the next line is indented: a new paragraph
    if line.top < previous.bottom - 2 * size:
        return True  # a gap no line spacing leaves (a blank line, a heading's space)
    same_column = not line.boundary and line.column_left == previous.column_left
    return bool(same_column and line.pitch > 0 and previous.middle - line.middle > 1.4 * line.pitch)


def _first_word(line: Line) -> float:
    """The width of what a line break could not have split off the start of ``line``:
    its first word, or its first Chinese character with the mark after it."""
    chars = line.chars
    end = 0
    if _wide(chars[0].char):
        end = 1 if len(chars) > 1 and _wide(chars[1].char) else 0
    else:
        while (
            end + 1 < len(chars)
            and not chars[end + 1].char.isspace()
            and not _wide(chars[end + 1].char)
        ):
            end += 1
    return chars[end].right - chars[0].left


def is_wide(char: str) -> bool:
    """A full-width character (Chinese, a full-width mark): square in its font."""
    return unicodedata.east_asian_width(char) in ("W", "F")


_wide = is_wide


def _latin(char: str) -> bool:
    """A letter, digit or mark of Western text, which words join with spaces."""
    return not _wide(char) and not char.isspace()
