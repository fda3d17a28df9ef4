"""The window's controllers against a fake window (tests/helpers/stubs.py): what each
asks, says and does to the session, without a MainWindow."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.session.session import Session
from app.store.decisions import Status
from tests.helpers.session import opened, write_pair
from tests.helpers.stubs import FakeHost
from ui.settings import Settings
from ui.window.projects import Projects
from ui.window.proofreading import Proofreading

pytestmark = pytest.mark.gui


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    work = opened(tmp_path)  # three loci: 筝→争, a doubled 多, 蹚→躺
    yield work
    work.close()


@pytest.fixture
def host(qtbot: QtBot, session: Session) -> FakeHost:
    fake = FakeHost(session)
    qtbot.addWidget(fake.parent)
    return fake


@pytest.fixture
def pr(host: FakeHost) -> Proofreading:
    return Proofreading(host, host.parent)


def status(session: Session, locus_id: int) -> Status:
    return session.decision(locus_id).status


def test_accept_moves_on_in_the_tables_order_not_the_source_order(
    host: FakeHost, pr: Proofreading, session: Session
) -> None:
    first, middle, last = (loc.id for loc in session.loci)
    host.order = [last, first, middle]  # sorted by some column
    session.select(last)
    pr.accept()
    assert status(session, last) is Status.ACCEPTED
    assert session.current == first  # the next undecided row as the table shows it
    pr.reject()
    assert status(session, first) is Status.REJECTED and session.current == middle
    pr.accept()
    assert session.current == middle  # nothing undecided is left to go to
    assert host.messages[-1] == "Every divergence shown is decided."


def test_a_witness_that_agrees_is_said_and_nothing_is_decided(
    host: FakeHost, pr: Proofreading, session: Session
) -> None:
    session.select(session.loci[0].id)
    pr.accept_nth(5)  # no sixth copy: nothing at all
    pr.accept("source")  # a name that reads nothing here
    assert not any(session.decision(loc.id).decided for loc in session.loci)
    assert not session.can_undo()


def test_bulk_asks_with_the_count_and_no_means_nothing(
    host: FakeHost, pr: Proofreading, session: Session
) -> None:
    subs = [loc.id for loc in session.loci if loc.kind == "substitution"]
    assert len(subs) == 2
    session.select(subs[0])
    pr.bulk(True, "kind")
    assert host.questions == ["Accept variant's reading at 2 undecided divergences of this kind?"]
    assert not any(session.decision(i).decided for i in subs)  # the answer was No
    host.answers.append(True)
    pr.bulk(True, "kind")
    assert all(status(session, i) is Status.ACCEPTED for i in subs)
    session.undo()  # one step for all of them
    assert not any(session.decision(i).decided for i in subs)


def test_bulk_by_filter_decides_what_the_table_shows(
    host: FakeHost, pr: Proofreading, session: Session
) -> None:
    shown = [session.loci[0].id, session.loci[2].id]
    host.order = shown
    host.answers.append(True)
    pr.bulk(False, "filter")
    assert host.questions == ["Reject 2 undecided divergences in the current filter?"]
    assert [status(session, loc.id) for loc in session.loci] == [
        Status.REJECTED,
        Status.UNDECIDED,
        Status.REJECTED,
    ]
    pr.bulk(False, "filter")  # nothing undecided left there: said, not asked
    assert len(host.questions) == 1
    assert host.messages[-1] == "Nothing undecided to decide there."


def test_a_majority_needs_two_copies(host: FakeHost, pr: Proofreading) -> None:
    pr.accept_majority()
    assert host.messages[-1] == "A majority needs two or more variants."
    assert not host.questions


def test_a_step_that_cannot_be_saved_is_a_dialog_not_a_crash(
    host: FakeHost, pr: Proofreading, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(session, "reject", failing)
    session.select(session.loci[0].id)
    pr.reject()
    assert [title for title, _ in host.errors] == ["The decision was not saved"]
    assert "No space left on device" in host.errors[0][1]
    assert session.current == session.loci[0].id  # it stays where it was


def test_undo_and_redo_go_through_the_sessions_history(pr: Proofreading, session: Session) -> None:
    lid = session.loci[1].id
    session.select(lid)
    pr.reject()
    pr.undo()
    assert not session.decision(lid).decided
    pr.redo()
    assert status(session, lid) is Status.REJECTED
    pr.redo()  # nothing more to redo: no error, no change
    assert status(session, lid) is Status.REJECTED


def test_a_read_only_project_says_why_and_decides_nothing(
    qtbot: QtBot, tmp_path: Path, session: Session
) -> None:
    assert session.project is not None
    path = session.project.path
    other = Session(projects_dir=tmp_path / "projects")
    other.open_project(path)  # the first session holds the lock: read-only here
    try:
        host = FakeHost(other)
        qtbot.addWidget(host.parent)
        controller = Proofreading(host, host.parent)
        other.select(other.loci[0].id)
        controller.reject()
        assert host.messages and host.messages[-1].startswith("Read-only: ")
        assert not other.decision(other.loci[0].id).decided
    finally:
        other.close()


def test_projects_open_files_says_a_bad_file_and_keeps_the_work(
    qtbot: QtBot, tmp_path: Path, settings: Settings
) -> None:
    session = Session(projects_dir=tmp_path / "projects")
    host = FakeHost(session)
    qtbot.addWidget(host.parent)
    projects = Projects(host, host.parent, settings)
    src, var = write_pair(tmp_path)
    missing = tmp_path / "没有这个文件.txt"
    assert not projects.open_files(str(src), [str(missing)])
    assert host.errors and host.errors[0][0] == "Cannot open the files"
    assert "没有这个文件.txt" in host.errors[0][1]
    assert session.workspace.source is None  # the window stays as it was
    assert projects.open_files(str(src), [str(var)])
    assert host.calls == ["save_view_state", "save_view_state"]
    assert session.workspace.source is not None and session.witness_ids == ["variant"]
    projects.remove_variant("variant")  # the only copy
    assert host.messages[-1] == "A collation needs at least one variant."
    session.close()


def test_projects_export_refuses_the_source_and_says_so(
    qtbot: QtBot, host: FakeHost, session: Session, settings: Settings
) -> None:
    projects = Projects(host, host.parent, settings)
    assert session.workspace.source is not None
    source = Path(session.workspace.source.path)
    before = source.read_bytes()
    assert not projects.export_to("text", str(source))
    assert host.errors and host.errors[0][0] == "Export failed"
    assert source.read_bytes() == before
    out = source.with_name("corrected.txt")
    assert projects.export_to("text", str(out))
    assert out.read_text(encoding="utf-8") == before.decode("utf-8")
    assert host.messages[-1] == f"Exported {out}"
