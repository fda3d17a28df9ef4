"""What the window draws of a session, without Qt, kept by locus id.

The session (app/session/session.py) holds the work; this view model holds what
the widgets draw of it — each pane's highlighted spans, the ruler's marks, the
legend's counts, the table's rows and their statuses, the status bar's summary,
the corrected text and where each locus stands in it — and keeps them up to date
from each :class:`~app.session.session.Changes` the session tells it, changing
only what a step changed: a decision changes its loci's spans (and statuses, and
the corrected text where they stand), nothing else; a step along the loci moves
only the current one.

Each thing drawn is a :class:`Layer` with observers of its own, told what
changed in it (a :class:`SpanChange`, a :class:`MarkChange`, a :class:`RowChange`):
a widget follows the layer it draws (``TextPane.follow``, ``OverviewRuler.follow``
…) and refreshes only the ids named.  Loci are known by their id, never a row:
the only row numbers here are the ones a proofreader reads (#, :meth:`number`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from app.classes.checks import CHECK_WITNESS
from app.classes.classify import CLASSES
from app.classes.errorrate import ErrorRate
from app.collation.loci import KINDS, Collation, Locus
from app.collation.ocr_doubt import ocr_doubts, source_doubt
from app.export.quality import decisions_error_rate
from app.session.session import Changes, Session
from app.store.decisions import Decision
from app.text.lines import LineIndex
from app.text.loading import LoadedText
from app.text.pages import PageMap
from app.view.corrected import CorrectedText, Edit


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted span of one pane's text, in code points, with its locus's id."""

    start: int
    end: int
    kind: str
    locus_id: int
    decided: bool = False
    """Drawn quieter (underlined, no fill), so what is still open stands out."""


@dataclass(frozen=True, slots=True)
class Mark:
    """One divergence on the overview ruler: its place as fractions of the source."""

    start: float
    end: float
    kind: str
    locus_id: int


@dataclass(frozen=True)
class SpanChange:
    """What changed in a :class:`TextLayer`."""

    spans: bool = False
    """Every span was replaced."""
    ids: frozenset[int] = frozenset()
    """Only these loci's spans changed (a decision draws them quieter or louder)."""
    current: bool = False
    """The current locus moved (or where it stands here)."""
    text: bool = False
    """The corrected text was replaced whole (its spans with it)."""
    edits: tuple[Edit, ...] = ()
    """The corrected text was patched: apply these in order (its spans were replaced)."""

    def __bool__(self) -> bool:
        return self.spans or bool(self.ids) or self.current or self.text or bool(self.edits)


@dataclass(frozen=True)
class MarkChange:
    """What changed in the :class:`MarkLayer`."""

    marks: bool = False
    """The marks (and the legend's keys and counts) were replaced."""
    current: bool = False

    def __bool__(self) -> bool:
        return self.marks or self.current


@dataclass(frozen=True)
class RowChange:
    """What changed in the :class:`RowLayer`."""

    rows: bool = False
    """The loci were replaced (a collation, or none)."""
    ids: frozenset[int] = frozenset()
    """These loci's decisions changed (their status)."""
    current: bool = False

    def __bool__(self) -> bool:
        return self.rows or bool(self.ids) or self.current


C = TypeVar("C")


class Layer(Generic[C]):
    """One thing the window draws, and who draws it."""

    def __init__(self) -> None:
        self._observers: list[Callable[[C], None]] = []

    def subscribe(self, observer: Callable[[C], None]) -> None:
        self._observers.append(observer)

    def tell(self, change: C) -> None:
        if change:
            for observer in list(self._observers):
                observer(change)


class TextLayer(Layer[SpanChange]):
    """One pane's text, its spans sorted by start, and where the current locus stands."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.spans: list[Span] = []
        self._at: dict[int, int] = {}
        self.current: int | None = None
        self.fallback: Span | None = None
        """Where the current locus stands here when it has no span of its own (a witness
        that reads as the source there): drawn, so the proofreader still sees it."""
        self.place: tuple[int, int] | None = None
        """The current locus's place in this text, to scroll it into view."""

    def span(self, locus_id: int) -> Span | None:
        k = self._at.get(locus_id)
        return None if k is None else self.spans[k]

    def spans_of(self, locus_ids: Iterable[int]) -> list[Span]:
        return [self.spans[k] for k in (self._at.get(i) for i in locus_ids) if k is not None]

    def _set(self, spans: list[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: s.start)  # stable: source order at ties
        self._at = {s.locus_id: k for k, s in enumerate(self.spans)}

    def _replace(self, span: Span) -> bool:
        k = self._at.get(span.locus_id)
        if k is None or self.spans[k] == span:
            return False
        self.spans[k] = span
        return True


class CorrectedLayer(TextLayer):
    """The corrected text, its changed spans and where each locus stands in it; worked
    out only while it is shown (:meth:`ViewModel.show_corrected`)."""

    def __init__(self) -> None:
        super().__init__()
        self.model: CorrectedText | None = None


class MarkLayer(Layer[MarkChange]):
    """The ruler's marks, painted in this order (by start, the longer first, so a short
    one inside a long one stays seen), and the legend: its keys and their counts."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[Mark] = []
        self.by_class = False
        """The keys are the proofreader's classes, not the kinds."""
        self.keys: tuple[str, ...] = KINDS
        self.counts: dict[str, int] = {}
        self.current: int | None = None
        self._ids: set[int] = set()

    def has(self, locus_id: int | None) -> bool:
        return locus_id in self._ids


class RowLayer(Layer[RowChange]):
    """The table: the loci in source order, their decisions, the OCR's doubts."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session
        self.collation: Collation | None = None
        self.doubts: dict[int, frozenset[str]] = {}
        """By locus id, the texts OCR likely misread there ("" the source, else witnesses)."""
        self.pages: PageMap | None = None
        """The source's page map when it has pages: positions read page:line."""
        self.lines = LineIndex("")
        """Where the source's lines start: positions read line:column."""
        self.lines_of = ""
        self.decided = 0
        self.current: int | None = None

    def decision(self, locus_id: int) -> Decision:
        return self._session.decision(locus_id)


@dataclass(frozen=True)
class Summary:
    """The status bar's counts."""

    divergences: int
    decided: int | None = None
    """None without a project (nothing can be decided)."""
    rate: ErrorRate | None = None
    """The error rate of the decisions so far, None before the first."""
    witnesses: tuple[tuple[str, int, str], ...] = ()
    """Each witness's id, divergences and encoding."""


@dataclass(frozen=True)
class PanelFacts:
    """The numbers the locus panel shows beside a locus, as the table numbers them."""

    number: int
    total: int
    inside: int | None = None
    """The longer divergence of another copy around it, or the move where an edit arrived."""
    linked: list[int] = field(default_factory=list)
    """The divergences decided with it (a move's other end, a pair's other half)."""
    edits: list[int] = field(default_factory=list)
    """The edits inside a moved passage, where it arrived."""


PagesOf = Callable[[LoadedText], PageMap | None]
Later = Callable[[Callable[[], None]], None]
"""Runs a callable in an event of its own, after what the owner's thread has to do now
(the window's timer): a new collation's spans are drawn there, so taking a 1M result and
drawing it are two holds of the GUI thread, not one."""


class ViewModel:
    """What the window draws of ``session``, updated from the session's changes.

    ``pages_of`` gives a text's page map (a PDF's, a scan's), for the table's positions
    and the OCR's doubts.  Subscribe it before anything that reads it.
    """

    def __init__(
        self, session: Session, pages_of: PagesOf | None = None, later: Later | None = None
    ) -> None:
        self.session = session
        self._later = later
        self._generation = 0
        self._pending: int | None = None
        """The drawing of a new collation's spans waiting for its own event (its number)."""
        self.drawn: Layer[bool] = Layer()
        """Told when the spans of a new collation, drawn in an event of their own, are."""
        self._pages_of = pages_of or (lambda loaded: loaded.pages)
        self.source = TextLayer()
        self.witness = TextLayer()
        self.corrected = CorrectedLayer()
        self.marks = MarkLayer()
        self.rows = RowLayer(session)
        self.summary_layer: Layer[bool] = Layer()
        self.summary = Summary(0)
        self._number: dict[int, int] = {}
        self._decided: set[int] = set()
        self._witness_counts: dict[str, int] = {}
        self._corrected_shown = False
        self._corrected_pending: set[int] | None = None
        """Loci decided while the corrected text was hidden (None: build it whole)."""
        session.subscribe(self.update)

    # -- reading -------------------------------------------------------------------------

    def number(self, locus_id: int | None) -> int | None:
        """The locus's number as the table's # column shows it (source order, from 1)."""
        return None if locus_id is None else self._number.get(locus_id)

    def panel(self, locus_id: int) -> PanelFacts:
        session = self.session
        number = self._number.get(locus_id, 0)
        around = session.enclosing(locus_id)
        inside = None if around is None else self._number.get(around.id)
        linked = [self._number[o.id] for o in session.linked(locus_id) if o.id in self._number]
        row = number - 1
        edits = [
            n
            for n, loc in enumerate(session.loci, 1)
            if loc.in_move is not None and loc.parent == row
        ]
        return PanelFacts(number, len(session.loci), inside, linked, edits)

    # -- what the proofreader chose to see -------------------------------------------------

    def set_by_class(self, by_class: bool) -> None:
        """Colour by the proofreader's classes instead of the kinds."""
        if by_class == self.marks.by_class:
            return
        self.marks.by_class = by_class
        self._draw_all()
        self._place_current()
        self.source.tell(SpanChange(spans=True, current=True))
        self.witness.tell(SpanChange(spans=True, current=True))
        self.marks.tell(MarkChange(marks=True, current=True))

    def show_corrected(self, shown: bool) -> None:
        """The corrected text is shown (work it out, and keep it up to date) or hidden
        (decisions only noted, for when it shows again)."""
        self._corrected_shown = shown
        if not shown:
            return
        pending, self._corrected_pending = self._corrected_pending, set()
        if pending is None or self.corrected.model is None:
            self._build_corrected()
            self.corrected.tell(SpanChange(text=True, current=True))
        elif pending:
            self._patch_corrected(pending)

    # -- the session's changes ---------------------------------------------------------------

    @property
    def drawing(self) -> bool:
        """A new collation's spans wait to be drawn (:attr:`drawn` tells when they are)."""
        return self._pending is not None

    def update(self, changes: Changes) -> None:
        """Bring every layer up to date with one step of the session."""
        if changes.collation or changes.project:
            self._new_rows()
            self.rows.tell(RowChange(rows=True, current=True))
        elif changes.decisions:
            self._decided_again(changes.decisions)
            self.rows.tell(RowChange(ids=changes.decisions))
        if changes.collation or changes.witness or changes.texts or changes.stale:
            self._texts()
            if self._later is not None and changes.collation and not changes.texts:
                # a result: the table now, the spans (and the corrected text) next
                self._place_current()
                self._generation += 1
                self._pending = number = self._generation
                self._later(lambda: self._draw_pending(number))
            else:
                self._pending = None
                self._draw_spans()
        elif changes.decisions and self._pending is None:  # (else drawn with the rest)
            self._redraw(changes.decisions)
        if changes.collation or changes.project:
            self._corrected_pending = None
            if self._corrected_shown and self._pending is None:
                self.show_corrected(True)
        elif changes.decisions and self._pending is None:
            self._decisions_in_corrected(changes.decisions)
        if changes.current and not (changes.collation or changes.witness or changes.texts):
            self._place_current()
            for layer in (self.source, self.witness, self.corrected):
                layer.tell(SpanChange(current=True))
            self.marks.tell(MarkChange(current=True))
            self.rows.tell(RowChange(current=True))
        elif changes.collation or changes.witness or changes.texts:
            self.corrected.tell(SpanChange(current=True))
        if changes.collation or changes.project or changes.decisions or changes.texts:
            self._summarize()
            self.summary_layer.tell(True)

    def _draw_spans(self) -> None:
        """Every span, mark and count drawn anew, and told."""
        self._draw_all()
        self._place_current()
        self.source.tell(SpanChange(text=True, spans=True, current=True))
        self.witness.tell(SpanChange(text=True, spans=True, current=True))
        self.marks.tell(MarkChange(marks=True, current=True))

    def _draw_pending(self, number: int) -> None:
        """The spans of a new collation, in their own event; nothing if other work came
        since (it drew them, or waits to)."""
        if self._pending != number:
            return
        self._pending = None
        self._draw_spans()
        if self._corrected_shown:
            self.show_corrected(True)
        self.drawn.tell(True)

    # -- the table ---------------------------------------------------------------------------

    def _new_rows(self) -> None:
        session = self.session
        loci = session.loci
        self._number = {loc.id: n for n, loc in enumerate(loci, 1)}
        self._decided = session.decided_ids()
        collation = session.collation
        self._witness_counts = {}
        if collation is not None:
            for loc in loci:
                for wid in loc.readings:
                    self._witness_counts[wid] = self._witness_counts.get(wid, 0) + 1
        rows = self.rows
        rows.collation = collation
        source = session.workspace.source
        # before a collation, the source as read: its result then finds its lines known
        text = collation.source if collation is not None else source.text if source else ""
        if text is not rows.lines_of:  # the same source: its lines are known (40 ms at 1M)
            rows.lines, rows.lines_of = LineIndex(text), text
        rows.doubts = self._doubts(loci)
        rows.pages = self._pages_of(source) if source is not None else None
        rows.decided = len(self._decided)
        rows.current = session.current

    def _decided_again(self, ids: Iterable[int]) -> None:
        for lid in ids:
            if lid not in self._number:
                continue
            if self.session.decision(lid).decided:
                self._decided.add(lid)
            else:
                self._decided.discard(lid)
        self.rows.decided = len(self._decided)

    def _doubts(self, loci: Sequence[Locus]) -> dict[int, frozenset[str]]:
        """Where OCR likely misread a scanned source ("") or witness (its id)."""
        ws = self.session.workspace
        if ws.source is None or not loci:
            return {}
        source_pages = self._pages_of(ws.source)
        witness_pages = {w.id: self._pages_of(w.loaded) for w in ws.witnesses}
        if all(p is None or p.confidence is None for p in (source_pages, *witness_pages.values())):
            return {}
        out: dict[int, frozenset[str]] = {}
        for locus in loci:
            texts = set(ocr_doubts(locus, witness_pages))
            if source_doubt(locus, source_pages) is not None:
                texts.add("")
            if texts:
                out[locus.id] = frozenset(texts)
        return out

    # -- the panes, the ruler and the legend ---------------------------------------------------

    def _texts(self) -> None:
        ws = self.session.workspace
        wid = self.session.witness
        self.source.text = ws.source.text if ws.source is not None else ""
        self.witness.text = ws.witness(wid).text if wid in ws.witness_ids else ""

    def _kind(self, locus: Locus, wid: str) -> str:
        kind = locus.kinds.get(wid, locus.kind)
        if self.marks.by_class:
            kind = locus.classes.get(wid, locus.cls) or kind
        return kind

    def _spans(self, locus: Locus, wid: str) -> tuple[Span | None, Span | None]:
        """The locus's span in the source and in witness ``wid`` (None where it has none)."""
        lid = locus.id
        if wid not in locus.readings:
            if CHECK_WITNESS not in locus.readings:
                return None, None
            # a finding in the source, whoever is shown
            by_class = self.marks.by_class
            kind = locus.classes.get(CHECK_WITNESS, "check") if by_class else "check"
            return Span(locus.start, locus.end, kind, lid), None
        kind = self._kind(locus, wid)
        decided = lid in self._decided
        start, end = locus.spans[wid]
        return (
            Span(locus.start, locus.end, kind, lid, decided),
            Span(start, end, kind, lid, decided),
        )

    def _draw_all(self) -> None:
        """Every span, mark and count, for the witness shown (none while stale)."""
        session = self.session
        collation, wid = session.collation, session.witness
        marks = self.marks
        if collation is None or wid is None or session.stale:
            self.source._set([])
            self.witness._set([])
            marks.marks, marks._ids, marks.counts = [], set(), {}
            marks.keys = self._keys({})
            return
        src: list[Span] = []
        wit: list[Span] = []
        counts: dict[str, int] = {}
        for locus in collation.loci:
            here, there = self._spans(locus, wid)
            if here is None:
                continue
            src.append(here)
            if there is not None:
                wit.append(there)
            counts[here.kind] = counts.get(here.kind, 0) + 1
        self.source._set(src)
        self.witness._set(wit)
        total = max(1, len(collation.source))
        # nested loci: the ruler paints in order, the long one first, so the short stay seen
        painted = sorted(self.source.spans, key=lambda s: (s.start, s.start - s.end))
        marks.marks = [Mark(s.start / total, s.end / total, s.kind, s.locus_id) for s in painted]
        marks._ids = {m.locus_id for m in marks.marks}
        marks.counts = counts
        marks.keys = self._keys(counts)

    def _keys(self, counts: dict[str, int]) -> tuple[str, ...]:
        if self.marks.by_class:
            return tuple(c for c in CLASSES if counts.get(c))
        return (*KINDS, *([CHECK_WITNESS] if counts.get(CHECK_WITNESS) else []))

    def _redraw(self, ids: frozenset[int]) -> None:
        """The spans of the loci whose decision changed: drawn quieter once decided."""
        session = self.session
        wid = session.witness
        if session.collation is None or wid is None or session.stale:
            return
        changed_here: set[int] = set()
        changed_there: set[int] = set()
        for lid in ids:
            locus = session.locus(lid)
            if locus is None:
                continue
            here, there = self._spans(locus, wid)
            if here is not None and self.source._replace(here):
                changed_here.add(lid)
            if there is not None and self.witness._replace(there):
                changed_there.add(lid)
        self.source.tell(SpanChange(ids=frozenset(changed_here)))
        self.witness.tell(SpanChange(ids=frozenset(changed_there)))

    def _place_current(self) -> None:
        """Where the current locus stands in each pane, on the ruler, in the table."""
        session = self.session
        lid = session.current
        locus = session.locus(lid)
        wid = session.witness
        collation = session.collation
        for layer in (self.source, self.witness, self.corrected):
            layer.current, layer.fallback, layer.place = lid, None, None
        self.marks.current = lid if self.marks.has(lid) else None
        self.rows.current = lid
        if locus is None or collation is None:
            return
        self.source.fallback = Span(locus.start, locus.end, locus.kind, locus.id)
        self.source.place = (locus.start, locus.end)
        if wid is not None and wid in locus.spans:
            self.witness.place = locus.spans[wid]
        elif wid is not None and wid in collation.alignments:
            align = collation.alignments[wid]
            start, end = align.to_witness(locus.start), align.to_witness(locus.end)
            self.witness.fallback = Span(start, end, "agree", locus.id)
            self.witness.place = (start, start)
        model = self.corrected.model
        where = None if model is None else model.place(locus.id)
        self.corrected.place = None if where is None else (where.start, where.end)

    # -- the corrected text ----------------------------------------------------------------

    def _build_corrected(self) -> None:
        session = self.session
        layer = self.corrected
        collation = session.collation
        if session.project is None or collation is None:
            layer.model = None
            layer.text = collation.source if collation is not None else ""
            layer._set([])
        else:
            layer.model = CorrectedText(collation.source, session.loci, session.decision)
            layer.text = layer.model.text
            self._corrected_spans()
        self._place_current()

    def _corrected_spans(self) -> None:
        layer = self.corrected
        assert layer.model is not None
        places = layer.model.changed_places()
        layer._set([Span(p.start, p.end, "decided", i) for i, p in places.items()])

    def _decisions_in_corrected(self, ids: frozenset[int]) -> None:
        if not self._corrected_shown:
            if self._corrected_pending is not None:
                self._corrected_pending |= ids
            return
        self._patch_corrected(ids)

    def _patch_corrected(self, ids: Iterable[int]) -> None:
        layer = self.corrected
        if layer.model is None:
            return
        edits = layer.model.update(ids)
        layer.text = layer.model.text
        self._corrected_spans()
        self._place_current()
        if edits is None:
            layer.tell(SpanChange(text=True, current=True))
        elif edits:
            layer.tell(SpanChange(edits=tuple(edits), current=True))

    # -- the status bar ----------------------------------------------------------------------

    def _summarize(self) -> None:
        session = self.session
        collation = session.collation
        if collation is None:
            self.summary = Summary(0)
            return
        ws = session.workspace
        witnesses = tuple(
            (w.id, self._witness_counts.get(w.id, 0), w.loaded.encoding) for w in ws.witnesses
        )
        if session.project is None:
            self.summary = Summary(len(collation.loci), witnesses=witnesses)
            return
        rate = None
        if self._decided:  # 差错率 by the decisions so far (docs/error-rate.md)
            loci = [loc for loc in map(session.locus, self._decided) if loc is not None]
            rate = decisions_error_rate(
                collation.source, [(loc, session.decision(loc.id)) for loc in loci]
            )
        self.summary = Summary(len(collation.loci), len(self._decided), rate, witnesses)
