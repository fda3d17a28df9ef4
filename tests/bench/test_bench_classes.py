"""The labelled set of the classification benchmark: deterministic, every class, exact truth."""

from __future__ import annotations

from collections import Counter
from functools import cache
from itertools import pairwise

from app.classes.classify import CLASSES
from bench.bench_classes import (
    LabelledCase,
    apply,
    confusables,
    evaluate,
    make_case,
    scores,
    sound_apart,
)


@cache
def case(seed: int) -> LabelledCase:
    return make_case(seed, 3000)


def test_a_round_is_deterministic_per_seed() -> None:
    assert case(1001) == make_case(1001, 3000)
    assert case(1001).source != case(1002).source


def test_every_class_is_injected_in_every_round() -> None:
    for seed in (1000, 1001):
        counts = Counter(e.cls for e in case(seed).truth)
        assert set(counts) == set(CLASSES), seed
        assert counts["moved"] == 2  # where it left and where it arrived
        assert all(n == 1 for cls, n in counts.items() if cls != "moved")


def test_the_truth_rebuilds_the_witness_and_edits_stay_apart() -> None:
    for seed in (1000, 1001):
        c = case(seed)
        assert apply(c.source, c.truth) == c.witness
        edits = sorted(c.truth)
        for a, b in pairwise(edits):
            assert a.end < b.start, (a, b)


def test_truth_details() -> None:
    c = case(1001)  # odd rounds double a character in the source itself
    by_class = {e.cls: e for e in c.truth if e.detail != "to"}
    doubled = by_class["doubled"]
    assert doubled.detail == "source" and doubled.reading == ""
    assert c.source[doubled.start - 1] == c.source[doubled.start]
    gone = by_class["moved"]
    arrived = next(e for e in c.truth if e.detail == "to")
    assert c.source[gone.start : gone.end] == arrived.reading and gone.reading == ""
    assert (
        by_class["extra_paragraph"].reading == ""
        and c.source[by_class["extra_paragraph"].end - 1] == "\n"
    )
    assert by_class["missing_paragraph"].reading.endswith("\n")
    assert by_class["extra_sentence"].reading == ""
    assert by_class["missing_sentence"].reading[-1] in "。！？”"


def test_sound_and_shape_pairs_come_from_the_packages() -> None:
    homo, shape = confusables()
    assert "接" in homo["结"]  # jiē / jié
    assert "未" in shape["末"]  # the same four corners, decompositions one part apart
    # 己/已 look alike but share the final i: too close in sound for a clean 形近 label
    assert "已" not in shape["己"] and not sound_apart("己", "已")


def test_scoring_a_round_end_to_end() -> None:
    outcome = evaluate(case(1000))
    assert all(outcome.found.values())  # every injected error lies under some locus
    table = scores([outcome])
    assert set(table) == set(CLASSES)
    n, precision, recall = table["moved"]
    assert n == 2 and 0.0 <= recall <= 1.0 and (precision is None or 0.0 <= precision <= 1.0)
    baseline = scores([outcome], baseline=True)
    assert baseline["homophone"][2] == baseline["similar_shape"][2] == 0.0
