"""The benchmark's generator and scoring (bench/): deterministic, exact truth, fair scores."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.evaluate import Evaluator, Reported, slide
from bench.norm import Normalizer, get_normalizer
from bench.peers import merge_ops
from bench.synth import make_paragraphs, make_source, parse_size
from bench.variant import (
    BESIDE,
    GAP,
    KINDS,
    SENTENCES_PER,
    Case,
    Edit,
    apply_edits,
    check_case,
    make_case,
)


@cache
def normalizer() -> Normalizer:
    return get_normalizer()[0]


@cache
def case(n: int = 3000, seed: int = 7) -> Case:
    return make_case(n, seed, normalizer())


def evaluator(source: str, truth: list[Edit]) -> Evaluator:
    norm = normalizer()
    return Evaluator(norm(source), truth, norm)


# -- generator ----------------------------------------------------------------


def test_source_is_deterministic_per_seed() -> None:
    assert make_source(3000, 3) == make_source(3000, 3)
    assert make_source(3000, 3) != make_source(3000, 4)
    assert case(3000, 7) == make_case(3000, 7, normalizer())


def test_source_is_chinese_prose_of_the_requested_size() -> None:
    text = make_source(3000, 3)
    assert 3000 <= len(text) < 3600
    for paragraph in text.split("\n"):
        assert paragraph[-1] in "。！？”"
    assert text.count("的") > 50  # common characters recur, k-grams are not unique


def test_whole_paragraphs_recur_elsewhere() -> None:
    paragraphs = make_paragraphs(3000, 3)
    firsts: dict[str, int] = {}
    repeats = 0
    for i, p in enumerate(paragraphs):
        if p in firsts:
            repeats += 1
            assert i - firsts[p] >= 2  # a copy elsewhere, not right after its original
        else:
            firsts[p] = i
    assert repeats >= 1
    assert repeats <= 0.15 * len(paragraphs) + 1


def test_parse_size() -> None:
    assert [parse_size(s) for s in ("10k", "100K", "1M", "2500")] == [
        10_000,
        100_000,
        1_000_000,
        2500,
    ]


# -- truth ----------------------------------------------------------------------


def test_truth_is_sorted_disjoint_well_separated_and_rebuilds_the_variant() -> None:
    c = case()
    assert list(c.truth) == sorted(c.truth)
    for a, b in zip(c.truth, c.truth[1:], strict=False):
        # a sentence dropped right after a moved paragraph's old place is the one exception
        assert b.start >= a.end + (0 if b.detail == BESIDE else GAP)
    assert apply_edits(c.source, c.truth) == c.clean_variant
    check_case(c, normalizer())


def test_edit_density_and_kinds() -> None:
    c = case(10_000, 1)
    assert len(c.source) / 300 <= len(c.truth) <= len(c.source) / 150
    kinds = {e.kind for e in c.truth}
    assert kinds == set(KINDS)
    details = {(e.kind, e.detail) for e in c.truth}
    assert ("deletion", "sentence") in details
    assert ("insertion", "sentence") in details


def test_a_move_is_a_deletion_and_an_insertion_of_the_same_paragraph() -> None:
    c = case(10_000, 1)
    gone = next(e for e in c.truth if e.kind == "move" and e.detail == "from")
    arrived = next(e for e in c.truth if e.kind == "move" and e.detail == "to")
    assert gone.reading == "" and arrived.start == arrived.end
    assert c.source[gone.start : gone.end] == arrived.reading
    assert arrived.reading.endswith("\n") and c.source[gone.start - 1] == "\n"


def test_a_second_moved_paragraph_is_edited_on_the_way() -> None:
    """One character doubled and a later one dropped: the edits the issue saw go unreported."""
    c = case(10_000, 1)
    gone = next(e for e in c.truth if e.detail == "from edited")
    arrived = next(e for e in c.truth if e.detail == "to edited")
    old, new = c.source[gone.start : gone.end], arrived.reading
    assert len(new) == len(old) and new != old
    assert sum(1 for x, y in zip(old, new, strict=True) if x != y) > 1


def test_a_sentence_beside_each_moved_paragraph_is_dropped_too() -> None:
    c = case(10_000, 1)
    for gone in (e for e in c.truth if e.kind == "move" and e.detail.startswith("from")):
        beside = next(e for e in c.truth if e.detail == BESIDE and e.start == gone.end)
        assert beside.reading == "" and c.source[beside.end - 1] in "。！？”"


def test_sentences_added_and_dropped_scale_with_the_text_and_share_characters() -> None:
    c = case(100_000, 1)
    added = [e for e in c.truth if e.detail == "sentence" and e.kind == "insertion"]
    dropped = [e for e in c.truth if e.detail == "sentence" and e.kind == "deletion"]
    assert len(added) == len(dropped) == 100_000 // SENTENCES_PER
    # a share holds the first character of the sentence it goes before
    assert sum(1 for e in added if c.source[e.start] in e.reading) >= len(added) // 3


def test_added_sentence_is_new_text() -> None:
    c = case(10_000, 1)
    added = next(e for e in c.truth if e.detail == "sentence" and e.kind == "insertion")
    assert added.reading not in c.source


def test_noise_is_present_and_normalizes_away() -> None:
    c = case(10_000, 1)
    assert c.variant != c.clean_variant
    assert c.noise.line_breaks + c.noise.spaces > 0
    assert c.noise.traditional_sentences > 0
    norm = normalizer()
    assert norm(c.variant).text == norm(c.clean_variant).text


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000), size=st.integers(800, 4000))
def test_any_seed_gives_a_consistent_case(seed: int, size: int) -> None:
    check_case(make_case(size, seed, normalizer()), normalizer())


# -- evaluation -----------------------------------------------------------------


def test_a_perfect_answer_scores_one() -> None:
    c = case()
    answer = [Reported(e.start, e.end, e.reading, e.kind) for e in c.truth]
    score = evaluator(c.source, list(c.truth)).score(answer)
    assert (score.recall, score.precision, score.exact) == (1.0, 1.0, 1.0)
    assert all(k.kind_ok == k.count for k in score.kinds.values())


SOURCE = "我们要发展展览事业，也要发展经济。"
#          0 1 2 3 4 5 6 ...: 发 at 3, 展 at 4 and 5


def test_deleting_either_of_a_doubled_character_is_exact() -> None:
    ev = evaluator(SOURCE, [Edit(5, 6, "", "deletion")])
    score = ev.score([Reported(4, 5, "", "deletion")])
    assert (score.recall, score.precision, score.exact) == (1.0, 1.0, 1.0)


def test_a_duplication_may_be_an_insertion_anywhere_in_the_run_or_a_doubled_character() -> None:
    source = "我们要发展经济。"
    truth = [Edit(5, 5, "展", "duplication")]
    for answer in (
        Reported(5, 5, "展", "duplication"),
        Reported(4, 4, "展", "duplication"),
        Reported(4, 5, "展展", "duplication"),
    ):
        score = evaluator(source, truth).score([answer])
        assert (score.recall, score.precision, score.exact) == (1.0, 1.0, 1.0), answer


def test_wrong_span_or_reading_is_found_but_not_exact() -> None:
    truth = [Edit(14, 16, "文化", "substitution")]
    ev = evaluator(SOURCE, truth)
    wide = ev.score([Reported(12, 16, "发展文化", "substitution")])
    assert (wide.recall, wide.precision, wide.exact) == (1.0, 1.0, 0.0)
    wrong = ev.score([Reported(14, 16, "文明", "substitution")])
    assert (wrong.recall, wrong.exact) == (1.0, 0.0)


def test_noise_inside_a_reading_does_not_matter() -> None:
    ev = evaluator(SOURCE, [Edit(14, 16, "经历", "substitution")])
    score = ev.score([Reported(14, 16, "經\n歷", "substitution")])
    assert score.exact == 1.0


def test_misses_and_false_alarms() -> None:
    truth = [Edit(1, 2, "他", "substitution"), Edit(12, 12, "大力", "insertion")]
    ev = evaluator(SOURCE, truth)
    score = ev.score([Reported(12, 12, "大力", "insertion"), Reported(7, 8, "", "deletion")])
    assert score.recall == 0.5 and score.precision == 0.5 and score.exact == 0.5
    assert score.missed == [truth[0]]
    assert score.kinds["insertion"].kind_ok == 1


def test_a_sentence_is_on_its_boundaries_only_with_its_own_span() -> None:
    source = "甲乙丙。丁戊己。庚辛壬。"
    truth = [Edit(4, 8, "", "deletion", "sentence")]
    ev = evaluator(source, truth)
    own = ev.score([Reported(4, 8, "", "deletion")])
    slid = ev.score([Reported(3, 7, "", "deletion")])  # 。丁戊己: the same effect
    assert (own.exact, own.boundary) == (1.0, 1.0)
    assert (slid.exact, slid.boundary) == (1.0, 0.0)
    assert slid.off_boundary and slid.off_boundary[0][0] == truth[0]


def test_a_move_in_pieces_around_its_edits_is_exact_when_the_pieces_rebuild_it() -> None:
    source = "甲乙丙丁。戊己庚辛。壬癸子丑。"
    truth = [
        Edit(0, 5, "", "move", "from edited"),
        Edit(15, 15, "甲乙乙丙丁。", "move", "to edited"),
    ]
    ev = evaluator(source, truth)
    left = [Reported(0, 2, "", "move", 1), Reported(2, 5, "", "move", 1)]
    arrived = [
        Reported(15, 15, "甲乙", "move", 1),
        Reported(15, 15, "乙", "duplication"),
        Reported(15, 15, "丙丁。", "move", 1),
    ]
    assert ev.score(left + arrived).exact == 1.0
    unmarked = [Reported(r.start, r.end, r.reading, r.kind) for r in left + arrived]
    assert ev.score(unmarked).exact == 0.0  # pieces of nothing in particular
    wrong = [*left, *arrived[:2]]  # the last piece missing: it does not rebuild
    assert ev.score(wrong).exact == 0.5


def test_kind_accuracy_counts_the_reported_kind() -> None:
    ev = evaluator(SOURCE, [Edit(3, 5, "展发", "transposition")])
    score = ev.score([Reported(3, 5, "展发", "substitution")])
    assert score.exact == 1.0
    assert score.kinds["transposition"].kind_ok == 0


@pytest.mark.parametrize(
    ("start", "end", "reading", "expected"),
    [
        (5, 5, "展", (4, 6, True)),  # 展 added next to 展展: any point in the run
        (5, 6, "", (4, 6, False)),  # one 展 of 展展 deleted
        (10, 11, "", (10, 11, False)),  # nothing to slide over
        (3, 4, "X", (3, 4, False)),  # substitutions do not slide
    ],
)
def test_slide(start: int, end: int, reading: str, expected: tuple[int, int, bool]) -> None:
    assert slide(SOURCE, start, end, reading) == expected


def test_peer_opcodes_merge_when_adjacent() -> None:
    ops = [
        ("equal", 0, 3, 0, 3),
        ("delete", 3, 4, 3, 3),
        ("insert", 4, 4, 3, 5),
        ("equal", 4, 8, 5, 9),
        ("insert", 8, 8, 9, 10),
    ]
    assert merge_ops(ops) == [(3, 4, 3, 5, "substitution"), (8, 8, 9, 10, "insertion")]
