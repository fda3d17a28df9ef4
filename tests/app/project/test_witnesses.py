"""Many witnesses: nested loci in a project, conflicting decisions, export and the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.export.apparatus import write_csv
from app.export.data import ExportError
from app.export.report import render_report
from app.export.text import corrected_text
from app.project.project import Project

PARA = "学而时习之不亦说乎有朋自远方来不亦乐乎人不知而不愠不亦君子乎"
SOURCE = "子曰" + PARA + "曾子曰吾日三省吾身"
FIXED = SOURCE.replace("说", "悦")
LACKING = SOURCE.replace(PARA, "")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    files = []
    for name, text in [("src", SOURCE), ("b", FIXED), ("c", LACKING), ("d", FIXED)]:
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        files.append(str(tmp_path / f"{name}.txt"))
    out = tmp_path / "p.jkproj"
    assert main(["collate", *files, "--project", str(out)]) == 0
    return out


def ids(project: Project) -> tuple[int, int]:
    """The lacking paragraph's locus and the one-character fix inside it."""
    lacking = next(loc.id for loc in project.loci if loc.source_text == PARA)
    fix = next(loc.id for loc in project.loci if loc.source_text == "说")
    return lacking, fix


def test_the_fix_is_its_own_locus_inside_the_lacking_paragraph(path: Path) -> None:
    with Project.open(path) as project:
        lacking, fix = ids(project)
        assert project.enclosing(fix) == lacking and project.enclosing(lacking) is None
        collation = project.collation()
        by_id = {loc.id: loc for loc in collation.loci}
        assert collation.loci[by_id[fix].parent or 0].id == lacking
        vote = by_id[fix].agreement
        assert vote is not None and vote.likely_source_error and vote.total == 3  # c abstains


def test_overlapping_readings_conflict_and_undo_brings_back_the_first(path: Path) -> None:
    with Project.open(path) as project:
        lacking, fix = ids(project)
        project.accept([fix], "b")
        take_c = project.acceptance([lacking], "c")[lacking]
        assert project.conflicts(lacking, take_c) == [fix]
        # rejecting, or accepting a witness that reads the source there, changes nothing
        assert project.conflicts(lacking, project.acceptance([lacking], "b")[lacking]) == []
        project.accept([lacking], "c", displace=True)  # one step: the fix is undecided
        assert project.status(lacking) == "accepted" and project.status(fix) == "undecided"
        assert corrected_text(project.export_input()) == LACKING
        project.log.undo()
        assert project.status(lacking) == "undecided" and project.status(fix) == "accepted"
        assert corrected_text(project.export_input()) == FIXED


def test_export_never_applies_two_overlapping_readings(path: Path) -> None:
    with Project.open(path) as project:
        lacking, fix = ids(project)
        project.accept([fix], "b")
        project.accept([lacking], "c")  # recorded without asking (as an old script might)
        with pytest.raises(ExportError, match=f"#{lacking} overlaps #{fix}"):
            corrected_text(project.export_input())


def test_report_and_csv_show_nesting(path: Path, tmp_path: Path) -> None:
    with Project.open(path) as project:
        lacking, fix = ids(project)
        project.accept([fix], "b")
        data = project.export_input()
        write_csv(data, tmp_path / "a.csv")
        html = render_report(data, exported_at="2026-01-01T00:00:00+00:00")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "a.csv").read_text("utf-8-sig"))))
    within = {int(r["id"]): r["within"] for r in rows}
    assert within[fix] == str(lacking) and within[lacking] == ""
    row_of = {int(r["id"]): n for n, r in enumerate(rows, 1)}
    assert f'<a class="in" href="#a{row_of[lacking]}">⊂ {row_of[lacking]}</a>' in html
    assert "悦" in html  # the accepted fix is marked in the text, not hidden by the paragraph


def test_decide_refuses_a_conflict_in_one_line(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Project.open(path, read_only=True) as project:
        lacking, fix = ids(project)
    assert main(["decide", str(path), str(fix), "--accept", "b"]) == 0
    capsys.readouterr()
    assert main(["decide", str(path), str(lacking), "--accept", "c"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"#{lacking} overlaps #{fix}" in err
    assert main(["decide", str(path), str(lacking), "--reject"]) == 0  # no change: no conflict
    capsys.readouterr()
    assert main(["loci", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    entries = {d["id"]: d for d in doc["divergences"]}
    assert entries[fix]["parent_id"] == lacking and "parent_id" not in entries[lacking]
    assert doc["divergences"][entries[fix]["parent"]]["id"] == lacking


def test_collate_json_names_the_parent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = []
    for name, text in [("src", SOURCE), ("b", FIXED), ("c", LACKING)]:
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        files.append(str(tmp_path / f"{name}.txt"))
    capsys.readouterr()
    assert main(["collate", *files, "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["divergences"]
    (inner,) = [d for d in items if "parent" in d]
    assert inner["source_text"] == "说" and items[inner["parent"]]["source_text"] == PARA


def test_a_decision_on_an_old_merged_locus_is_kept_and_reported(tmp_path: Path) -> None:
    """A project from before: one locus merged from two copies' divergences, decided."""
    import hashlib

    from app.collation.collate import collate
    from app.collation.loci import Collation, Locus
    from app.text.loading import LoadedText
    from app.text.normalize import ALL_RULES

    def loaded(name: str, text: str) -> LoadedText:
        (tmp_path / name).write_text(text, encoding="utf-8")
        return LoadedText(
            str(tmp_path / name), text, "utf-8", hashlib.sha256(text.encode()).hexdigest()
        )

    src, b, c = loaded("s.txt", SOURCE), loaded("b.txt", FIXED), loaded("c.txt", LACKING)
    start = SOURCE.index(PARA)
    merged = Locus(
        start,
        start + len(PARA),
        PARA,
        {"b": PARA.replace("说", "悦"), "c": ""},
        "substitution",
        {"b": "substitution", "c": "deletion"},
    )
    old = Collation(SOURCE, ("b", "c"), ALL_RULES, (merged,))
    with Project.create(tmp_path / "old.jkproj", src, [("b", b), ("c", c)], old) as project:
        (lid,) = project.ids()
        project.reject([lid])
        unplaced = project.adopt(collate(SOURCE, [("b", FIXED), ("c", LACKING)]))
        # the copies' own loci now: the paragraph and the fix inside it, neither with that span
        assert {loc.source_text for loc in project.loci} == {PARA, "说"}
        # the paragraph is the old span: the rejection (same source text) is placed on it
        assert [u.locus.id for u in unplaced] == []
        (para,) = [loc.id for loc in project.loci if loc.source_text == PARA]
        assert para == lid and project.status(lid) == "rejected"
