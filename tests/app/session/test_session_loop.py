"""The session runs its own loop, without Qt: it collates again whenever its work goes
stale, on its worker, and says so to its observers.

The window's ``post`` (a queued signal) is a queue here that the test drains, so
each outcome runs on the test's thread exactly as it runs on the window's; a gate
in the collate function forces every interleaving, never a sleep.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.collation.collate import collate
from app.project.project import regions_rows
from app.session.session import Changes, Session
from app.store.decisions import Status
from tests.helpers.session import SOURCE, VARIANT, WAIT, Gate, Loop, ids_of, write_pair


@pytest.fixture
def session(tmp_path: Path, loop: Loop, gate: Gate) -> Iterator[Session]:
    running = Session(projects_dir=tmp_path / "projects", post=loop.post, collate_function=gate)
    yield running
    assert running.shutdown()
    running.close()


def seen_by(session: Session) -> list[Changes]:
    seen: list[Changes] = []
    session.subscribe(seen.append)
    return seen


def opened(session: Session, loop: Loop, folder: Path) -> None:
    """Files opened in a session that runs its loop, and their collation taken."""
    src, var = write_pair(folder)
    session.open_files(src, [var])
    loop.run_until(lambda: not session.collating)
    assert session.project is not None and session.loci


def test_files_opened_are_collated_in_the_background_and_the_result_told(
    tmp_path: Path, session: Session, loop: Loop
) -> None:
    seen = seen_by(session)
    src, var = write_pair(tmp_path)
    session.open_files(src, [var])
    assert session.collating and seen[-1].running and not session.loci  # nothing yet
    loop.run_until(lambda: not session.collating)
    result = seen[-1]
    assert result.running and result.collation and result.collated is not None
    assert result.collated.created  # the new collation became a project file
    assert session.project is not None and len(session.loci) == 3
    # shown under the project's ids, worked out in the worker beside the new project
    assert [loc.id for loc in session.loci] == [s.id for s in session.project.loci]
    assert [loc.start for loc in session.loci] == [s.start for s in session.project.loci]
    assert not session.stale


def test_a_rule_toggled_collates_again_by_itself_and_keeps_the_decisions(
    tmp_path: Path, session: Session, loop: Loop, gate: Gate
) -> None:
    opened(session, loop, tmp_path)
    typo = next(loc.id for loc in session.loci if loc.source_text == "筝")
    session.accept([typo], "variant")
    seen = seen_by(session)
    session.set_rules(["whitespace", "script", "markup"])  # width counts: the comma too
    assert session.collating and session.stale and seen[-1].stale and seen[-1].running
    loop.run_until(lambda: not session.collating)
    assert not session.stale and seen[-1].collation
    assert gate.calls[-1] == ("whitespace", "script", "markup")
    assert len(session.loci) == 4
    assert session.decision(typo).status is Status.ACCEPTED
    assert session.can_undo()  # the history lasts through the re-collation


def test_the_regions_are_encoded_in_the_worker_not_where_the_result_is_taken(
    tmp_path: Path, session: Session, loop: Loop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The regions as the project file keeps them (JSON, 6 ms at 1M) are worked out in the
    worker beside the collation, for a new project and for a re-collation alike."""
    encoding: list[threading.Thread] = []

    def watched(*args: Any) -> Any:
        encoding.append(threading.current_thread())
        return regions_rows(*args)

    monkeypatch.setattr("app.session.session.regions_rows", watched)
    opened(session, loop, tmp_path)
    session.set_rules(["whitespace", "script", "markup"])  # adopted into the project
    loop.run_until(lambda: not session.collating)
    assert len(session.loci) == 4 and len(encoding) == 2
    assert threading.current_thread() not in encoding
    assert session.project is not None and session.collation is not None
    regions = {wid: a.regions for wid, a in session.collation.alignments.items()}
    assert session.project.alignments() == regions  # what the file keeps: this collation's


def test_a_rule_set_toggled_back_is_shown_at_once_without_collating(
    tmp_path: Path, session: Session, loop: Loop, gate: Gate
) -> None:
    opened(session, loop, tmp_path)
    before = ids_of(session)
    session.set_rules(["whitespace", "script", "markup"])
    loop.run_until(lambda: not session.collating)
    calls = len(gate.calls)
    seen = seen_by(session)
    session.set_rules(["width", "whitespace", "script", "markup"])
    assert not session.collating and len(gate.calls) == calls  # nothing ran
    assert seen == [seen[0]] and seen[0].collation and seen[0].collated is not None
    assert ids_of(session) == before


def test_a_newer_change_wins_and_the_stale_result_is_never_shown(
    tmp_path: Path, session: Session, loop: Loop, gate: Gate
) -> None:
    opened(session, loop, tmp_path)
    gate.hold = threading.Event()
    gate.entered.clear()
    session.set_rules(["whitespace"])  # held at the gate
    assert gate.entered.wait(WAIT)
    session.set_rules(["whitespace", "markup"])  # cancels it, and runs after it
    seen = seen_by(session)
    loop.run_until(lambda: not session.collating)
    taken = [c for c in seen if c.collation]
    assert len(taken) == 1
    assert session.collation is not None
    assert session.collation.rules == ("whitespace", "markup")


def test_cancel_stops_the_collation_and_keeps_what_is_shown(
    tmp_path: Path, session: Session, loop: Loop, gate: Gate
) -> None:
    opened(session, loop, tmp_path)
    shown = session.collation
    gate.hold = threading.Event()
    gate.entered.clear()
    session.set_rules(["whitespace"])
    assert gate.entered.wait(WAIT)
    seen = seen_by(session)
    session.cancel()
    assert not session.collating and seen == [Changes(running=True)]
    assert session.shutdown()  # the worker ended on its cancel check
    loop.run_pending()
    assert session.collation is shown and session.stale  # the old loci, no longer fitting
    assert all(not c.collation for c in seen)


def test_progress_and_failure_are_told(
    tmp_path: Path, session: Session, loop: Loop, gate: Gate
) -> None:
    gate.progress = (0.25, 0.5)
    seen = seen_by(session)
    src, var = write_pair(tmp_path)
    session.open_files(src, [var])
    loop.run_until(lambda: not session.collating)
    fractions = [session.progress for c in seen if c.progress]
    assert fractions and all(0 <= f <= 1 for f in fractions)
    gate.error = "the aligner fell over"
    session.set_rules(["whitespace"])
    loop.run_until(lambda: not session.collating)
    assert "fell over" in seen[-1].failed and seen[-1].running


def test_files_that_have_a_project_wait_for_the_proofreader(
    tmp_path: Path, session: Session, loop: Loop, gate: Gate
) -> None:
    opened(session, loop, tmp_path)
    first = session.project
    assert first is not None
    src, var = tmp_path / "source.txt", tmp_path / "variant.txt"
    calls = len(gate.calls)
    session.open_files(src, [var])  # the same files again
    assert session.existing_projects() == [first.path]
    assert not session.collating and len(gate.calls) == calls  # waits for a choice
    session.collate()  # "New collation"
    loop.run_until(lambda: not session.collating)
    assert session.project is not None and session.project.path != first.path


def test_without_a_loop_nothing_collates_by_itself(tmp_path: Path) -> None:
    """The command line collates in its own thread, when it says so."""
    session = Session(projects_dir=tmp_path / "projects")
    src, var = write_pair(tmp_path)
    session.open_files(src, [var])
    assert not session.collating and not session.loci
    assert session.collate_now() is not None and len(session.loci) == 3
    session.set_rules(["whitespace"])
    assert session.stale and not session.collating
    with pytest.raises(RuntimeError):
        session.collate()
    session.collate_now()
    assert not session.stale
    session.close()


def test_the_texts_used_are_those_of_the_helpers() -> None:
    """The counts above are of tests/helpers/session.py's pair: three typos, and a comma
    that counts only while width is not folded."""
    assert len(collate(SOURCE, [("variant", VARIANT)]).loci) == 3
    loci = collate(SOURCE, [("variant", VARIANT)], ("whitespace", "script", "markup")).loci
    assert len(loci) == 4


def test_what_the_collations_shared_goes_when_the_work_closes(
    tmp_path: Path, session: Session, loop: Loop
) -> None:
    from app.collation import reuse

    opened(session, loop, tmp_path)
    assert reuse._WITNESSES  # kept for the next rule toggle
    session.close()
    assert not reuse._WITNESSES and not reuse._CHECKS


def _rows(session: Session) -> list[tuple[Any, ...]]:
    """Every locus row of the session's project file, as written."""
    assert session.project is not None
    return [
        (s.id, s.start, s.end, s.readings, s.active)
        for s in session.project.file.loci(include_inactive=True)
    ]


def test_a_toggle_is_placed_in_the_worker_as_the_window_thread_would_place_it(
    tmp_path: Path, session: Session, loop: Loop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Placing a re-collation's loci among the project's (0.7 s at 1M) is worked out in
    the worker; the window's thread only writes it.  The result is what placing it there
    gives: the same ids, decisions and rows as a session that collates in its own thread."""
    from app.project.project import Project
    from tests.helpers.session import collate_now, decisions_of
    from tests.helpers.session import opened as opened_here

    (tmp_path / "here").mkdir()
    (tmp_path / "loop").mkdir()
    here = opened_here(tmp_path / "here")
    opened(session, loop, tmp_path / "loop")
    for s in (here, session):
        typo = next(loc.id for loc in s.loci if loc.source_text == "筝")
        s.accept([typo], "variant")
    adopted_here = Project.adopt

    def not_on_this_thread(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("placed on the window's thread")

    for rules in (["whitespace", "script", "markup"], ["whitespace"], ["script", "markup"]):
        monkeypatch.setattr(Project, "adopt", not_on_this_thread)
        session.set_rules(rules)
        loop.run_until(lambda: not session.collating)
        monkeypatch.setattr(Project, "adopt", adopted_here)
        here.set_rules(rules)
        collate_now(here)
        assert ids_of(session) == ids_of(here)
        assert _rows(session) == _rows(here)
        assert decisions_of(session) == decisions_of(here)
    here.close()


def test_a_decision_made_while_collating_is_placed_by_the_new_collation(
    tmp_path: Path, session: Session, loop: Loop, gate: Gate
) -> None:
    """The worker placed the new loci against the project as it was asked; a decision
    taken since makes that placing out of date, and it is placed again on taking: here
    the comma accepted while width counted has no place once width is folded, and the
    proofreader is told it was set aside (placed in the worker, it would go unsaid)."""
    opened(session, loop, tmp_path)
    session.set_rules(["whitespace", "script", "markup"])  # the comma counts
    loop.run_until(lambda: not session.collating)
    comma = next(loc.id for loc in session.loci if loc.source_text == "，")
    hold = gate.hold = threading.Event()
    gate.entered.clear()
    session.set_rules(["width", "whitespace"])  # a rule set not collated before
    assert gate.entered.wait(WAIT)
    session.accept([comma], "variant")  # while the worker collates
    seen = seen_by(session)
    hold.set()
    loop.run_until(lambda: not session.collating)
    taken = [c.collated for c in seen if c.collated is not None]
    assert len(taken) == 1
    assert [u.locus.id for u in taken[0].unplaced] == [comma]
    assert comma not in ids_of(session) and len(session.loci) == 3
    assert session.decision(comma).status is Status.ACCEPTED  # kept in the file, retired


class _Ahead(list[tuple[int, ...]]):
    """The ids each adoption planned in the worker wrote ahead; ``written`` is set (from the
    worker's thread) once the next have been written."""

    written: threading.Event | None = None


def _written_ahead(monkeypatch: pytest.MonkeyPatch) -> _Ahead:
    """Note what :func:`written_ahead` writes, as the worker writes it."""
    from app.project import project as project_module
    from app.session import session as session_module

    seen = _Ahead()
    real = project_module.written_ahead

    def noted(*args: Any) -> Any:
        adoption = real(*args)
        seen.append(adoption.apart)
        if seen.written is not None:
            seen.written.set()
        return adoption

    monkeypatch.setattr(session_module, "written_ahead", noted)
    return seen


def _row_ids(session: Session) -> list[int]:
    assert session.project is not None
    return sorted(loc.id for loc in session.project.file.loci(include_inactive=True))


def test_a_toggles_new_rows_are_written_in_the_worker_and_shown_when_taken(
    tmp_path: Path, session: Session, loop: Loop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows of a re-collation's new loci are written by the worker (the window's thread
    writes only their ids in ``shown``), and the file ends as placing it all there ends."""
    from tests.helpers.session import collate_now
    from tests.helpers.session import opened as opened_here

    ahead = _written_ahead(monkeypatch)
    (tmp_path / "here").mkdir()
    (tmp_path / "loop").mkdir()
    here = opened_here(tmp_path / "here")
    opened(session, loop, tmp_path / "loop")
    for rules in (["whitespace", "script", "markup"], ["width", "whitespace"]):
        session.set_rules(rules)
        loop.run_until(lambda: not session.collating)
        here.set_rules(rules)
        collate_now(here)
        assert _rows(session) == _rows(here)
    assert any(ahead), "no new rows were written ahead"
    shown = set(ids_of(session))
    assert {i for apart in ahead for i in apart} <= set(_row_ids(session))
    assert shown <= set(_row_ids(session))
    here.close()


RULED_SOURCE = "甲乙丙丁，戊己庚辛。壬癸东西。\n"
RULED_VARIANT = "甲已丙丁,戊己 庚辛。壬癸東西。\n"
"""One typo (乙/已), and a comma, a space and a Traditional character that are loci only
while width, whitespace and script are not folded: each rule switched off makes a new one."""


def test_rows_written_ahead_for_a_collation_not_taken_are_removed(
    tmp_path: Path, session: Session, loop: Loop, gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan out of date (a decision made while the worker collated) or a result nobody
    takes (the rules changed again before it was taken) leaves no row that nobody shows."""
    ahead = _written_ahead(monkeypatch)
    src, var = write_pair(tmp_path, RULED_SOURCE, RULED_VARIANT)
    session.open_files(src, [var])
    loop.run_until(lambda: not session.collating)
    typo = next(loc.id for loc in session.loci if loc.source_text == "乙")
    before = _row_ids(session)
    # out of date: a decision while collating, so it is placed again on the window's thread
    hold = gate.hold = threading.Event()
    gate.entered.clear()
    session.set_rules(["whitespace", "script", "markup"])  # the comma: a new locus
    assert gate.entered.wait(WAIT)
    session.accept([typo], "variant")
    hold.set()
    loop.run_until(lambda: not session.collating)
    assert ahead[-1], "nothing was written ahead"
    comma = next(loc.id for loc in session.loci if loc.source_text == "，")
    assert _row_ids(session) == sorted([*before, comma])  # no row left from the plan
    assert session.decision(typo).status is Status.ACCEPTED
    # not taken: the rules changed back before the worker's result was taken
    settled = _row_ids(session)
    hold = gate.hold = threading.Event()
    gate.entered.clear()
    session.set_rules(["width", "script", "markup"])  # the space: a new locus
    assert gate.entered.wait(WAIT)
    written = ahead.written = threading.Event()
    hold.set()
    assert written.wait(WAIT)  # the worker wrote the new rows, not yet taken
    assert ahead[-1] and set(ahead[-1]) <= set(_row_ids(session))
    session.set_rules(["whitespace", "script", "markup"])  # collated before: taken at once
    assert session.shutdown()  # the worker is done with the result it was told is stale
    loop.run_pending()
    assert not session.collating
    assert _row_ids(session) == settled
