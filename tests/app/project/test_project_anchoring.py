"""Decisions belong to their place in the source, not to a row: they survive every re-collation.

Switching a rule off and on, or adding a variant and removing it again,
must bring every decision back on the locus it was made on (same id, same
span); a decision that cannot be placed meanwhile stays in the file and
returns when its place exists again.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.collation.collate import collate
from app.collation.loci import Collation, Locus
from app.project.project import Project, plan_adoption, rows_ahead, stored_text
from app.store.decisions import Decision
from app.text.loading import LoadedText, load_text
from app.text.normalize import ALL_RULES

A = "000_3cf06c38faf44306.txt"
B = "002_4ea96290340b9324.txt"

Place = tuple[int, int, str, str, str | None, str | None, str]
"""A locus's span and source text, and its decision's status, witness, reading and note."""


def loaded(path: Path, text: str) -> LoadedText:
    return LoadedText(str(path), text, "utf-8", hashlib.sha256(text.encode()).hexdigest())


def place(project: Project, locus_id: int) -> Place:
    """Where a decision stands now and what it says; fails if its locus is not shown."""
    locus = project.locus(locus_id)
    d = project.log.get(locus_id)
    return (locus.start, locus.end, locus.source_text, d.status, d.witness, d.reading, d.note)


def decide_eight(project: Project, witness: str) -> list[int]:
    """Eight decisions of every sort, as a proofreader makes them at the top of the list
    (of loci decided alone: a move's other end is decided with it)."""
    ids = [lid for lid in project.ids() if project.linked([lid]) == [lid]][:8]
    project.accept(ids[:3], witness)
    project.reject(ids[3:5])
    project.edit(ids[5], "自己的读法")
    project.set_note(ids[6], "查原件")
    project.reject([ids[7]])
    project.set_note(ids[7], "与原件核对过")
    return ids


# -- the user's report, on the real pair of copies ----------------------------------------


WITHOUT_WIDTH = tuple(r for r in ALL_RULES if r != "width")


@dataclass(frozen=True)
class Pair:
    source: LoadedText
    variant: LoadedText
    width_on: Collation
    width_off: Collation


@pytest.fixture(scope="module")
def pair() -> Pair:
    """The corpus pair collated with and without punctuation width (a second each)."""
    from tests.conftest import CORPUS

    source, variant = load_text(CORPUS / A), load_text(CORPUS / B)
    witnesses = [("B", variant.text)]
    on = collate(source.text, witnesses, ALL_RULES)
    return Pair(source, variant, on, collate(source.text, witnesses, WITHOUT_WIDTH))


def test_width_off_and_on_again_restores_all_eight_decisions(pair: Pair, tmp_path: Path) -> None:
    path = tmp_path / "pair.jkproj"
    with Project.create(path, pair.source, [("B", pair.variant)], pair.width_on) as p:
        ids = decide_eight(p, "B")
        before = {lid: place(p, lid) for lid in ids}
        unplaced = p.adopt(pair.width_off)
        # the bug needs decisions that width-off cannot place: the report names them
        assert unplaced and {u.locus.id for u in unplaced} < set(ids)
        assert {u.locus.id for u in p.unplaced()} == {u.locus.id for u in unplaced}
        assert p.adopt(pair.width_on) == []
        assert {lid: place(p, lid) for lid in ids} == before
        assert p.unplaced() == []
        assert p.counts()["undecided"] == len(p.loci) - 7  # a note alone decides nothing
    with Project.open(path) as again:
        assert {lid: place(again, lid) for lid in ids} == before
        # the window collates again on opening: nothing moves
        assert again.adopt(pair.width_on) == []
        assert {lid: place(again, lid) for lid in ids} == before


def test_a_collation_encoded_ahead_is_adopted_exactly_as_one_encoded_at_adopting(
    pair: Pair, tmp_path: Path
) -> None:
    """A rule set looked ahead (app.session.ahead) has its rows encoded before the toggle:
    the plan made with them writes the very rows the plan made without them writes."""
    with Project.create(
        tmp_path / "p.jkproj", pair.source, [("B", pair.variant)], pair.width_on
    ) as p:
        decide_eight(p, "B")
        basis, source, witnesses = p.basis(), p.source, p.witnesses
        plain = plan_adoption(basis, pair.width_off, source, witnesses)
        ahead = rows_ahead(pair.width_off)
        made = plan_adoption(basis, pair.width_off, source, witnesses, ahead=ahead)
        assert plain.writes.rows and made.writes == plain.writes
        assert made.loci == plain.loci and made.rows == plain.rows
        assert made.unplaced == plain.unplaced
        # rows encoded for another collation are not taken for this one
        other = plan_adoption(
            basis, pair.width_off, source, witnesses, ahead=rows_ahead(pair.width_on)
        )
        assert other.writes == plain.writes


def test_decisions_come_back_after_closing_with_the_rule_off(pair: Pair, tmp_path: Path) -> None:
    """The decisions set aside are read from the file, not kept in memory."""
    path = tmp_path / "pair.jkproj"
    with Project.create(path, pair.source, [("B", pair.variant)], pair.width_on) as p:
        ids = decide_eight(p, "B")
        before = {lid: place(p, lid) for lid in ids}
        set_aside = {u.locus.id for u in p.adopt(pair.width_off)}
    with Project.open(path) as again:
        assert again.rules == WITHOUT_WIDTH
        assert {u.locus.id for u in again.unplaced()} == set_aside
        assert again.adopt(pair.width_on) == []
        assert {lid: place(again, lid) for lid in ids} == before


# -- adding and removing a variant ----------------------------------------------------------

SOURCE = "去年冬天，图书馆开始整理一批旧报纸。这些报纸大多已经发黄变脆，有的字迹模糊。"
TYPOS = "去年冬天，图书馆开始整理一批旧报纸。这些报纸大多己经发黄变脆，有的字迹模湖。"
OCR = "去年冬夭,图书馆开始整理一批旧报纸。\n这些报纸大多已经发黄变脆,有的字迹模糊不清。"


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Project]:
    src = loaded(tmp_path / "source.txt", SOURCE)
    typos = loaded(tmp_path / "typos.txt", TYPOS)
    result = collate(SOURCE, [("typos", TYPOS)])
    with Project.create(tmp_path / "p.jkproj", src, [("typos", typos)], result) as project:
        yield project


def with_ocr(project: Project, tmp_path: Path) -> list[int]:
    """Add the OCR copy as a second variant; the ids of the loci it brought."""
    ocr = stored_text(loaded(tmp_path / "ocr.txt", OCR), "witness", "ocr")
    before = set(project.ids())
    unplaced = project.adopt(
        collate(SOURCE, [("typos", TYPOS), ("ocr", OCR)]), None, [*project.witnesses, ocr]
    )
    assert unplaced == []  # no decision on typos' loci depends on the OCR being absent
    return [lid for lid in project.ids() if lid not in before]


def without_ocr(project: Project) -> list[int]:
    """Remove the OCR copy again; the ids the report names."""
    typos = [w for w in project.witnesses if w.witness_id == "typos"]
    return [u.locus.id for u in project.adopt(collate(SOURCE, [("typos", TYPOS)]), None, typos)]


def test_adding_and_removing_a_variant_restores_every_decision(
    small: Project, tmp_path: Path
) -> None:
    ids = small.ids()
    small.accept(ids[:1], "typos")
    small.reject(ids[1:])
    small.set_note(ids[-1], "模糊：原件如此")
    before = {lid: place(small, lid) for lid in ids}
    with_ocr(small, tmp_path)
    assert without_ocr(small) == []
    assert {lid: place(small, lid) for lid in ids} == before
    assert small.ids() == ids


def test_a_decision_that_cannot_be_placed_returns_when_it_can(
    small: Project, tmp_path: Path
) -> None:
    ocr_only = with_ocr(small, tmp_path)
    assert ocr_only  # its 夭 for 天
    small.accept(ocr_only, "ocr")
    before = {lid: place(small, lid) for lid in ocr_only}
    assert sorted(without_ocr(small)) == sorted(ocr_only)  # told once, kept in the file
    assert not set(ocr_only) & set(small.ids())
    assert set(ocr_only) <= set(small.file.decisions())
    # a later re-collation that cannot place them either does not tell again...
    assert without_ocr(small) == []
    # ...but the project still knows them all
    assert sorted(u.locus.id for u in small.unplaced()) == sorted(ocr_only)
    assert with_ocr(small, tmp_path) == ocr_only  # the old loci are back, under their ids
    assert {lid: place(small, lid) for lid in ocr_only} == before
    assert small.unplaced() == []


def test_a_retired_decision_follows_an_edited_source(small: Project, tmp_path: Path) -> None:
    """Set aside under one source, placed again under an edited one, by its context."""
    ocr_only = with_ocr(small, tmp_path)
    (day,) = [lid for lid in ocr_only if small.locus(lid).source_text == "天"]
    small.reject([day])
    old_start = small.locus(day).start
    without_ocr(small)
    edited = "前言一句。" + SOURCE
    src = stored_text(loaded(tmp_path / "source.txt", edited), "source")
    typos = [w for w in small.witnesses if w.witness_id == "typos"]
    assert small.adopt(collate(edited, [("typos", TYPOS)]), src, typos) == []
    ocr = stored_text(loaded(tmp_path / "ocr.txt", OCR), "witness", "ocr")
    small.adopt(collate(edited, [("typos", TYPOS), ("ocr", OCR)]), src, [*typos, ocr])
    assert small.locus(day).start == old_start + len("前言一句。")
    assert small.log.get(day).status == "rejected"


# -- two decisions for one place ------------------------------------------------------------


def one_locus(reading: str) -> Collation:
    """丙 read as ``reading`` by w: what two rule settings might make of one place."""
    return Collation("甲乙丙丁戊", ("w",), (), (Locus(2, 3, "丙", {"w": reading}, "substitution"),))


def test_each_of_two_decisions_on_one_place_returns_with_its_own_reading(
    tmp_path: Path,
) -> None:
    """An accepted reading set aside (the witness reads more there now), a new decision
    made on the place meanwhile: each comes back with the reading it was made for."""
    src = loaded(tmp_path / "s.txt", "甲乙丙丁戊")
    w = loaded(tmp_path / "w.txt", "甲乙两丁戊")
    with Project.create(tmp_path / "p.jkproj", src, [("w", w)], one_locus("两")) as p:
        (first,) = p.ids()
        p.accept([first], "w")
        (gone,) = p.adopt(one_locus("两,"))
        assert gone.locus.id == first and gone.why.id == "unplaced.reading-changed"
        (second,) = p.ids()
        assert second != first  # a new id: the same span, but not the same decision's place
        p.reject([second])
        (taken,) = p.adopt(one_locus("两"))
        assert p.ids() == [first] and p.log.get(first).reading == "两"
        assert taken.locus.id == second and taken.why.id == "unplaced.place-taken"
        (back,) = p.adopt(one_locus("两,"))
        assert back.locus.id == first
        assert p.ids() == [second] and p.log.get(second).status == "rejected"


# -- the property: any toggles, back to the start, every decision on its locus -------------

CHARS = "的一是了不在人有我社区防控疫情发展城乡接合部"
PUNCT = "，。、；：！？（）,.;:!?()"
TEXT = st.text(alphabet=CHARS + PUNCT + "\n", min_size=1, max_size=40)
WIDTH = dict(zip("，。；：！？（）", ",.;:!?()", strict=True))


@st.composite
def variant_of(draw: st.DrawFn, source: str) -> str:
    """A copy with random edits: typos, insertions, deletions, swaps, punctuation width."""
    out = list(source)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["sub", "ins", "del", "swap", "width", "break"]))
        pos = draw(st.integers(0, max(0, len(out) - 1)))
        if op == "sub" and out:
            out[pos] = draw(st.sampled_from(CHARS))
        elif op == "ins":
            out[pos:pos] = list(draw(st.text(alphabet=CHARS + PUNCT, min_size=1, max_size=3)))
        elif op == "del" and out:
            del out[pos : pos + draw(st.integers(1, 2))]
        elif op == "swap" and len(out) > pos + 1:
            out[pos], out[pos + 1] = out[pos + 1], out[pos]
        elif op == "width":
            out = [WIDTH.get(c, c) if draw(st.booleans()) else c for c in out]
        elif op == "break":
            out.insert(pos, "\n")
    return "".join(out)


@dataclass(frozen=True)
class Session:
    source: str
    variants: tuple[str, str]
    rules: frozenset[str]
    steps: tuple[tuple[str, int, int], ...]
    """("rule", rule index, _), ("variant", _, _) or ("decide", locus pick, what)."""


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    source = draw(TEXT)
    variants = (draw(variant_of(source)), draw(variant_of(source)))
    rules = frozenset(draw(st.sets(st.sampled_from(ALL_RULES))))
    step = st.one_of(
        st.tuples(st.just("rule"), st.integers(0, len(ALL_RULES) - 1), st.just(0)),
        st.tuples(st.just("variant"), st.just(0), st.just(0)),
        st.tuples(st.just("decide"), st.integers(0, 10**6), st.integers(0, 3)),
    )
    return Session(source, variants, rules, tuple(draw(st.lists(step, max_size=6))))


class Proofreader:
    """A project driven as the window drives it: collate, adopt, decide."""

    def __init__(self, folder: Path, s: Session) -> None:
        self.s = s
        self.texts = {
            wid: loaded(folder / f"{wid}.txt", text)
            for wid, text in zip(("b", "c"), s.variants, strict=True)
        }
        self.rules = set(s.rules)
        self.with_c = False
        src = loaded(folder / "source.txt", s.source)
        self.project = Project.create(
            folder / "p.jkproj", src, [("b", self.texts["b"])], self.collation()
        )

    def witnesses(self) -> Sequence[str]:
        return ("b", "c") if self.with_c else ("b",)

    def collation(self) -> Collation:
        texts = [(wid, self.texts[wid].text) for wid in self.witnesses()]
        return collate(self.s.source, texts, tuple(sorted(self.rules)))

    def recollate(self) -> None:
        stored = [stored_text(self.texts[wid], "witness", wid) for wid in self.witnesses()]
        self.project.adopt(self.collation(), None, stored)

    def decide(self, pick: int, what: int, *, only_undecided: bool) -> int | None:
        p = self.project
        free = [s for s in p.loci if not only_undecided or p.log.get(s.id) == Decision()]
        if not free:
            return None
        locus = free[pick % len(free)]
        if what == 0:
            p.accept([locus.id], sorted(locus.readings)[0])
        elif what == 1:
            p.reject([locus.id])
        elif what == 2:
            p.edit(locus.id, locus.source_text + "注")
        else:
            p.set_note(locus.id, f"note {locus.id}")
        return locus.id


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(sessions(), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 3)), max_size=5))
def test_any_toggles_back_to_the_start_leave_every_decision_on_its_locus(
    s: Session, first: list[tuple[int, int]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        pr = Proofreader(Path(folder), s)
        p = pr.project
        try:
            start_ids = p.ids()
            for pick, what in first:
                pr.decide(pick, what, only_undecided=False)
            before = {lid: place(p, lid) for lid in p.log.all() if lid in start_ids}
            later: dict[int, Decision] = {}
            spans: dict[int, tuple[int, int]] = {s.id: (s.start, s.end) for s in p.loci}
            for kind, a, b in s.steps:
                if kind == "rule":
                    pr.rules ^= {ALL_RULES[a]}
                    pr.recollate()
                elif kind == "variant":
                    pr.with_c = not pr.with_c
                    pr.recollate()
                else:
                    lid = pr.decide(a, b, only_undecided=True)
                    if lid is not None:
                        later[lid] = p.log.get(lid)
                for loc in p.loci:  # an id always names the same place
                    assert spans.setdefault(loc.id, (loc.start, loc.end)) == (loc.start, loc.end)
            pr.rules, pr.with_c = set(s.rules), False
            pr.recollate()
            assert {lid: place(p, lid) for lid in before} == before
            assert p.ids() == start_ids
            # the decisions made on the way: on their locus again, or kept and listed
            kept = {u.locus.id for u in p.unplaced()}
            shown = {lid for lid in p.ids() if lid in p.file.decisions()}
            assert not shown & kept and shown | kept == set(p.file.decisions())
            for lid, decision in later.items():
                assert p.file.decisions()[lid] == decision
                assert (lid in p.ids()) != (lid in kept)
                if lid in p.ids():
                    assert p.log.get(lid) == decision
        finally:
            p.close()
