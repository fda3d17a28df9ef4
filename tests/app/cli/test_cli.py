"""``jiaokan collate``: the JSON other tools depend on, and the readable table."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main, witness_ids
from tests.conftest import ROOT


def write(path: Path, text: str, encoding: str = "utf-8") -> str:
    path.write_bytes(text.encode(encoding))
    return str(path)


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:  # type: ignore[type-arg]
    assert main(["collate", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_json_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "a.txt", "守严守牢疫情防控的关键防线")
    var = write(tmp_path / "b.txt", "严守守牢疫情防控的关键防线", "gb18030")
    doc = run_json(capsys, src, var)
    assert doc["source"] == {
        "path": src,
        "encoding": "utf-8",
        "chars": 13,
        "sha256": hashlib.sha256(Path(src).read_bytes()).hexdigest(),
    }
    (witness,) = doc["witnesses"]
    assert witness["id"] == "b" and witness["path"] == var
    assert witness["encoding"] == "gb18030"
    assert doc["rules"] == ["width", "whitespace", "script", "markup"]
    assert doc["divergences"] == [
        {
            "start": 0,
            "end": 2,
            "source_text": "守严",
            "readings": {"b": "严守"},
            "kind": "transposition",
            "kinds": {"b": "transposition"},
            "spans": {"b": [0, 2]},
            "class": "swap",
            "classes": {"b": "swap"},
        }
    ]


def test_rules_none_and_a_subset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "a.txt", "病毒，挑战人的免疫机能")
    var = write(tmp_path / "b.txt", "病毒,挑战人的免疫機能")
    assert run_json(capsys, src, var)["divergences"] == []
    exact = run_json(capsys, src, var, "--rules", "none")
    assert exact["rules"] == []
    assert [(d["source_text"], d["readings"]["b"]) for d in exact["divergences"]] == [
        ("，", ","),
        ("机", "機"),
    ]
    width_only = run_json(capsys, src, var, "--rules", "width")
    assert [d["source_text"] for d in width_only["divergences"]] == ["机"]


def test_unknown_rule_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "a.txt", "一")
    assert main(["collate", src, src, "--rules", "width,colour"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("jiaokan: error: unknown rule 'colour'")


def test_witness_ids_are_stems_made_unique() -> None:
    assert witness_ids(["x/ocr.txt", "y/ocr.txt", "z/typos.gbk.txt", "ocr-2.txt"]) == [
        "ocr",
        "ocr-2",
        "typos.gbk",
        "ocr-2-2",
    ]


def test_several_witnesses_share_loci(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "s.txt", "把社区疫情防控各项部署落到实处")
    b = write(tmp_path / "b.txt", "把社区疫情防空各项部署落到实处")
    c = write(tmp_path / "c.txt", "把社区疫情防空各项部署落到实处")
    doc = run_json(capsys, src, b, c)
    assert [w["id"] for w in doc["witnesses"]] == ["b", "c"]
    assert [w["divergences"] for w in doc["witnesses"]] == [1, 1]
    assert doc["divergences"][0]["readings"] == {"b": "空", "c": "空"}


def test_table_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "a.txt", "社区防控\n工作")
    var = write(tmp_path / "b.txt", "社区防空工作要做好")
    assert main(["collate", src, var]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert any("substitution" in line and "控" in line and "空" in line for line in lines)
    assert any("insertion" in line and "要做好" in line for line in lines)
    assert out.rstrip().endswith("2 loci")


@pytest.mark.subprocess
def test_console_script_runs_headless(tmp_path: Path) -> None:
    src = write(tmp_path / "a.txt", "一二三")
    var = write(tmp_path / "b.txt", "一二四")
    done = subprocess.run(
        [sys.executable, "-m", "app", "collate", src, var, "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["divergences"][0]["readings"] == {"b": "四"}
