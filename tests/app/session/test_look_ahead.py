"""Looking ahead: once a result is shown, the session collates the rule sets one toggle
away on a worker of its own, and a toggle to one of them collates nothing (issue 24).

A toggle to a rule set made ahead must show exactly what collating at the toggle shows:
the same loci under the same ids, every decision on its place, the same rows in the
project file.  Every interleaving is forced by the test's loop and gate, never a sleep.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cancel import CancelCheck, CancelEvent, Cancelled
from app.collation.loci import Collation
from app.session import ahead
from app.session import session as session_module
from app.session.session import Changes, Session
from app.store.decisions import Status
from app.text.normalize import ALL_RULES
from tests.helpers.session import (
    WAIT,
    Gate,
    Loop,
    decisions_of,
    ids_of,
    opened_and_decided,
    write_pair,
)

WITHOUT_WIDTH = tuple(r for r in ALL_RULES if r != "width")


def running(tmp_path: Path, loop: Loop, gate: Gate, look_ahead: float | None) -> Session:
    return Session(
        projects_dir=tmp_path / "projects",
        post=loop.post,
        collate_function=gate,
        look_ahead=look_ahead,
    )


@pytest.fixture
def looking(tmp_path: Path, loop: Loop, gate: Gate) -> Iterator[Session]:
    session = running(tmp_path / "ahead", loop, gate, 0.0)
    yield session
    assert session.shutdown()
    session.close()


def rows_of(session: Session) -> list[tuple[object, ...]]:
    """Every locus row of the project file, shown or not, as the file holds it."""
    assert session.project is not None
    return [
        (loc.id, loc.start, loc.end, loc.readings, loc.classes, loc.active)
        for loc in session.project.file.loci(include_inactive=True)
    ]


def test_a_toggle_to_a_rule_set_made_ahead_collates_nothing_and_shows_what_collating_shows(
    tmp_path: Path, looking: Session, loop: Loop, gate: Gate
) -> None:
    opened_and_decided(looking, loop, tmp_path / "a")
    loop.run_until(lambda: not looking.looking_ahead)
    assert sorted(gate.calls[1:]) == sorted(ahead.neighbours(ALL_RULES))  # one each, in turn
    made = len(gate.calls)

    before = len(looking.loci)
    looking.set_rules(WITHOUT_WIDTH)
    assert looking.collating  # the decisions are placed in the worker, not this thread
    loop.run_until(lambda: not looking.collating)
    assert gate.calls[made:] == []  # nothing collated at the toggle

    other_gate, other_loop = Gate(), Loop()
    plain = running(tmp_path / "plain", other_loop, other_gate, None)
    try:
        opened_and_decided(plain, other_loop, tmp_path / "b")
        plain.set_rules(WITHOUT_WIDTH)
        other_loop.run_until(lambda: not plain.collating)
        assert other_gate.calls == [ALL_RULES, WITHOUT_WIDTH]
        assert len(looking.loci) > before  # the half-width comma shows
        assert [loc.to_json() for loc in looking.loci] == [loc.to_json() for loc in plain.loci]
        assert ids_of(looking) == ids_of(plain)
        assert decisions_of(looking) == decisions_of(plain)
        assert rows_of(looking) == rows_of(plain)
    finally:
        assert plain.shutdown()
        plain.close()


def test_the_rule_set_left_is_kept_while_looking_ahead_from_the_new_one(
    tmp_path: Path, looking: Session, loop: Loop, gate: Gate
) -> None:
    opened_and_decided(looking, loop, tmp_path)
    loop.run_until(lambda: not looking.looking_ahead)
    shown = [loc.to_json() for loc in looking.loci]
    looking.set_rules(WITHOUT_WIDTH)
    loop.run_until(lambda: not looking.collating and not looking.looking_ahead)
    made = len(gate.calls)

    looking.set_rules(ALL_RULES)  # back: kept, collated nothing
    # shown before the decisions were made: they are placed on it in the worker
    assert looking.collating
    loop.run_until(lambda: not looking.collating)
    assert gate.calls[made:] == []
    assert [loc.to_json() for loc in looking.loci] == shown
    assert looking.decision(ids_of(looking)[0]).status == Status.ACCEPTED


WITHOUT_SCRIPT = tuple(r for r in ALL_RULES if r != "script")


def held_looking_ahead(session: Session, loop: Loop, gate: Gate, folder: Path) -> threading.Event:
    """The pair opened and collated; the look-ahead then held in the gate with the first
    rule set one toggle away (width off).  Returns what releases it."""
    first, held = threading.Event(), threading.Event()
    gate.hold = first
    src, var = write_pair(folder)
    session.open_files(src, [var])
    assert gate.entered.wait(WAIT)
    gate.entered.clear()
    gate.hold = held  # for the next call: the look-ahead's
    first.set()
    loop.run_until(lambda: not session.collating)
    assert gate.entered.wait(WAIT)  # the look-ahead is in the gate, and stays there
    assert session.looking_ahead and gate.calls == [ALL_RULES, WITHOUT_WIDTH]
    return held


def test_what_the_proofreader_asks_for_cancels_looking_ahead(
    tmp_path: Path, looking: Session, loop: Loop, gate: Gate
) -> None:
    held = held_looking_ahead(looking, loop, gate, tmp_path)
    looking.set_rules(WITHOUT_SCRIPT)  # another rule set than the one being made ahead
    assert looking.collating
    loop.run_until(lambda: not looking.collating)  # collated while the look-ahead was held
    assert not held.is_set()
    assert looking.project is not None and tuple(looking.project.rules) == WITHOUT_SCRIPT
    assert gate.calls[:3] == [ALL_RULES, WITHOUT_WIDTH, WITHOUT_SCRIPT]
    loop.run_until(lambda: not looking.looking_ahead)  # the held one ended: cancelled


def test_a_toggle_to_the_rule_set_being_made_ahead_waits_for_it(
    tmp_path: Path, looking: Session, loop: Loop, gate: Gate
) -> None:
    held = held_looking_ahead(looking, loop, gate, tmp_path)
    seen: list[Changes] = []
    looking.subscribe(seen.append)
    looking.set_rules(WITHOUT_WIDTH)  # the very rule set the look-ahead is collating
    assert looking.collating and seen[-1].running
    loop.run_pending()
    assert looking.collating  # still waiting: not collated a second time
    held.set()
    loop.run_until(lambda: not looking.collating)
    assert gate.calls[:2] == [ALL_RULES, WITHOUT_WIDTH]
    assert WITHOUT_WIDTH not in gate.calls[2:]  # the look-ahead's result was taken
    assert looking.project is not None and tuple(looking.project.rules) == WITHOUT_WIDTH
    assert seen[-1].collated is not None and seen[-1].collated.error is None


def test_a_failing_look_ahead_waited_for_is_collated_as_any_toggle(
    tmp_path: Path, looking: Session, loop: Loop, gate: Gate
) -> None:
    held = held_looking_ahead(looking, loop, gate, tmp_path)
    looking.set_rules(WITHOUT_WIDTH)
    gate.error = "the look-ahead fell over"  # this call, and every one after it
    held.set()
    seen: list[Changes] = []
    looking.subscribe(seen.append)
    loop.run_until(lambda: not looking.collating)
    assert gate.calls[:3] == [ALL_RULES, WITHOUT_WIDTH, WITHOUT_WIDTH]  # collated again
    assert "the look-ahead fell over" in (seen[-1].failed or "")


def test_cancel_stops_the_look_ahead_waited_for(
    tmp_path: Path, looking: Session, loop: Loop, gate: Gate
) -> None:
    held_looking_ahead(looking, loop, gate, tmp_path)
    looking.set_rules(WITHOUT_WIDTH)
    assert looking.collating
    changes = looking.cancel()
    assert changes.running and not looking.collating
    loop.run_until(lambda: not looking.looking_ahead)  # cancelled in the gate
    assert tuple(looking.workspace.rules) == WITHOUT_WIDTH and looking.stale


def test_large_texts_are_not_looked_ahead(
    tmp_path: Path, looking: Session, loop: Loop, gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session_module, "AHEAD_CHARACTERS", 100)
    opened_and_decided(looking, loop, tmp_path)
    loop.run_pending()
    assert not looking.looking_ahead
    assert gate.calls == [ALL_RULES]


def test_a_copy_added_is_looked_ahead_again_with_it(
    tmp_path: Path, looking: Session, loop: Loop, gate: Gate
) -> None:
    opened_and_decided(looking, loop, tmp_path)
    loop.run_until(lambda: not looking.looking_ahead)
    other = tmp_path / "other.txt"
    other.write_text("春天来了，河边的柳树发了芽。\n", encoding="utf-8")
    looking.add_variants([other])
    loop.run_until(lambda: not looking.collating)
    made = len(gate.calls)
    loop.run_until(lambda: not looking.looking_ahead)
    # the rule sets one toggle away were collated again, with the new copy
    assert len(gate.calls) == made + len(ALL_RULES)
    looking.set_rules(WITHOUT_WIDTH)
    loop.run_until(lambda: not looking.collating)
    assert gate.calls[made + len(ALL_RULES) :] == []
    assert looking.witness_ids == ["variant", "other"]


def test_the_look_ahead_waits_while_the_proofreader_acts() -> None:
    """It starts once the session has been left alone for the pause, and at each look at
    its cancel check it waits, holding nothing, while the proofreader acts (the clock and
    the waits are the test's: a wait moves the clock on)."""
    now = [1000.0]
    waited: list[float | None] = []

    class Clocked(CancelEvent):
        def wait(self, timeout: float | None = None) -> bool:
            waited.append(timeout)
            now[0] += timeout or 0.0
            return self.is_set()

    quiet, cancel = ahead.Quiet(lambda: now[0]), Clocked()
    seen: list[bool] = []

    def work(*_args: object, cancel: CancelCheck, **_kwargs: object) -> Collation:
        seen.append(cancel())  # left alone: goes on at once
        quiet.touch()  # the proofreader accepts something
        seen.append(cancel())  # waits out the pause, then goes on
        return Collation("", (), (), ())

    waiting = ahead.after_a_pause(work, 0.5, quiet)
    quiet.touch()
    waiting(cancel=cancel)  # just acted: waits the pause before it starts
    assert waited == [0.5, 0.5] and seen == [False, False]

    quiet.touch()
    cancel.set()  # cancelled while it waits: at once
    with pytest.raises(Cancelled):
        waiting(cancel=cancel)
    assert waited == [0.5, 0.5, 0.5]
