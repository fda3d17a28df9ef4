"""A session's collations reuse what earlier ones found, and give exactly what a fresh
collation gives (app.collation.reuse, issue 24)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pytest

from app.cancel import Cancelled
from app.classes import checks
from app.collation import collate as collate_module
from app.collation import reuse
from app.collation.collate import collate
from app.text import normalize as normalize_module
from app.text.normalize import ALL_RULES, RuleSteps, normalize

T = TypeVar("T")

SOURCE = "天下大事，必作于细。**后来**他说：“我们走吧……”\n第二段 the end。干部们都很忙。"
VARIANT = "天下大事,必做于细。後來他說:「我们走吧...」\n第二段the  end。乾部們都很忙。"
WITNESSES = [("B", VARIANT), ("C", VARIANT.replace("必做", "必作"))]


def without(rule: str) -> tuple[str, ...]:
    return tuple(r for r in ALL_RULES if r != rule)


RULE_SETS = [ALL_RULES, without("markup"), ALL_RULES, without("width"), without("whitespace"),
             without("script"), ("script",), (), ALL_RULES]  # fmt: skip


@pytest.mark.parametrize("witnesses", [WITNESSES[:1], WITNESSES], ids=["one", "two"])
def test_every_rule_set_collates_as_a_fresh_collation_does(
    witnesses: list[tuple[str, str]],
) -> None:
    reuse.forget()
    for rules in RULE_SETS:
        with reuse.reusing():
            kept = collate(SOURCE, witnesses, rules, checks=True, processes=0)
        assert kept == collate(SOURCE, witnesses, rules, checks=True, processes=0), rules


def test_a_rule_that_changes_nothing_aligns_nothing_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The markup rule has nothing to drop here: switching it off normalizes, aligns and
    checks nothing again; switching script off aligns again, but checks nothing again."""
    reuse.forget()
    source, variant = "天下大事，必作于细。後來", "天下大事，必做于细。后来"
    calls = {"align": 0, "check": 0, "width": 0}
    for name, module, key in (
        ("witness_divergences", collate_module, "align"),
        ("check_text", checks, "check"),
    ):
        monkeypatch.setattr(module, name, _counted(getattr(module, name), calls, key))
    rules_map = dict(normalize_module._RULES)
    rules_map["width"] = _counted(rules_map["width"], calls, "width")
    monkeypatch.setattr(normalize_module, "_RULES", rules_map)
    with reuse.reusing():
        first = collate(source, [("B", variant)], ALL_RULES, checks=True)
        assert calls == {"align": 1, "check": 1, "width": 2}
        again = collate(source, [("B", variant)], without("markup"), checks=True)
        assert calls == {"align": 1, "check": 1, "width": 2}
        assert again.loci == first.loci and again.rules == without("markup")
        collate(source, [("B", variant)], without("script"), checks=True)
        assert calls == {"align": 2, "check": 1, "width": 2}
    collate(source, [("B", variant)], ALL_RULES, checks=True)  # outside: all afresh
    assert calls == {"align": 3, "check": 2, "width": 4}
    reuse.forget()


def _counted(function: Callable[..., T], calls: dict[str, int], key: str) -> Callable[..., T]:
    def counted(*args: Any, **kwargs: Any) -> T:
        calls[key] += 1
        return function(*args, **kwargs)

    return counted


def test_rule_steps_hold_at_most_their_characters_the_latest_kept() -> None:
    steps = RuleSteps(characters=25)
    texts = [f"{k}，" * 5 for k in range(4)]  # 10 characters each, folded to 10 others
    for text in texts:
        assert normalize(text, ("width",), steps=steps) == normalize(text, ("width",))
    assert steps.get("width", texts[0]) is None and steps.get("width", texts[1]) is None
    assert steps.get("width", texts[3]) is not None
    steps.put("width", "x" * 30, ("y" * 30, []))  # larger than all: not kept
    assert steps.get("width", "x" * 30) is None


def test_a_cancelled_collation_leaves_nothing_half_done_to_reuse() -> None:
    """Cancelled while aligning (after normalizing, before the checks): the next collation
    of the same work is whole and the same as a fresh one."""
    reuse.forget()
    polls = [0]

    def cancel_late() -> bool:
        polls[0] += 1
        return polls[0] > 3  # after normalizing both texts, inside the witness's work

    with reuse.reusing():
        with pytest.raises(Cancelled):
            collate(SOURCE, WITNESSES[:1], ALL_RULES, checks=True, cancel=cancel_late)
        kept = collate(SOURCE, WITNESSES[:1], ALL_RULES, checks=True)
    assert kept == collate(SOURCE, WITNESSES[:1], ALL_RULES, checks=True)
    assert kept.loci
