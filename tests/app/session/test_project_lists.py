"""A project's own word lists: kept in its file, read with the user's when its text alone is
checked (a book's names and terms travel with the book, not with the editor)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.classes import wordlists
from app.classes.wordlists import Banned, WordLists
from app.project.project import Project
from app.session.session import Session
from app.store.decisions import ReadOnlyError

TEXT = "我们要再接再励，按步就班地工作。李某词说了很多。\n"


def _alone(tmp_path: Path) -> Session:
    path = tmp_path / "稿件.txt"
    path.write_text(TEXT, encoding="utf-8")
    session = Session(projects_dir=tmp_path / "projects")
    session.open_files(path, [])
    assert session.collate_now() is not None
    return session


def _found(session: Session) -> list[str]:
    return [loc.source_text for loc in session.loci]


def test_a_projects_lists_are_kept_in_its_file_and_spell_its_text(tmp_path: Path) -> None:
    session = _alone(tmp_path)
    assert _found(session) == ["励", "步"]
    own = WordLists(allow=frozenset({"按步就班"}), banned={"某词": Banned("替代词", "不规范")})
    session.set_project_lists(own)  # no loop: the next collation reads them
    assert session.collate_now() is not None
    assert _found(session) == ["励", "某词"]
    project = session.project
    assert project is not None
    path = project.path
    session.close()
    with Project.open(path) as again:
        assert again.word_lists() == own
    # the user's own lists are untouched: the project's are its own
    assert wordlists.load_folder(wordlists.user_folder()) == WordLists()


def test_the_user_lists_still_count_beside_a_projects(tmp_path: Path) -> None:
    wordlists.save_folder(wordlists.user_folder(), WordLists(allow=frozenset({"再接再励"})))
    session = _alone(tmp_path)
    assert _found(session) == ["步"]
    session.set_project_lists(WordLists(allow=frozenset({"按步就班"})))
    assert session.collate_now() is not None
    assert _found(session) == []


def test_a_read_only_project_keeps_its_lists_as_they_are(tmp_path: Path) -> None:
    session = _alone(tmp_path)
    project = session.project
    assert project is not None
    path = project.path
    session.set_project_lists(WordLists(allow=frozenset({"按步就班"})))
    session.close()
    session.open_project(path, read_only=True)
    with pytest.raises(ReadOnlyError):
        session.set_project_lists(WordLists())
    assert session.project_lists() == WordLists(allow=frozenset({"按步就班"}))
