"""What the window says, as a proofreader reads it (issue 20's list of what read wrong).

An own reading for an insertion asked ``Reading for "":`` with nothing to say
where; one waiting decision was "1 decisions"; the majority question gave no
count; Recent dated a project "6 12 2026 12:29".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from app.store.registry import ProjectSummary, TextRef
from tests.helpers.window import open_demo
from ui.window.main_window import MainWindow
from ui.window.projects import recent_item


def asked_for_a_reading(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> str:
    labels: list[str] = []

    def get_text(_parent: object, _title: str, label: str, **_kw: object) -> tuple[str, bool]:
        labels.append(label)
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    window.proofreading.edit()
    (label,) = labels
    return label


def test_an_own_reading_is_asked_for_in_its_context(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    collation = open_demo(qtbot, window)
    session = window.session
    insertion = next(loc for loc in collation.loci if not loc.source_text)
    session.select(insertion.id)
    label = asked_for_a_reading(window, monkeypatch)
    before, after = session.context(insertion.id)
    assert label == f"Text to insert at …{before}【^】{after}…:"
    assert before and after
    substitution = next(loc for loc in collation.loci if len(loc.source_text) == 1)
    session.select(substitution.id)
    label = asked_for_a_reading(window, monkeypatch)
    assert f"【{substitution.source_text}】" in label and label.startswith("Reading for …")


def test_the_majority_question_says_how_many(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_demo(qtbot, window)
    asked: list[str] = []

    def confirm(_title: str, text: str) -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(window, "confirm", confirm)
    window.proofreading.accept_majority()
    count = window.session.majority_count()
    assert count >= 1
    (question,) = asked
    assert (
        question == "Accept the one undecided reading that a majority of the copies shares?"
        if count == 1
        else question
        == f"Accept the {count} undecided readings that a majority of the copies shares?"
    )
    window.session.accept_majority()
    assert window.session.majority_count() == 0
    asked.clear()
    window.proofreading.accept_majority()  # nothing left: said in the status bar, not asked
    assert asked == []
    assert "No undecided reading" in window.statusBar().currentMessage()


def test_recent_dates_read_as_dates(qapp: object) -> None:
    when = datetime(2026, 12, 6, 4, 29, tzinfo=UTC)
    about = ProjectSummary(
        Path("/p/x.jkproj"),
        TextRef("source", None, "/t/底本.txt", "0"),
        (TextRef("witness", "b", "/t/校本.txt", "0"),),
        (),
        10,
        3,
        when,
    )
    detail = recent_item(about).detail
    local = when.astimezone().strftime("%Y-%m-%d %H:%M")
    assert detail == f"against 校本.txt · 3 of 10 decided · {local}"
    alone = replace(about, witnesses=())  # a text checked on its own is against nothing
    assert recent_item(alone).detail == f"checked alone · 3 of 10 decided · {local}"


def test_the_rule_toggles_are_short_in_the_toolbar_and_whole_in_their_tooltip(
    window: MainWindow,
) -> None:
    """Four long names hid two toggles behind "»" at 1024 pixels: the toolbar says
    "Ignore:" once, then a short name with its box; the tooltip and the menu say it whole."""
    shown = {rule: a.iconText() for rule, a in window.rule_actions.items()}
    assert shown == {
        "width": "☑ Width",
        "whitespace": "☑ Spaces",
        "script": "☑ Trad./Simp.",
        "markup": "☑ Markup",
    }
    assert window.rule_actions["script"].toolTip() == "Ignore Traditional/Simplified"
    window.rule_actions["markup"].setChecked(False)
    assert window.rule_actions["markup"].iconText() == "☐ Markup"
