"""The view model (app/view/model.py), without Qt: what the window draws of a session,
kept by locus id, and changed only where a step changed it.

Each widget follows one layer; these tests follow the layers as the widgets do and
check both what a layer holds after a step and what it was told changed, since a
widget refreshes only what it is told.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.export.text import corrected_text
from app.session.session import NEW_WORK, Session
from app.store.decisions import Status
from app.text.normalize import ALL_RULES
from app.view.corrected import CorrectedText, Edit
from app.view.model import MarkChange, RowChange, SpanChange, ViewModel
from tests.helpers.session import SOURCE, collate_now, opened, write_pair

# Many one-character slips far apart, a doubled character, a deleted and an inserted
# run, so groups, insertions and deletions all occur in the corrected text.
LONG_SOURCE = "".join(f"第{n}句话说的是春天来了河边的柳树发了芽。\n" for n in range(40))


def _long_variant(seed: int = 7) -> str:
    rng = random.Random(seed)
    chars = list(LONG_SOURCE)
    for k in sorted(rng.sample(range(len(chars)), 30), reverse=True):
        if chars[k] == "\n":
            continue
        choice = rng.randrange(3)
        if choice == 0:
            chars[k] = "夏"
        elif choice == 1:
            del chars[k]
        else:
            chars.insert(k, "秋冬")
    return "".join(chars)


class Heard:
    """What each layer told its followers, as the widgets would hear it."""

    def __init__(self, view: ViewModel) -> None:
        self.source: list[SpanChange] = []
        self.witness: list[SpanChange] = []
        self.corrected: list[SpanChange] = []
        self.marks: list[MarkChange] = []
        self.rows: list[RowChange] = []
        view.source.subscribe(self.source.append)
        view.witness.subscribe(self.witness.append)
        view.corrected.subscribe(self.corrected.append)
        view.marks.subscribe(self.marks.append)
        view.rows.subscribe(self.rows.append)

    def clear(self) -> None:
        for heard in (self.source, self.witness, self.corrected, self.marks, self.rows):
            heard.clear()


def _viewed(tmp_path: Path, source: str = SOURCE, variant: str | None = None) -> ViewModel:
    session = opened(tmp_path, source, variant) if variant is not None else opened(tmp_path)
    view = ViewModel(session)
    view.update(NEW_WORK)  # as if it had followed the session before the collation came
    return view


def test_every_divergence_has_its_span_mark_and_count_by_id(tmp_path: Path) -> None:
    view = _viewed(tmp_path)
    session = view.session
    ids = [loc.id for loc in session.loci]
    assert [s.locus_id for s in view.source.spans] == ids  # source order
    assert {s.locus_id for s in view.witness.spans} == set(ids)
    for locus in session.loci:
        span = view.source.span(locus.id)
        assert span is not None and (span.start, span.end) == (locus.start, locus.end)
        there = view.witness.span(locus.id)
        assert there is not None and (there.start, there.end) == locus.spans["variant"]
    assert sorted(m.locus_id for m in view.marks.marks) == sorted(ids)
    assert sum(view.marks.counts.values()) == len(ids)
    assert view.summary.divergences == len(ids) and view.summary.decided == 0
    assert view.number(ids[-1]) == len(ids)


def test_a_decision_tells_only_its_locus_and_draws_it_quieter(tmp_path: Path) -> None:
    view = _viewed(tmp_path)
    heard = Heard(view)
    session = view.session
    typo = next(loc.id for loc in session.loci if loc.source_text == "筝")
    others = {s.locus_id: s for s in view.source.spans if s.locus_id != typo}
    session.accept([typo], "variant")
    assert [c for c in heard.source if c.ids] == [SpanChange(ids=frozenset({typo}))]
    assert not any(c.spans or c.text for c in heard.source + heard.witness)
    assert not any(c.marks for c in heard.marks)  # the ruler is not painted again
    assert any(c.ids == frozenset({typo}) for c in heard.rows)
    assert not any(c.rows for c in heard.rows)
    span = view.source.span(typo)
    assert span is not None and span.decided
    assert {s.locus_id: s for s in view.source.spans if s.locus_id != typo} == others
    assert view.rows.decided == 1 and view.summary.decided == 1
    assert view.summary.rate is not None  # the error rate of the decisions so far


def test_a_step_along_the_loci_moves_only_the_current_one(tmp_path: Path) -> None:
    view = _viewed(tmp_path)
    heard = Heard(view)
    session = view.session
    last = session.loci[-1]
    session.select(last.id)
    assert heard.source == [SpanChange(current=True)]
    assert heard.marks == [MarkChange(current=True)]
    assert heard.rows == [RowChange(current=True)]
    assert view.source.current == last.id and view.marks.current == last.id
    assert view.source.place == (last.start, last.end)
    assert view.witness.place == last.spans["variant"]


def test_the_corrected_text_is_the_exported_text_and_patched_after_each_decision(
    tmp_path: Path,
) -> None:
    view = _viewed(tmp_path, LONG_SOURCE, _long_variant())
    session = view.session
    heard = Heard(view)
    view.show_corrected(True)
    assert view.corrected.text == LONG_SOURCE  # nothing decided yet
    shown = view.corrected.text
    ids = [loc.id for loc in session.loci]
    for lid in ids[::2]:
        heard.clear()
        session.accept([lid], "variant")
        patches = [c for c in heard.corrected if c.edits]
        assert len(patches) == 1 and not any(c.text for c in heard.corrected)
        shown = _applied(shown, patches[0].edits)
        assert shown == view.corrected.text
    assert project_text(session) == view.corrected.text
    # the places of the changed loci are spans of the corrected text
    decided = {s.locus_id for s in view.corrected.spans}
    assert decided and decided <= set(ids[::2])


def test_decisions_while_the_corrected_text_is_hidden_show_when_it_is_shown(
    tmp_path: Path,
) -> None:
    view = _viewed(tmp_path, LONG_SOURCE, _long_variant())
    session = view.session
    view.show_corrected(True)
    view.show_corrected(False)
    heard = Heard(view)
    for locus in session.loci[:5]:
        session.accept([locus.id], "variant")
    assert not heard.corrected  # hidden: nothing worked out
    view.show_corrected(True)
    assert view.corrected.text == project_text(session)


def test_another_witness_replaces_the_spans(tmp_path: Path) -> None:
    view = _viewed(tmp_path)
    session = view.session
    other = tmp_path / "other.txt"
    other.write_text(SOURCE.replace("柳树", "杨树"), encoding="utf-8")
    assert not session.add_variants([other])
    collate_now(session)
    assert session.witness == "other"  # a copy added is the one shown
    assert view.witness.text == other.read_text(encoding="utf-8")
    assert [view.session.locus(s.locus_id).source_text for s in view.witness.spans] == ["柳"]  # type: ignore[union-attr]
    heard = Heard(view)
    session.set_witness("variant")
    assert any(c.spans and c.text for c in heard.witness)
    assert view.witness.text == session.workspace.witness("variant").text
    assert {s.locus_id for s in view.witness.spans} == {
        loc.id for loc in session.loci if "variant" in loc.readings
    }


def test_colouring_by_class_gives_the_legend_the_classes(tmp_path: Path) -> None:
    view = _viewed(tmp_path)
    view.set_by_class(True)
    session = view.session
    assert set(view.marks.keys) == {loc.cls for loc in session.loci if loc.cls}
    assert {s.kind for s in view.source.spans} == set(view.marks.keys)


def test_undo_tells_the_same_locus_again(tmp_path: Path) -> None:
    view = _viewed(tmp_path)
    session = view.session
    typo = session.loci[0].id
    session.reject([typo])
    heard = Heard(view)
    session.undo()
    assert any(c.ids == frozenset({typo}) for c in heard.source)
    span = view.source.span(typo)
    assert span is not None and not span.decided
    assert session.decision(typo).status is Status.UNDECIDED


def project_text(session: Session) -> str:
    assert session.project is not None
    return corrected_text(session.project.export_input(document=False))


def _applied(text: str, edits: tuple[Edit, ...]) -> str:
    for edit in edits:
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


@pytest.fixture(scope="module")
def long_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    """One collated session for every example of the property."""
    view = _viewed(tmp_path_factory.mktemp("long"), LONG_SOURCE, _long_variant())
    yield view.session
    view.session.close()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from("ARU")), max_size=25))
def test_patching_the_corrected_text_equals_building_it_anew(
    long_session: Session, steps: list[tuple[int, str]]
) -> None:
    """Whatever decisions come in whatever order, the patched text is the text built
    whole, and the edits bring the old text to the new one."""
    session = long_session
    ids = [loc.id for loc in session.loci]
    model = CorrectedText(LONG_SOURCE, session.loci, session.decision)
    try:
        for pick, what in steps:
            lid = ids[pick % len(ids)]
            if what == "A":
                session.accept([lid], "variant", displace=True)
            elif what == "R":
                session.reject([lid])
            else:
                session.undecide([lid])
            before = model.text
            edits = model.update([lid, *(o.id for o in session.linked(lid))])
            if edits is not None:
                assert _applied(before, tuple(edits)) == model.text
            fresh = CorrectedText(LONG_SOURCE, session.loci, session.decision)
            assert model.text == fresh.text
            # every locus placed as laying the whole text out again places it
            places = fresh.places()
            assert {loc.id: model.place(loc.id) for loc in session.loci} == {
                loc.id: places.get(loc.id) for loc in session.loci
            }
            assert model.changed_places() == {i: p for i, p in places.items() if p.changed}
    finally:
        session.undecide(ids)


@pytest.fixture(scope="module")
def two_copies(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ViewModel]:
    """A session on the long source and two copies of it, followed by a view model that
    shows the corrected text: one for every example of the property below."""
    folder = tmp_path_factory.mktemp("two")
    paths = [folder / "source.txt", folder / "one.txt", folder / "two.txt"]
    for path, text in zip(paths, (LONG_SOURCE, _long_variant(7), _long_variant(11)), strict=True):
        path.write_text(text, encoding="utf-8")
    session = Session(projects_dir=folder / "projects")
    session.open_files(paths[0], paths[1:])
    collate_now(session)
    view = ViewModel(session)
    view.update(NEW_WORK)
    view.show_corrected(True)
    yield view
    session.close()


def _drawn(view: ViewModel) -> dict[str, object]:
    """Everything the widgets draw, as they would read it."""
    return {
        "source": list(view.source.spans),
        "witness": list(view.witness.spans),
        "witness text": view.witness.text,
        "places": (view.source.place, view.witness.place, view.corrected.place),
        "current": (view.source.current, view.marks.current, view.rows.current),
        "marks": list(view.marks.marks),
        "counts": dict(view.marks.counts),
        "keys": view.marks.keys,
        "decided": view.rows.decided,
        "summary": (view.summary.divergences, view.summary.decided),
        "corrected": view.corrected.text,
        "corrected spans": list(view.corrected.spans),
    }


STEPS = st.lists(
    st.tuples(st.sampled_from("ARUZYWCST"), st.integers(0, 10_000)), min_size=1, max_size=20
)


@settings(max_examples=30, deadline=None)
@given(STEPS)
def test_what_is_redrawn_step_by_step_equals_drawing_it_all_anew(
    two_copies: ViewModel, steps: list[tuple[str, int]]
) -> None:
    """The view model changes only what a step changed; whatever the steps, what it holds
    then is what a view model made afresh for the session holds."""
    view, session = two_copies, two_copies.session
    ids = [loc.id for loc in session.loci]
    try:
        for what, pick in steps:
            lid = ids[pick % len(ids)]
            if what == "A":
                wid = session.acceptable_witness(lid)
                if wid is not None:
                    session.accept([lid], wid, displace=True)
            elif what == "R":
                session.reject([lid])
            elif what == "U":
                session.undecide([lid])
            elif what == "Z" and session.can_undo():
                session.undo()
            elif what == "Y" and session.can_redo():
                session.redo()
            elif what == "W":
                others = [w for w in session.witness_ids if w != session.witness]
                session.set_witness(others[pick % len(others)])
            elif what == "C":
                view.set_by_class(not view.marks.by_class)
            elif what == "S":
                session.select(lid)
            elif what == "T":  # a rule toggled: collated again, every decision kept
                rule = ("width", "whitespace", "script")[pick % 3]
                rules = set(session.workspace.rules) ^ {rule}
                session.set_rules(rules)
                collate_now(session)
                ids = [loc.id for loc in session.loci]
            fresh = ViewModel(session)
            try:
                fresh.set_by_class(view.marks.by_class)
                fresh.update(NEW_WORK)
                fresh.show_corrected(True)
                assert _drawn(view) == _drawn(fresh), (what, lid)
            finally:
                session.unsubscribe(fresh.update)
    finally:
        session.undecide(ids)
        if set(session.workspace.rules) != set(ALL_RULES):
            session.set_rules(ALL_RULES)
            collate_now(session)


def test_a_new_collation_is_drawn_in_an_event_of_its_own(tmp_path: Path) -> None:
    """With ``later`` (the window's timer), taking a result shows the table at once and
    draws the spans next: two short holds of the GUI thread instead of one long one."""
    waiting: list[Callable[[], None]] = []
    session = Session(projects_dir=tmp_path / "projects")
    view = ViewModel(session, later=waiting.append)
    drawn: list[bool] = []
    view.drawn.subscribe(drawn.append)
    src, var = write_pair(tmp_path)
    session.open_files(src, [var])
    collate_now(session)
    assert view.rows.collation is not None and len(view.rows.collation.loci) == 3  # the table
    assert view.drawing and not view.source.spans and not drawn  # the spans: next
    assert view.source.place is not None  # where the current one is: at once (the panel)
    session.set_rules(("width",))
    collate_now(session)  # another result before the first was drawn
    assert len(waiting) == 2
    waiting[0]()  # the first result's drawing: no longer wanted
    assert view.drawing and not view.source.spans and not drawn
    waiting[1]()
    assert not view.drawing and drawn == [True]
    assert [s.locus_id for s in view.source.spans] == [loc.id for loc in session.loci]
    typo = session.loci[0].id
    session.reject([typo])  # a decision is drawn at once, as always
    span = view.source.span(typo)
    assert span is not None and span.decided
    session.close()
