"""The headless project commands: collate --project, loci, decide, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main

SOURCE = "校对是最费工夫的一步。大家笑着说，这项工作考验的是耐心和细心。"
VARIANT = "校对是最费功夫的一步。大家笑着说,这项工作考验的是细心和耐心。"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "src.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(VARIANT, encoding="utf-8")
    out = tmp_path / "p.jkproj"
    assert (
        main(["collate", str(tmp_path / "src.txt"), str(tmp_path / "b.txt"), "--project", str(out)])
        == 0
    )
    return out


def loci(capsys: pytest.CaptureFixture[str], project: Path) -> list[dict]:  # type: ignore[type-arg]
    capsys.readouterr()
    assert main(["loci", str(project), "--json"]) == 0
    return json.loads(capsys.readouterr().out)["divergences"]  # type: ignore[no-any-return]


def test_loci_lists_ids_status_and_chosen(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = loci(capsys, project)
    assert [(d["id"], d["source_text"], d["status"], d["chosen"]) for d in items] == [
        (1, "工", "undecided", None),
        (2, "耐心和细", "undecided", None),
    ]
    assert items[0]["readings"] == {"b": "功"} and items[1]["kind"] == "transposition"


def test_decide_records_like_the_window(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decide", str(project), "1", "--reject", "--note", "工夫 is right here"]) == 0
    assert main(["decide", str(project), "2", "--accept", "b"]) == 0
    items = loci(capsys, project)
    assert [(d["status"], d["chosen"]) for d in items] == [
        ("rejected", "工"),
        ("accepted", "细心和耐"),
    ]
    assert items[0]["note"] == "工夫 is right here" and items[1]["chosen_witness"] == "b"
    assert main(["decide", str(project), "2", "--reading", "耐心和细"]) == 0
    assert loci(capsys, project)[1]["status"] == "edited"
    assert main(["decide", str(project), "1", "2", "--undecide"]) == 0
    assert {d["status"] for d in loci(capsys, project)} == {"undecided"}


def test_export_corrected_text(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["decide", str(project), "1", "--accept", "b"]) == 0
    out, report, csv = tmp_path / "out.txt", tmp_path / "r.html", tmp_path / "a.csv"
    assert (
        main(
            ["export", str(project), "--text", str(out), "--report", str(report), "--csv", str(csv)]
        )
        == 0
    )
    assert out.read_text(encoding="utf-8") == SOURCE.replace("工夫", "功夫")
    assert "功" in report.read_text(encoding="utf-8")
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["decide", "{p}", "99", "--reject"], "no locus 99"),
        (["decide", "{p}", "1", "--accept", "zz"], "no witness 'zz'"),
        (["export", "{p}"], "say what to export"),
        (["loci", "{missing}", "--json"], "no such file"),
        (["loci", "{bad}", "--json"], "not a Jiaokan project"),
        (["decide", "{bad}", "1", "--reject"], "not a Jiaokan project"),
        (["export", "{bad}", "--text", "{out}"], "not a Jiaokan project"),
    ],
)
def test_errors_are_one_line_and_status_2(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    bad = tmp_path / "bad.jkproj"
    bad.write_bytes(b"this is not a database at all" * 10)
    before = bad.read_bytes()
    values = {
        "p": str(project),
        "missing": str(tmp_path / "nope.jkproj"),
        "bad": str(bad),
        "out": str(tmp_path / "o.txt"),
    }
    capsys.readouterr()
    assert main([a.format(**values) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("jiaokan: error: ")
    assert message.lower() in err.lower()
    assert bad.read_bytes() == before


def test_the_listing_shows_each_reading_and_the_empty_one_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``jiaokan loci`` names what each copy reads, ∅ where it has nothing (not ``''``)."""
    (tmp_path / "s.txt").write_text("天地玄黄，宇宙洪荒。", encoding="utf-8")
    (tmp_path / "v.txt").write_text("天地玄，宇宙鸿荒。", encoding="utf-8")
    out = tmp_path / "p.jkproj"
    assert (
        main(["collate", str(tmp_path / "s.txt"), str(tmp_path / "v.txt"), "--project", str(out)])
        == 0
    )
    capsys.readouterr()
    assert main(["loci", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "'黄'  v: ∅  undecided" in lines[0]
    assert "'洪'  v: '鸿'  undecided" in lines[1]


def test_the_csv_names_classes_in_an_editors_terms(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv as csvlib

    target = tmp_path / "a.csv"
    assert main(["export", str(project), "--csv", str(target)]) == 0
    rows = list(csvlib.DictReader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["class"] for r in rows] == ["同音/音近", "互倒"]
