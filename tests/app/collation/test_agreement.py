"""Suggestions from the copies' vote, and the source as the odd one out."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.collation.agreement import agreement
from app.collation.collate import collate


def test_majority_reading_is_suggested_with_its_count() -> None:
    source = "城乡接合部的社区工作"
    b = "城乡结合部的社区工作"
    result = collate(source, [("B", b), ("C", b), ("D", b)])
    (locus,) = result.loci
    assert locus.agreement is not None
    assert (locus.agreement.reading, locus.agreement.support, locus.agreement.total) == ("结", 3, 4)
    assert locus.agreement.majority and locus.agreement.likely_source_error
    assert locus.to_json()["suggestion"] == {
        "reading": "结", "agree": 3, "of": 4, "witnesses": ["B", "C", "D"], "source_agrees": False
    }  # fmt: skip


def test_a_tie_keeps_the_source() -> None:
    source = "城乡接合部的社区工作"
    b = "城乡结合部的社区工作"
    (locus,) = collate(source, [("B", b), ("C", b), ("D", source)]).loci
    assert locus.agreement is not None
    assert (locus.agreement.reading, locus.agreement.support) == ("接", 2)
    assert not locus.agreement.majority and not locus.agreement.likely_source_error


def test_source_alone_against_the_witnesses_is_a_likely_source_error() -> None:
    source = "大家笑着说这项工作考验耐心"
    result = collate(
        source, [("B", "大家笑着说这项工作考验耐性"), ("C", "大家笑着说这项工作考验耐性")]
    )
    (locus,) = result.loci
    assert locus.agreement is not None and locus.agreement.majority
    assert locus.agreement.likely_source_error
    assert locus.to_json()["likely_source_error"] is True


def test_a_witness_alone_is_not_a_source_error() -> None:
    source = "大家笑着说这项工作考验耐心"
    result = collate(source, [("B", "大家笑着说这项工作考验耐性"), ("C", source)])
    (locus,) = result.loci
    assert locus.agreement is not None
    assert locus.agreement.reading == "心" and not locus.agreement.likely_source_error


def test_noise_votes_with_its_reading() -> None:
    vote = agreement(
        "，有人", {"B": ",有人", "C": "；有人"}, ["B", "C"], lambda t: t.replace(",", "，")
    )
    assert vote is not None and vote.support == 2 and set(vote.supporters) == {"", "B"}


def test_one_variant_has_no_vote() -> None:
    (locus,) = collate("一二三", [("B", "一二四")]).loci
    assert locus.agreement is None and "suggestion" not in locus.to_json()


def test_the_quick_vote_of_a_lone_reading_is_the_full_count() -> None:
    from app.collation.collate import _LoneVotes
    from app.collation.loci import Locus

    def key(text: str) -> str:
        return text.replace(",", "，")

    ids = ["B", "C", "D"]
    loc = Locus(0, 1, "功", {"C": "工"}, "substitution")
    lone = _LoneVotes(ids, key)
    assert lone(loc) == agreement("功", {"C": "工"}, ids, key)
    assert lone(Locus(0, 1, "，", {"C": ","}, "substitution")) is None  # same key


def test_the_quick_vote_of_a_reading_every_witness_shares_is_the_full_count() -> None:
    from app.collation.collate import _LoneVotes
    from app.collation.loci import Locus

    def key(text: str) -> str:
        return text.replace(",", "，")

    ids = ["B", "C", "D"]
    lone = _LoneVotes(ids, key)
    shared = {"D": "工", "B": "工", "C": "工"}
    vote = lone(Locus(0, 1, "功", shared, "substitution"))
    assert vote is not None and vote == agreement("功", shared, ids, key)
    assert vote.supporters == ("B", "C", "D") and vote.likely_source_error
    # anything else is counted in full
    assert lone(Locus(0, 1, "，", dict.fromkeys(ids, ","), "substitution")) is None  # same key
    assert lone(Locus(0, 1, "功", {"B": "工", "C": "工", "D": "攻"}, "substitution")) is None
    assert lone(Locus(0, 1, "功", {"B": "工", "C": "工"}, "substitution")) is None
    assert lone(Locus(0, 1, "功", {"B": "工", "C": "工", "check": "工"}, "substitution")) is None


@settings(max_examples=300, deadline=None)
@given(
    source=st.sampled_from(["功", "，", ",", "工"]),
    readings=st.dictionaries(
        st.sampled_from(["B", "C", "D", "check"]), st.sampled_from(["工", "，", ",", "功", ""])
    ),
)
def test_a_quick_vote_is_always_the_full_count(source: str, readings: dict[str, str]) -> None:
    from app.collation.collate import _LoneVotes
    from app.collation.loci import Locus

    def key(text: str) -> str:
        return text.replace(",", "，")

    ids = ["B", "C", "D"]
    quick = _LoneVotes(ids, key)(Locus(0, 1, source, readings, "substitution"))
    assert quick is None or quick == agreement(source, readings, ids, key)
