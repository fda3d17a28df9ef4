"""One history that lasts: what can be undone survives re-collation, reopening and the shell.

Issue 20: accept a reading, switch a rule off and on, and Ctrl+Z had nothing to
undo, although the file's history held the step (the undo stack was rebuilt
empty on every re-collation and every opening).  The undo and redo stacks are
now the project file's history read back, so the window, a later window and
``jiaokan undo`` all take back the same steps.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.cli.main import main
from app.project.project import Project
from app.session.session import Session
from app.store.decisions import Choice, Status
from app.store.records import ProjectError
from tests.faults.conftest import cli
from tests.helpers.session import collate_now, ids_of, opened


def reopened(session: Session) -> Session:
    """The program ended and started again on the same project."""
    project = session.project
    assert project is not None
    path = project.path
    session.close()
    again = Session(projects_dir=path.parent)
    again.open_project(path)
    return again


def test_undo_survives_a_rule_switched_off_and_on(tmp_path: Path) -> None:
    session = opened(tmp_path)
    first = ids_of(session)[0]
    session.accept([first], "variant")
    for rules in (("whitespace", "script", "markup"), ("width", "whitespace", "script", "markup")):
        session.set_rules(rules)
        collate_now(session)
    assert session.can_undo()
    session.undo()
    assert session.decision(first).status is Status.UNDECIDED
    assert session.can_redo()
    session.redo()
    assert session.decision(first).status is Status.ACCEPTED


def test_undo_and_redo_survive_the_program_ending(tmp_path: Path) -> None:
    session = opened(tmp_path)
    a, b, c = ids_of(session)
    session.accept([a], "variant")
    session.reject([b])
    session.undo()  # b back to undecided; its step can be redone
    session = reopened(session)
    assert [e.done for e in session.history()] == [True, False]
    session.redo()
    assert session.decision(b).status is Status.REJECTED
    session.undo()
    session.undo()
    assert session.decision(a).status is Status.UNDECIDED and not session.can_undo()
    session.edit(c, "改")  # a new step ends what could be redone
    session = reopened(session)
    assert not session.can_redo()
    assert [e.operation.label for e in session.history()] == ["Edit #3"]


def test_a_note_is_named_as_a_note(tmp_path: Path) -> None:
    session = opened(tmp_path)
    first = ids_of(session)[0]
    session.set_note(first, "查原稿")
    session = reopened(session)
    (entry,) = session.history()
    assert entry.operation.label == f"Note on #{first}"
    assert entry.operation.changes[0].before.same_choice(entry.operation.changes[0].after)


def test_a_decision_changed_by_other_means_ends_what_can_be_undone(tmp_path: Path) -> None:
    """Someone edits the decisions table (the sqlite3 shell): undoing the step would now
    overwrite what it did not write, so the stacks start after it."""
    session = opened(tmp_path)
    first = ids_of(session)[0]
    session.accept([first], "variant")
    project = session.project
    assert project is not None
    path = project.path
    session.close()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("UPDATE decisions SET reading = '别的' WHERE locus_id = ?", (first,))
    finally:
        conn.close()
    again = Session(projects_dir=path.parent)
    again.open_project(path)
    assert not again.can_undo()
    again.close()


def test_steps_from_before_the_history_lasted_cannot_be_undone(tmp_path: Path) -> None:
    """A version 6 file's rows do not say what each step found."""
    session = opened(tmp_path)
    a, b, _ = ids_of(session)
    session.accept([a], "variant")
    session = reopened(session)
    project = session.project
    assert project is not None
    conn = sqlite3.connect(project.path, isolation_level=None)
    try:
        conn.execute("UPDATE history SET previous = NULL")
    finally:
        conn.close()
    session = reopened(session)
    assert not session.can_undo()
    session.reject([b])
    assert [e.operation.label for e in session.history()] == [f"Reject #{b}"]
    session.undo()
    assert session.decision(a).status is Status.ACCEPTED


def test_one_path_builds_every_decision(tmp_path: Path) -> None:
    """The command line's ``decide`` and the window's keys record the same decisions."""
    session = opened(tmp_path)
    a, b, c = ids_of(session)
    project = session.project
    assert project is not None
    wanted = project.deciding([a, b], Choice.accept("variant"), "看")
    assert {d.note for d in wanted.values()} == {"看"}
    session.decide([a, b], Choice.accept("variant"), note="看")
    for lid in (a, b):
        assert session.decision(lid).same_choice(wanted[lid]) and session.decision(lid).note == "看"
    with pytest.raises(ProjectError, match="no locus 99"):
        project.deciding([c, 99], Choice.reject())
    assert session.decision(c).status is Status.UNDECIDED


# -- from a shell --------------------------------------------------------------------------


def test_jiaokan_undo_takes_back_what_the_window_did(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = opened(tmp_path)
    first = ids_of(session)[0]
    session.accept([first], "variant")
    project = session.project
    assert project is not None
    path = project.path
    session.close()
    code, out, err = cli(capsys, "undo", path)
    assert code == 0, err
    assert out == "undid: Accept #1 (variant)\n"
    with Project.open(path, read_only=True) as after:
        assert after.log.get(first).status is Status.UNDECIDED
        assert after.log.can_redo()
    code, out, _ = cli(capsys, "redo", path)
    assert code == 0 and out == "redid: Accept #1 (variant)\n"


def test_history_lists_every_step_newest_last(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = opened(tmp_path)
    a, b, _ = ids_of(session)
    path = session.project.path if session.project else Path()
    session.close()
    assert cli(capsys, "decide", path, str(a), "--accept", "variant")[0] == 0
    assert cli(capsys, "decide", path, str(a), str(b), "--reject", "--note", "n")[0] == 0
    assert cli(capsys, "undo", path)[0] == 0
    code, out, _ = cli(capsys, "history", path)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith(f"Accept #{a} (variant)")
    assert lines[1].endswith("Reject 2 loci with a note  (undone)")
    code, out, _ = cli(capsys, "history", path, "--json")
    doc = json.loads(out)
    assert [(s["label"], s["done"], s["loci"]) for s in doc] == [
        (f"Accept #{a} (variant)", True, [a]),
        ("Reject 2 loci with a note", False, [a, b]),
    ]


def test_nothing_to_undo_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = opened(tmp_path)
    path = session.project.path if session.project else Path()
    session.close()
    for command in ("undo", "redo"):
        code, out, err = cli(capsys, command, path)
        assert code == 2 and out == ""
        assert err == f"jiaokan: error: nothing to {command} in {path.name}\n"


def test_jiaokan_rules_recollates_and_keeps_every_decision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Width off: the half-width comma becomes a divergence; the decisions stay, and the
    step before can still be undone."""
    session = opened(tmp_path)
    first = ids_of(session)[0]
    session.accept([first], "variant")
    path = session.project.path if session.project else Path()
    before = len(session.loci)
    session.close()
    code, out, err = cli(capsys, "rules", path, "whitespace,script,markup")
    assert code == 0, err
    assert out.startswith(
        f"collated under whitespace, script, markup: {before + 1} loci, 1 decided"
    )
    with Project.open(path, read_only=True) as project:
        assert project.rules == ("whitespace", "script", "markup")
        assert project.log.get(first).status is Status.ACCEPTED
        assert project.log.can_undo()
    code, _, err = cli(capsys, "rules", path, "colour")
    assert code == 2 and "unknown rule 'colour'" in err


def test_an_unknown_command_word_is_one_line_never_a_window(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import launch

    monkeypatch.chdir(tmp_path)
    for word in ("undoo", "colate", "check-it"):
        assert launch.main([word, "p.jkproj"]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"jiaokan: error: unknown command '{word}'") and err.count("\n") == 1
    assert main(["undoo"]) == 2


def test_a_file_named_like_a_word_still_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file called ``undoo`` exists: it is a file to open, not a mistyped command."""
    from ui import launch

    monkeypatch.chdir(tmp_path)
    (tmp_path / "undoo").write_text("天地", encoding="utf-8")
    assert not launch._mistyped_command("undoo")
    assert not launch._mistyped_command("a.txt") and not launch._mistyped_command("d/e")
    assert launch._mistyped_command("undoo2")
