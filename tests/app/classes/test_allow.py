"""What "never flag this word" keeps of a finding: the term as written, not one character
(app.classes.wordlists.term_to_allow)."""

from __future__ import annotations

from app.classes.spelling import check_one_text
from app.classes.wordlists import Banned, WordLists, term_to_allow
from app.messages import ENGLISH


def _terms(text: str, lists: WordLists) -> list[tuple[str, str]]:
    return [
        (text[f.start : f.end], term_to_allow(text, f.start, f.end, f.message))
        for f in check_one_text(text, lists=lists)
    ]


def test_a_common_misspelling_keeps_its_whole_written_form() -> None:
    text = "他们按步就班地推进各项工作，大家都很满意。"
    assert ("步", "按步就班") in _terms(text, WordLists(mistakes={"按步就班": "按部就班"}))


def test_a_banned_term_keeps_the_term() -> None:
    text = "这种说法叫某词，大家都知道。"
    found = _terms(text, WordLists(banned={"某词": Banned("替代词", "不规范")}))
    assert [term for _, term in found] == ["某词"]


def test_a_spelling_finding_keeps_the_word_it_had_in_mind_as_written() -> None:
    message = ENGLISH["check.spelling"].format(wrong="竟", right="境", word="环境")
    text = "我们应该保护环竟。"
    at = text.index("竟")
    assert term_to_allow(text, at, at + 1, message) == "环竟"


def test_a_term_that_does_not_stand_over_the_finding_is_not_taken() -> None:
    """The message names a term the text does not hold there: the finding's own text."""
    message = ENGLISH["check.mistake"].format(wrong="按步就班", right="按部就班")
    text = "按步就班。他们一步步走。"
    at = text.index("步", 5)
    assert term_to_allow(text, at, at + 1, message) == "步"
    assert term_to_allow(text, 1, 2, message) == "按步就班"
    assert term_to_allow(" x ", 0, 3, "not a check's message") == "x"
