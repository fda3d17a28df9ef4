"""A full disk at a toggle to a rule set made ahead (app.session.ahead): the toggle fails
exactly as a toggle that collates fails, one message and every decision kept in the file,
and the next toggle, with room again, takes it as if nothing had happened."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from app.project.project import Project
from app.session.session import Changes, Collated, Session
from app.store.file import ProjectFile
from app.text.normalize import ALL_RULES
from tests.helpers.session import Gate, Loop, decisions_of, opened_and_decided

WITHOUT_WIDTH = tuple(r for r in ALL_RULES if r != "width")


def toggled_on_a_full_disk(
    folder: Path, monkeypatch: pytest.MonkeyPatch, look_ahead: float | None
) -> tuple[Session, Loop, list[Collated]]:
    """Opened, two loci decided, (looked ahead,) width switched off with the disk full."""
    loop, gate = Loop(), Gate()
    session = Session(
        projects_dir=folder / "projects", post=loop.post, collate_function=gate,
        look_ahead=look_ahead,
    )  # fmt: skip
    results: list[Collated] = []

    def seen(changes: Changes) -> None:
        if changes.collated is not None:
            results.append(changes.collated)

    session.subscribe(seen)
    opened_and_decided(session, loop, folder)
    loop.run_until(lambda: not session.looking_ahead)
    made = len(gate.calls)
    with monkeypatch.context() as full:

        def no_room(*_args: object, **_kwargs: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        full.setattr(ProjectFile, "replace_collation", no_room)
        session.set_rules(WITHOUT_WIDTH)
        loop.run_until(lambda: not session.collating)
    assert (len(gate.calls) == made) == (look_ahead is not None)  # made ahead: not collated
    return session, loop, results


@pytest.mark.parametrize("look_ahead", [None, 0.0], ids=["collated", "made-ahead"])
def test_a_full_disk_at_a_toggle_keeps_every_decision_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, look_ahead: float | None
) -> None:
    session, loop, results = toggled_on_a_full_disk(tmp_path / "w", monkeypatch, look_ahead)
    try:
        error = results[-1].error
        assert error is not None and "No space left on device" in str(error)
        assert session.project is not None
        path = session.project.path
        with Project.open(path, read_only=True) as stored:  # the file as it stands
            assert tuple(stored.rules) == ALL_RULES
            assert {d.status for d in stored.log.all().values()} >= {"accepted"}
        # room again: toggled back and forth, the decisions are where they were
        session.set_rules(ALL_RULES)
        loop.run_until(lambda: not session.collating)
        before = decisions_of(session)
        session.set_rules(WITHOUT_WIDTH)
        loop.run_until(lambda: not session.collating)
        assert results[-1].error is None
        session.set_rules(ALL_RULES)
        loop.run_until(lambda: not session.collating)
        assert decisions_of(session) == before
    finally:
        assert session.shutdown()
        session.close()


def test_the_two_ways_fail_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the window shows after the failure is the same whether the rule set was made
    ahead or collated at the toggle."""
    shown = []
    for name, look_ahead in (("collated", None), ("ahead", 0.0)):
        session, _loop, results = toggled_on_a_full_disk(tmp_path / name, monkeypatch, look_ahead)
        try:
            error = results[-1].error
            assert error is not None and session.project is not None
            # the message names the project's file, whose name holds the second it was made
            said = str(error).replace(session.project.path.name, "PROJECT")
            assert "PROJECT" in said and "No space left on device" in said
            shown.append(
                (
                    session.workspace.rules,
                    [loc.to_json() for loc in session.loci],
                    decisions_of(session),
                    said,
                )
            )
        finally:
            assert session.shutdown()
            session.close()
    assert shown[0] == shown[1]
