"""The project model: decisions with undo, stable ids, re-anchoring after re-collation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.collation.collate import collate
from app.project.project import Project
from app.store.decisions import ReadOnlyError
from app.text.loading import LoadedText

SOURCE = "去年冬天，图书馆开始整理一批旧报纸。这些报纸大多已经发黄变脆，有的字迹模糊。"
TYPOS = "去年冬天，图书馆开始整理一批旧报纸。这些报纸大多己经发黄变脆，有的字迹模湖。"
OCR = "去年冬天,图书馆开始整理一批旧报纸。\n这些报纸大多已经发黄变脆,有的字迹模糊不清。"


def loaded(path: Path, text: str) -> LoadedText:
    import hashlib

    path.write_text(text, encoding="utf-8")
    return LoadedText(str(path), text, "utf-8", hashlib.sha256(text.encode()).hexdigest())


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    src = loaded(tmp_path / "source.txt", SOURCE)
    typos = loaded(tmp_path / "typos.txt", TYPOS)
    ocr = loaded(tmp_path / "ocr.txt", OCR)
    result = collate(src.text, [("typos", typos.text), ("ocr", ocr.text)])
    proj = Project.create(tmp_path / "p.jkproj", src, [("typos", typos), ("ocr", ocr)], result)
    yield proj
    proj.close()


def by_text(project: Project, text: str) -> int:
    return next(loc.id for loc in project.loci if loc.source_text == text)


def test_ids_are_stable_and_decisions_survive_reopening(project: Project) -> None:
    assert project.ids() == list(range(1, len(project.loci) + 1))
    lid = by_text(project, "已")
    project.accept([lid], "typos")
    other = by_text(project, "糊")
    project.edit(other, "糊（原文如此）")
    project.set_note(other, "查原件")
    path = project.path
    project.close()
    with Project.open(path) as again:
        assert again.log.get(lid).status == "accepted"
        assert again.log.get(lid).reading == "己"
        assert again.log.get(other).reading == "糊（原文如此）"
        assert again.log.get(other).note == "查原件"
        assert again.counts()["undecided"] == len(again.loci) - 2


def test_undo_and_redo_live_in_the_core(project: Project) -> None:
    ids = project.ids()
    project.reject(ids, "reject all")
    assert all(project.status(i) == "rejected" for i in ids)
    project.log.undo()
    assert all(project.status(i) == "undecided" for i in ids)
    project.log.redo()
    assert all(project.status(i) == "rejected" for i in ids)
    assert [op.label for op in project.log.undo_stack] == ["reject all"]
    path = project.path
    project.close()
    with Project.open(path) as again:  # the redo was committed like any decision
        assert all(again.status(i) == "rejected" for i in ids)


def test_corrected_text_through_export_input(project: Project) -> None:
    from app.export.text import corrected_text

    project.accept([by_text(project, "已")], "typos")  # a wrong reading, taken on purpose
    # typos' 湖 and the OCR's inserted 不清 only touch: each witness keeps its own locus
    inserted = next(loc.id for loc in project.loci if loc.readings.get("ocr") == "不清")
    project.accept([inserted], "ocr")
    assert corrected_text(project.export_input()) == SOURCE.replace("已", "己").replace(
        "模糊。", "模糊不清。"
    )


def test_recollation_keeps_decisions_and_reports_what_it_cannot_place(project: Project) -> None:
    keep = by_text(project, "已")
    project.accept([keep], "typos")
    lost = next(loc.id for loc in project.loci if loc.readings.get("ocr") == "不清")
    project.accept([lost], "ocr")
    # the OCR variant is dropped: the reading accepted from it is gone
    result = collate(SOURCE, [("typos", TYPOS)])
    witnesses = [w for w in project.witnesses if w.witness_id == "typos"]
    unplaced = project.adopt(result, project.source, witnesses)
    assert [u.locus.id for u in unplaced] == [lost]
    assert project.log.get(keep).status == "accepted"
    assert keep in project.ids() and lost not in project.ids()
    assert project.locus(by_text(project, "糊")).readings == {"typos": "湖"}
    assert lost in project.file.decisions()  # kept in the file, not applied


def test_edited_source_reanchors_by_context(project: Project, tmp_path: Path) -> None:
    from app.project.project import stored_text

    lid = by_text(project, "已")
    project.accept([lid], "typos")
    new_source = "前言一句。" + SOURCE
    src = loaded(tmp_path / "source.txt", new_source)
    assert project.source_changed_on_disk()
    result = collate(new_source, [(w.witness_id or "", w.text) for w in project.witnesses])
    unplaced = project.adopt(result, stored_text(src, "source"), project.witnesses)
    assert unplaced == []
    assert project.log.get(lid).status == "accepted"
    assert project.locus(lid).start == new_source.index("已")


def test_read_only_project_refuses_decisions(project: Project) -> None:
    path = project.path
    with Project.open(path) as second:  # the first still holds the lock
        assert second.read_only
        with pytest.raises(ReadOnlyError):
            second.reject(second.ids())


def test_accept_every_majority_suggestion_in_one_step(tmp_path: Path) -> None:
    src = loaded(tmp_path / "s.txt", "城乡接合部的社区工作很重要。")
    b = loaded(tmp_path / "b.txt", "城乡结合部的社区工作很重要。")
    c = loaded(tmp_path / "c.txt", "城乡结合部的社区工做很重要。")
    result = collate(src.text, [("b", b.text), ("c", c.text)])
    with Project.create(tmp_path / "m.jkproj", src, [("b", b), ("c", c)], result) as project:
        op = project.accept_majority()
        assert op is not None and len(op.changes) == 1  # 结: 2 of 3; 做: c alone
        (change,) = op.changes
        assert change.after.reading == "结" and change.after.witness == "b"
        project.log.undo()
        assert project.counts()["accepted"] == 0
