"""``jiaokan check FILE``: one text's findings, as a table and as collate's JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from app.classes import wordlists
from app.cli.main import main
from tests.helpers.paths import PDF_FIXTURES

TEXT = (
    "我们要再接再励，按步就班地工作。\n当前疫情形势依然严 峻，要做好運輸保障。我们应该保护环竟。\n"
)


def check_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:  # type: ignore[type-arg]
    assert main(["check", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def _fixed(doc: dict, text: str) -> str:  # type: ignore[type-arg]
    out = text
    for d in reversed(doc["divergences"]):
        out = out[: d["start"]] + d["readings"]["check"] + out[d["end"] :]
    return out


def test_json_has_collates_shape_with_the_check_witness_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    doc = check_json(capsys, str(path))
    assert doc["source"]["path"] == str(path) and doc["source"]["chars"] == len(TEXT)
    assert doc["witnesses"] == [{"id": "check", "divergences": 5}]
    assert doc["rules"] == [] and doc["setting"] == "quiet"
    assert all(set(d["readings"]) == {"check"} and d["message"] for d in doc["divergences"])
    assert [d["class"] for d in doc["divergences"]] == [
        "homophone",
        "homophone",
        "punctuation",
        "script",
        "homophone",
    ]
    assert _fixed(doc, TEXT) == (
        "我们要再接再厉，按部就班地工作。\n当前疫情形势依然严峻，要做好运输保障。我们应该保护环境。\n"
    )


def test_the_whitelist_and_more_suggestions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("我们应该保护环竟。请你帮我买两个面宝。", encoding="utf-8")
    assert [d["source_text"] for d in check_json(capsys, str(path))["divergences"]] == ["竟"]
    allowed = check_json(capsys, str(path), "--allow", "环竟")
    assert allowed["divergences"] == []
    words = tmp_path / "names.txt"
    words.write_text("# 人名\n环竟\n", encoding="utf-8")
    assert check_json(capsys, str(path), "--allow-file", str(words))["divergences"] == []
    more = check_json(capsys, str(path), "--more")
    assert more["setting"] == "more"
    assert [d["readings"]["check"] for d in more["divergences"]] == ["境", "包"]


def test_the_users_and_a_projects_lists_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("他用了某词和旧称。", encoding="utf-8")
    wordlists.save_folder(
        wordlists.user_folder(),
        wordlists.WordLists(banned={"某词": wordlists.Banned("替代词", "不规范")}),
    )
    project = tmp_path / "lists"
    wordlists.save_folder(project, wordlists.WordLists(mistakes={"旧称": "新称"}))
    doc = check_json(capsys, str(path), "--lists", str(project))
    assert [(d["source_text"], d["readings"]["check"]) for d in doc["divergences"]] == [
        ("某词", "替代词"),
        ("旧", "新"),
    ]
    assert doc["divergences"][0]["message"] == "“某词” is on the banned list: 不规范"
    bare = check_json(capsys, str(path), "--no-user-lists")
    assert bare["divergences"] == []


def test_a_word_document_is_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = Document()
    document.add_paragraph("我们要再接再励。")
    path = tmp_path / "a.docx"
    document.save(str(path))
    doc = check_json(capsys, str(path))
    assert [(d["source_text"], d["readings"]["check"]) for d in doc["divergences"]] == [
        ("励", "厉")
    ]


def test_a_pdf_says_the_page_and_boxes_of_each_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As ``collate --json`` does for a PDF source: where the finding is on its page."""
    lists = tmp_path / "lists"
    wordlists.save_folder(lists, wordlists.WordLists(mistakes={"社区工作者": "社区工作人员"}))
    proof = str(PDF_FIXTURES / "proof.pdf")
    doc = check_json(capsys, proof, "--lists", str(lists), "--no-user-lists")
    found = doc["divergences"]
    assert len(found) == 10  # the proof's sections say it ten times
    assert found[0]["page"] == 1 and all(f["page"] >= 1 and f["boxes"] for f in found)
    left, bottom, right, top = found[0]["boxes"][0]
    assert left < right and bottom < top
    assert main(["check", proof, "--lists", str(lists), "--no-user-lists"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[3].split()[:3] == ["#", "line:col", "page:line"]
    assert table[4].split()[2].startswith("1:")


def test_the_table_says_where_what_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "setting quiet" in out and "5 findings" in out
    assert "2:16" in out and "運輸  运输" in out and "is Traditional in a Simplified text" in out


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["check", "missing.txt"], "cannot read"),
        (["check", "{path}", "--lists", "nowhere"], "--lists nowhere: no such folder"),
        (["check", "{path}", "--allow-file", "no-such-file"], "--allow-file no-such-file"),
    ],
)
def test_a_user_error_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main([a.format(path=path) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and says in err


def test_lists_show_import_and_export_the_users_lists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lists"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(str(wordlists.user_folder())) and "0 words never flagged" in out
    theirs = tmp_path / "theirs"
    wordlists.save_folder(theirs, wordlists.WordLists(allow=frozenset({"李希平"})))
    assert main(["lists", "--import", str(theirs)]) == 0
    assert wordlists.load_folder(wordlists.user_folder()).allow == {"李希平"}
    out_dir = tmp_path / "out"
    assert main(["lists", "--export", str(out_dir)]) == 0
    assert wordlists.load_folder(out_dir) == wordlists.load_folder(wordlists.user_folder())
    capsys.readouterr()
    assert main(["lists", "--import", str(tmp_path / "nowhere")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_lists_of_a_project_are_its_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``lists --project P``: the lists kept in P, imported into and exported from it; the
    user's lists are not touched."""
    source, copy = tmp_path / "稿件.txt", tmp_path / "副本.txt"
    source.write_text(TEXT, encoding="utf-8")
    copy.write_text(TEXT, encoding="utf-8")
    project = tmp_path / "书.jkproj"
    assert main(["collate", str(source), str(copy), "--project", str(project)]) == 0
    theirs = tmp_path / "theirs"
    wordlists.save_folder(theirs, wordlists.WordLists(allow=frozenset({"李希平"})))
    capsys.readouterr()
    assert main(["lists", "--project", str(project), "--import", str(theirs)]) == 0
    assert "1 words never flagged" in capsys.readouterr().out
    out_dir = tmp_path / "out"
    assert main(["lists", "--project", str(project), "--export", str(out_dir)]) == 0
    assert wordlists.load_folder(out_dir).allow == {"李希平"}
    assert wordlists.load_folder(wordlists.user_folder()) == wordlists.WordLists()
    capsys.readouterr()
    assert main(["lists", "--project", str(tmp_path / "none.jkproj")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
