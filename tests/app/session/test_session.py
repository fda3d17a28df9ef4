"""The proofreading session, headless: what the window shows and does, without a window.

Each bug a proofreader met in the window has its test here first (the session
is where the state lives); tests/ui/window/test_session.py repeats them through the keys.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.collation.collate import collate
from app.collation.loci import Collation
from app.session.session import Changes, Session
from app.session.workspace import CollationRequest
from app.store.decisions import Decision, ReadOnlyError, Status
from app.store.records import ProjectError
from tests.helpers.session import collate_now, decisions_of, ids_of, opened, write_pair


def where(session: Session, text: str) -> int:
    """The id of the locus whose source reads ``text``."""
    return next(loc.id for loc in session.loci if loc.source_text == text)


def test_a_new_collation_becomes_a_project_and_its_loci_carry_ids(tmp_path: Path) -> None:
    session = opened(tmp_path)
    assert session.project is not None
    assert session.project.path.parent == tmp_path / "projects"
    assert {loc.source_text for loc in session.loci} == {"筝", "", "蹚"}
    assert ids_of(session) == sorted(set(ids_of(session))) and 0 not in ids_of(session)
    assert session.witness == "variant"


def test_a_note_stays_on_the_locus_it_was_typed_for(tmp_path: Path) -> None:
    """Type a note, press F8 twice: the note is on the first locus, not two further on."""
    session = opened(tmp_path)
    first, second, third = ids_of(session)
    session.select(first)
    session.type_note("查原稿")
    assert session.note_shown() == "查原稿"
    session.select(second)
    session.select(third)
    assert session.decision(first).note == "查原稿"
    assert session.decision(second).note == "" and session.decision(third).note == ""
    assert session.note_shown() == ""


def test_enter_then_moving_on_does_not_copy_the_note(tmp_path: Path) -> None:
    """Enter commits the note; leaving the note box later commits nothing more."""
    session = opened(tmp_path)
    first, second, _ = ids_of(session)
    session.select(first)
    session.type_note("存疑")
    session.commit_note()  # Enter
    session.select(second)  # F8
    session.commit_note()  # the note box loses the focus
    assert session.decision(first).note == "存疑"
    assert session.decision(second).note == ""
    assert len(session.history()) == 1


def test_a_decision_keeps_a_note_typed_before_it(tmp_path: Path) -> None:
    session = opened(tmp_path)
    first = ids_of(session)[0]
    session.select(first)
    session.type_note("风筝")
    session.reject([first])
    assert session.decision(first).status == "rejected"
    assert session.decision(first).note == "风筝"


def test_next_undecided_counts_from_the_view_before_the_decision(tmp_path: Path) -> None:
    """Under a filter on "undecided", deciding one must lead to the very next one."""
    session = opened(tmp_path)
    order = list(reversed(ids_of(session)))  # the table sorted the other way round
    session.select(order[0])
    session.reject([order[0]])
    assert session.next_undecided(order, order[0]) == order[1]
    session.select(order[1])
    session.reject([order[1]])
    assert session.next_undecided(order, order[1]) == order[2]
    session.reject([order[2]])
    assert session.next_undecided(order, order[2]) is None


def test_next_undecided_wraps_round(tmp_path: Path) -> None:
    session = opened(tmp_path)
    a, b, c = ids_of(session)
    session.reject([a])
    assert session.next_undecided([a, b, c], c) == b


def test_step_follows_the_view_order_and_says_when_it_wraps(tmp_path: Path) -> None:
    session = opened(tmp_path)
    a, b, c = ids_of(session)
    session.select(b)
    step = session.step([a, b, c], +1)
    assert step is not None and (step.locus_id, step.wrapped) == (c, False)
    session.select(c)
    step = session.step([a, b, c], +1)
    assert step is not None and (step.locus_id, step.wrapped) == (a, True)
    step = session.step([c, a], -1)
    assert step is not None and (step.locus_id, step.wrapped) == (a, True)
    assert session.step([], +1) is None


def test_undo_selects_the_undone_locus(tmp_path: Path) -> None:
    session = opened(tmp_path)
    a, _, c = ids_of(session)
    session.select(a)
    session.reject([a])
    session.select(c)
    session.undo()
    assert session.current == a
    assert not session.decision(a).decided
    session.select(c)
    session.redo()
    assert session.current == a
    assert session.decision(a).status == "rejected"


def test_the_selection_keeps_its_place_when_a_rule_is_toggled(tmp_path: Path) -> None:
    session = opened(tmp_path)
    session.select(where(session, "蹚"))
    session.set_rules(["whitespace", "script", "markup"])  # punctuation width counts now
    collate_now(session)
    current = session.current_locus()
    assert current is not None and current.source_text == "蹚"
    assert any(loc.source_text == "，" for loc in session.loci)
    session.set_rules(["width", "whitespace", "script", "markup"])
    collate_now(session)
    current = session.current_locus()
    assert current is not None and current.source_text == "蹚"


def test_a_stale_collation_is_dropped(tmp_path: Path) -> None:
    session = opened(tmp_path)
    request = session.request()
    assert request is not None
    old = collate(request.source, list(request.witnesses), request.rules)
    session.set_rules(["whitespace"])
    assert session.collated(request, old) is None


def test_observers_are_told_what_changed(tmp_path: Path) -> None:
    session = opened(tmp_path)
    seen: list[Changes] = []
    session.subscribe(seen.append)
    a = ids_of(session)[1]
    assert session.current == ids_of(session)[0]  # a collation starts on its first locus
    session.select(a)
    session.reject([a])
    assert seen[0] == Changes(current=True)
    assert seen[-1].decisions == frozenset({a}) and seen[-1].history
    session.unsubscribe(seen.append)
    session.undo()
    assert len(seen) == 2


def test_one_undo_history_a_failed_undo_moves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The core's log is the only history: when the file refuses an undo, it stays put."""
    session = opened(tmp_path)
    a = ids_of(session)[0]
    session.reject([a])
    assert session.can_undo() and not session.can_redo()
    project = session.project
    assert project is not None

    def refuse(*_args: object, **_kw: object) -> None:
        raise ProjectError("project.save-decision-failed", name="x", reason="disk full")

    monkeypatch.setattr(project.file, "commit_decisions", refuse)
    with pytest.raises(ProjectError):
        session.undo()
    assert session.can_undo() and not session.can_redo()
    assert session.decision(a).status == "rejected"
    assert [entry.done for entry in session.history()] == [True]


def test_decisions_and_the_place_survive_closing_and_reopening(tmp_path: Path) -> None:
    session = opened(tmp_path)
    a, b, _ = ids_of(session)
    session.select(b)
    session.accept([a], "variant")
    session.select(b)
    session.save_view_state({"top": "12"})
    assert session.project is not None
    path = session.project.path
    session.close()
    again = Session(projects_dir=tmp_path / "projects")
    again.open_project(path)
    assert again.current == b
    assert again.decision(a).status == "accepted"
    assert again.view_state()["top"] == "12"
    assert again.witness == "variant"
    again.close()


def test_a_read_only_project_refuses_every_change(tmp_path: Path) -> None:
    session = opened(tmp_path)
    assert session.project is not None
    path = session.project.path
    session.close()
    reader = Session()
    reader.open_project(path, read_only=True)
    first = ids_of(reader)[0]
    with pytest.raises(ReadOnlyError):
        reader.reject([first])
    with pytest.raises(ReadOnlyError):
        reader.set_rules(["width"])
    reader.select(first)
    reader.type_note("不会保存")
    assert reader.commit_note() == Changes()
    assert reader.decision(first).note == ""
    reader.close()


def test_without_a_projects_folder_nothing_is_saved(tmp_path: Path) -> None:
    """The command line's session: a collation, ids to name loci, and no file."""
    session = Session()
    (tmp_path / "s.txt").write_text("甲乙丙", encoding="utf-8")
    (tmp_path / "v.txt").write_text("甲丁丙", encoding="utf-8")
    session.open_files(tmp_path / "s.txt", [tmp_path / "v.txt"])
    collate_now(session)
    assert session.project is None
    assert ids_of(session) == [1]
    with pytest.raises(ReadOnlyError):
        session.reject([1])


def test_opening_a_project_aligns_nothing_again(tmp_path: Path) -> None:
    """The stored regions rebuild the panes' alignment: no collation, the same loci."""
    session = opened(tmp_path)
    assert session.collation is not None
    before = {wid: a.regions for wid, a in session.collation.alignments.items()}
    assert session.project is not None
    path = session.project.path
    session.close()
    again = Session(projects_dir=tmp_path / "projects")
    again.open_project(path)
    loci = again.loci
    request = again.request()
    assert request is not None and request.regions is not None
    assert dict(request.regions) == before
    collate_now(again)  # what the worker does: app.collation.collate.realign
    assert again.loci == loci
    assert again.collation is not None
    witness = again.collation.alignments["variant"]
    assert witness.regions == before["variant"]
    # the alignment maps as a fresh collation's do: 蹚 stands opposite 躺
    source, variant = again.workspace.source, again.workspace.witness("variant")
    assert source is not None
    at = source.text.index("蹚")
    assert variant.text[witness.to_witness(at)] == "躺"
    assert again.request() is not None and again.request().regions is None  # type: ignore[union-attr]
    again.close()


def test_an_upgraded_project_keeps_its_alignments_after_one_collation(tmp_path: Path) -> None:
    session = opened(tmp_path)
    assert session.project is not None
    path = session.project.path
    session.project.file._conn.execute("DELETE FROM alignments")
    session.close()
    again = Session(projects_dir=tmp_path / "projects")
    again.open_project(path)
    request = again.request()
    assert request is not None and request.regions is None  # nothing stored: collate
    collate_now(again)  # a full collation: the loci are the same, the regions are kept
    again.close()
    third = Session(projects_dir=tmp_path / "projects")
    third.open_project(path)
    request = third.request()
    assert request is not None and request.regions is not None
    third.close()


def test_every_decision_returns_when_a_rule_is_switched_back(tmp_path: Path) -> None:
    """The bug a proofreader met: decide, switch a rule off and on, decisions gone."""
    session = opened(tmp_path)
    session.reject(ids_of(session))
    decided = {lid: session.decision(lid) for lid in ids_of(session)}
    assert all(d.status == "rejected" for d in decided.values())
    session.set_rules(["script"])  # widths and line breaks count now: loci merge and split
    collate_now(session)
    session.set_rules(["width", "whitespace", "script", "markup"])
    collate_now(session)
    assert {lid: session.decision(lid) for lid in ids_of(session)} == decided
    assert session.counts()["rejected"] == len(decided)


NESTED_SOURCE = "春天来了。\n孩子们在草地上放风筝，笑声传得很远。\n老人坐在门口晒太阳。\n"
TYPO = NESTED_SOURCE.replace("风筝", "风争")
NO_PARAGRAPH = NESTED_SOURCE.replace("孩子们在草地上放风筝，笑声传得很远。\n", "")


def nested(folder: Path) -> tuple[Session, int, int]:
    """One copy's typo inside the paragraph another copy lacks: (session, typo, paragraph)."""
    session = Session(projects_dir=folder / "projects")
    paths = []
    for name, text in (("source", NESTED_SOURCE), ("typo", TYPO), ("short", NO_PARAGRAPH)):
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    session.open_files(paths[0], paths[1:])
    collate_now(session)
    typo = where(session, "筝")
    paragraph = next(loc.id for loc in session.loci if "short" in loc.readings)
    return session, typo, paragraph


def test_a_copy_s_small_fix_inside_another_s_missing_paragraph_is_its_own(
    tmp_path: Path,
) -> None:
    session, typo, paragraph = nested(tmp_path)
    enclosing = session.enclosing(typo)
    assert enclosing is not None and enclosing.id == paragraph
    assert session.enclosing(paragraph) is None
    assert session.locus(typo).readings == {"typo": "争"}  # type: ignore[union-attr]


def test_overlapping_readings_are_a_conflict_the_proofreader_resolves(tmp_path: Path) -> None:
    session, typo, paragraph = nested(tmp_path)
    session.accept([paragraph], "short")  # the paragraph goes
    wanted = session.acceptance([typo], "typo")
    assert session.conflicts(wanted) == {typo: [paragraph]}
    session.accept([typo], "typo", displace=True)  # one step: the paragraph is undecided
    assert session.decision(typo).status == "accepted"
    assert not session.decision(paragraph).decided
    session.undo()  # and one Undo brings both back as they were
    assert session.decision(paragraph).status == "accepted"
    assert not session.decision(typo).decided
    # rejecting never conflicts: the source's text stands
    assert session.conflicts({typo: Decision(Status.REJECTED, None, "筝")}) == {}


def _file_state(session: Session) -> tuple[object, ...]:
    """Every locus row of the project file (retired ones too), its rules and its regions."""
    project = session.project
    assert project is not None
    rows = [
        (r.id, r.active, r.start, r.end, r.source_text, r.readings, r.kinds, r.spans, r.classes,
         r.move_id, r.message, r.context_before, r.context_after)
        for r in project.file.loci(include_inactive=True)
    ]  # fmt: skip
    return rows, project.file.rules(), project.file.alignments()


def test_a_rule_set_toggled_back_is_taken_again_as_a_new_collation_would_be(
    tmp_path: Path,
) -> None:
    """A collation made before in the session is shown again without collating (the window
    asks Session.cached), and the project ends exactly as placing a fresh collation of the
    same rules would leave it: the same ids shown, decisions, rows and regions."""
    (tmp_path / "kept").mkdir()
    (tmp_path / "fresh").mkdir()
    kept, fresh = opened(tmp_path / "kept"), opened(tmp_path / "fresh")
    every = ["width", "whitespace", "script", "markup"]
    for n, rules in enumerate([["script"], every, ["script"], every, ["script"], every]):
        if n == 1:  # a decision after the first take of every rule: taken again afresh
            for session in (kept, fresh):
                session.reject(ids_of(session)[:1])
        for session in (kept, fresh):
            session.set_rules(rules)
        request = kept.request()
        assert request is not None
        cached = kept.cached(request)
        assert (cached is not None) == (n >= 1)  # every rule set was collated before
        kept.collated(request, cached or collate(request.source, list(request.witnesses), rules))
        collate_now(fresh)  # a new collation object each time: placed afresh
        assert ids_of(kept) == ids_of(fresh)
        assert decisions_of(kept) == decisions_of(fresh)
        assert _file_state(kept) == _file_state(fresh)
        assert kept.collation is not None and fresh.collation is not None
        assert kept.collation.loci == fresh.collation.loci
    for session in (kept, fresh):
        session.close()


def _collation_of(session: Session) -> tuple[CollationRequest, Collation]:
    request = session.request()
    assert request is not None
    return request, collate(request.source, list(request.witnesses), request.rules)


def test_a_project_made_in_the_worker_is_taken_with_its_collation_or_removed(
    tmp_path: Path,
) -> None:
    """The window's worker makes a new collation's project file (Session.prepare), off the
    window's thread; the session takes it with the result, and removes it, files and all,
    when the result is stale, not delivered, or never taken."""
    folder = tmp_path / "projects"
    session = Session(projects_dir=folder)
    src, var = write_pair(tmp_path)
    session.open_files(src, [var])
    request, result = _collation_of(session)
    session.prepare(request, result)  # what the worker does before delivering the result
    assert len(list(folder.glob("*.jkproj"))) == 1
    session.set_rules(["script"])  # the work changed: that result is stale
    assert session.collated(request, result) is None
    assert list(folder.iterdir()) == []
    request, result = _collation_of(session)
    session.prepare(request, result)
    (made,) = folder.glob("*.jkproj")
    taken = session.collated(request, result)
    assert taken is not None and taken.created and taken.error is None
    assert session.project is not None and session.project.path == made
    assert len(session.loci) == len(result.loci)
    session.open_files(src, [var])  # another collation: made, then not delivered
    request, result = _collation_of(session)
    session.prepare(request, result)
    session.discard(request.request_id)
    request, result = _collation_of(session)
    session.prepare(request, result)
    session.close()  # made, delivered, never taken
    assert sorted(folder.iterdir()) == [made]
