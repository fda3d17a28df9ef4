"""The rules: each makes exactly the differences it names vanish, and nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.text.normalize import ALL_RULES, UnknownRuleError, fold_width, normalize, parse_rules


def same(a: str, b: str, *rules: str) -> bool:
    return normalize(a, rules).text == normalize(b, rules).text


@pytest.mark.parametrize(
    ("full", "half"),
    [
        ("，", ","),
        ("；", ";"),
        ("：", ":"),
        ("（）", "()"),
        ("！", "!"),
        ("？", "?"),
        ("“引号”", '"引号"'),
        ("‘单’", "'单'"),
        ("……", "..."),
        ("……", "…"),
        ("——", "--"),
        ("ＡＢＣ１２３", "ABC123"),
        ("｡", "。"),
    ],
)
def test_width_folds_forms(full: str, half: str) -> None:
    assert same(full, half, "width")
    assert not same(full, half)  # folded by the width rule, not already equal without it


@pytest.mark.parametrize(("a", "b"), [("、", ","), ("。", "."), ("，", "。"), ("-", "—")])
def test_width_keeps_different_marks_apart(a: str, b: str) -> None:
    assert not same(a, b, *ALL_RULES)


def test_whitespace_in_chinese_text_is_removed() -> None:
    assert same("社区防\n控", "社区防控", "whitespace")
    assert same("社区 防控\r\n工作　好", "社区防控工作好", "whitespace")
    assert same("力量 and 各方", "力量and各方", "whitespace")


def test_whitespace_between_latin_words_is_one_space() -> None:
    assert normalize("New  \n York", ["whitespace"]).text == "New York"
    assert not same("New York", "NewYork", "whitespace")
    assert same("COVID 19", "COVID\n19", "whitespace")


def test_markup_marks_are_ignored() -> None:
    assert same("**关键**防线", "关键防线", "markup")
    assert same("<b>关键</b>防线", "关键防线", "markup")
    assert not same("*关键", "关键", "markup")


def test_script_folds_traditional() -> None:
    assert same("頭髮與後來", "头发与后来", "script")
    assert not same("乾部", "干部", "script")


def test_no_rules_is_identity() -> None:
    text = "頭髮，\n**x**……"
    norm = normalize(text, ())
    assert norm.text == text and norm.map.groups == ()


def test_rule_order_does_not_depend_on_naming() -> None:
    text = "**頭\n髮**，……"
    assert (
        normalize(text, ["script", "markup", "width", "whitespace"]).text
        == normalize(text, ALL_RULES).text
        == "头发,…"
    )


def test_parse_rules() -> None:
    assert parse_rules("none") == ()
    assert parse_rules("width, script") == ("width", "script")
    with pytest.raises(UnknownRuleError, match="unknown rule 'colour'"):
        parse_rules("width,colour")
    with pytest.raises(UnknownRuleError):
        normalize("x", ["colour"])


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="…．.。·—-－ａ甲 ", max_size=14))
def test_ellipses_and_dashes_fold_alike_whether_looked_for_first_or_not(text: str) -> None:
    """The width rule looks for a run of dots or dashes before scanning for one: what it
    gives is what the scan alone gives, lone … and — kept, runs folded to one."""
    from app.text import normalize as rules

    folded = rules._WIDTH_FOLD(text)
    scanned = rules._substitute(
        rules._ELLIPSIS_OR_DASH, folded, lambda m: "—" if m.group()[0] in "—-" else "…"
    )
    assert rules._rule_width(text) == scanned


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="…．.。·—-－ａＡ１甲　 “”‘’「」,，\n", max_size=14))
def test_fold_width_is_the_width_rule_alone(text: str) -> None:
    """The classes fold readings by ``fold_width``: what ``normalize`` gives with width alone."""
    assert fold_width(text) == normalize(text, ("width",)).text
