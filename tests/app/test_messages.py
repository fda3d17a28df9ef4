"""The engine's messages: every id it raises is defined, and the English stays the CLI's.

The window translates an engine error by its id (ui/messages.py); an id used
in app/ but missing from ``app.messages.ENGLISH``, or given other parameters
than its template names, would surface as a crash in the middle of reporting
an error, so the sources are read here rather than trusting each raise to be
exercised by some test.
"""

from __future__ import annotations

import ast
import os
import pickle
import socket
from pathlib import Path

import pytest

from app.messages import ENGLISH, Message, known_reason, message, placeholders
from app.store.decisions import Decision, DecisionLog, ReadOnlyError, Status
from app.store.file import ProjectFile
from app.store.records import ProjectError, StoredText
from app.text.loading import LoadError, load_text
from tests.conftest import ROOT


def _trees() -> list[tuple[str, ast.Module]]:
    return [
        (path.name, ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted((ROOT / "app").rglob("*.py"))
        if path.name != "messages.py"
    ]


def _makers(trees: list[tuple[str, ast.Module]]) -> set[str]:
    """What makes a message: message(), Message(), _writing() and every MessageError class."""
    errors = {
        node.name
        for _, tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        and any(isinstance(b, ast.Name) and b.id == "MessageError" for b in node.bases)
    }
    assert {"LoadError", "ProjectError", "ExportError", "ReadOnlyError"} <= errors
    return {"message", "Message", "_writing", *errors}


def _uses() -> list[tuple[str, str, set[str] | None]]:
    """(where, id, keyword names or None) for each message made in app/."""
    trees = _trees()
    makers = _makers(trees)
    found = []
    for filename, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if name not in makers:
                continue
            # message("a" if x else "b", ...) names two ids
            ids = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            keywords = None if name == "_writing" else {k.arg or "" for k in node.keywords}
            for arg in ids:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.append((f"{filename}:{node.lineno}", arg.value, keywords))
    return found


def test_every_message_the_engine_makes_is_defined_with_its_parameters() -> None:
    uses = _uses()
    assert len(uses) > 50
    bad = [
        (where, id)
        for where, id, keywords in uses
        if id not in ENGLISH or (keywords is not None and keywords != placeholders(ENGLISH[id]))
    ]
    assert not bad


def test_every_defined_message_is_used() -> None:
    """A dead id would still ask translators for work; reasons may come via known_reason."""
    used = {id for _, id, _ in _uses()}
    via_known_reason = ("reason.", "system.", "sqlite.")
    unused = [id for id in ENGLISH if id not in used and not id.startswith(via_known_reason)]
    assert not unused


def test_writing_steps_name_and_reason_their_failure() -> None:
    steps = [(where, id) for where, id, keywords in _uses() if keywords is None]
    assert steps  # the writing steps were found (a rename of _writing would hide them)
    for where, id in steps:
        assert placeholders(ENGLISH[id]) == {"name", "reason"}, where


def test_a_message_refuses_parameters_its_template_does_not_name() -> None:
    with pytest.raises(ValueError, match=r"load\.binary"):
        Message("load.binary", {})
    with pytest.raises(ValueError):
        message("load.binary", path="'a'", extra="x")
    with pytest.raises(KeyError):
        message("load.no-such-id")


def test_nested_messages_read_as_one_english_line(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as caught:
        load_text(tmp_path / "gone.txt")
    error = caught.value
    assert str(error) == f"cannot read '{tmp_path / 'gone.txt'}': no such file"
    assert error.message.id == "load.cannot-read"
    assert error.message.params["reason"] == message("reason.no-such-file")


def test_known_system_words_become_messages_with_the_same_english() -> None:
    for text in ("No such file or directory", "database is locked", "permission denied"):
        known = known_reason(text)
        assert isinstance(known, Message) and str(known) == text
    assert known_reason("Stale file handle") == "Stale file handle"  # shown as the system says


def test_engine_errors_survive_pickling_with_their_message(tmp_path: Path) -> None:
    """The default pickling would rebuild them from the English, as if it were an id."""
    error = ProjectError("project.empty", name="x.jkproj")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is ProjectError
    assert str(again) == "x.jkproj is empty, not a Jiaokan project"
    assert again.message == error.message


def _project(path: Path) -> None:
    texts = [
        StoredText("source", None, "s.txt", "utf-8", "0", "天地"),
        StoredText("witness", "w", "w.txt", "utf-8", "0", "天下"),
    ]
    ProjectFile.create(path, texts, [], []).close()


def test_read_only_reasons_are_messages_with_the_old_english(tmp_path: Path) -> None:
    path = tmp_path / "p.jkproj"
    _project(path)
    with ProjectFile.open(path) as first, ProjectFile.open(path) as second:
        assert first.read_only_why is None and first.read_only_reason == ""
        why = second.read_only_why
        assert why is not None and why.id == "read-only.locked"
        holder = f"pid {os.getpid()} on host {socket.gethostname()}"
        assert second.read_only_reason == f"open in another Jiaokan window ({holder})"
        with pytest.raises(ProjectError) as caught:
            second.commit_decisions("x", {1: Decision(Status.REJECTED, None, "天")}, "t")
        assert caught.value.message.params["reason"] == why
    with ProjectFile.open(path, read_only=True) as asked:
        assert asked.read_only_why == message("read-only.asked")
        assert asked.read_only_reason == "opened read-only"


def test_deciding_read_only_names_its_message() -> None:
    with pytest.raises(ReadOnlyError) as caught:
        DecisionLog(read_only=True).apply("x", {1: Decision(Status.REJECTED, None, "天")})
    assert caught.value.message.id == "decisions.read-only"
    assert str(caught.value) == "the project is open read-only"
