"""The error rate (差错率) by the weights of 《图书质量管理规定》, and `jiaokan quality`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.classes.errorrate import RULES, Correction, characters, error_rate
from app.cli.main import main


def fix(start: int, source_text: str, reading: str, cls: str, n: int = 0) -> Correction:
    return Correction(n or start + 1, start, start + len(source_text), source_text, reading, cls)


SOURCE = "甲" * 20_000


@pytest.mark.parametrize(
    ("c", "weight", "rule"),
    [
        (fix(0, "励", "厉", "homophone"), 1.0, "character"),
        (fix(0, "励步", "厉部", "similar_shape"), 2.0, "character"),
        (fix(0, "的", "", "extra"), 1.0, "character"),
        (fix(0, "", "一二三", "missing"), 2.0, "few"),
        (fix(0, "", "一二三四五六", "missing_sentence"), 4.0, "many"),
        (fix(0, "守严", "严守", "swap"), 1.0, "character"),
        (fix(0, "，", "。", "punctuation"), 0.1, "punctuation"),
        (fix(0, ",", "，", "width"), 0.1, "punctuation"),
        (fix(0, "運輸", "运输", "script"), 0.5, "script"),
        (fix(0, "2020", "2021", "number"), 1.0, "number"),
        (fix(0, "gdp", "GDP", "foreign"), 0.5, "letters"),
        (fix(0, "의", "的", "foreign"), 1.0, "foreign"),
    ],
)
def test_each_class_is_weighed_by_its_rule(c: Correction, weight: float, rule: str) -> None:
    rate = error_rate(SOURCE, [c])
    (item,) = rate.items
    assert (item.weight, item.rule) == (weight, rule)
    assert rate.errors == weight and rule in RULES


def test_characters_leave_out_whitespace_and_the_verdict_is_one_per_ten_thousand() -> None:
    text = "甲 乙\n" * 5_000  # 10,000 characters without whitespace
    one = error_rate(text, [fix(0, "甲", "丙", "substitution")])
    assert one.characters == 10_000 and one.per_10k == 1.0 and one.verdict == "合格"
    two = error_rate(text, [fix(0, "甲", "丙", "substitution"), fix(4, "甲", "丙", "homophone")])
    assert two.per_10k == 2.0 and two.verdict == "不合格"


def test_every_kind_of_whitespace_is_left_out_of_the_characters() -> None:
    """Ideographic, no-break and line-separator spaces and the rest: whatever Python calls
    whitespace, and nothing else (a zero-width space is a character the text holds)."""
    spaces = "".join(chr(i) for i in range(0x3001) if chr(i).isspace())
    assert {"\u3000", "\xa0", "\u2028", "\x1c", "\x85"} <= set(spaces)
    assert characters("甲" + spaces + "乙\u200b丙" + spaces) == 4


def test_the_same_script_error_past_three_places_is_one_and_a_half_in_all() -> None:
    three = [fix(k * 10, "後", "后", "script") for k in range(3)]
    assert error_rate(SOURCE, three).errors == 1.5
    five = [fix(k * 10, "後", "后", "script") for k in range(5)]
    assert error_rate(SOURCE, five).errors == pytest.approx(1.5)


def test_a_repeated_wrong_character_counts_once_a_page_and_four_in_all() -> None:
    pages = "\f".join(["甲" * 100] * 6)
    # twice on page 1, once on each of pages 2 to 6
    places = [5, 50, *(101 * k + 5 for k in range(1, 6))]
    repeated = [fix(p, "甲", "乙", "substitution") for p in places]
    rate = error_rate(pages, repeated)
    assert rate.pages_known and rate.errors == 4.0
    assert {item.rule for item in rate.items[1:]} == {"repeated"}
    # without pages every place counts
    assert error_rate(pages.replace("\f", "\n"), repeated).errors == 7.0


def test_jiaokan_quality_counts_a_projects_accepted_corrections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, variant, project = tmp_path / "src.txt", tmp_path / "v.txt", tmp_path / "p.jkproj"
    source.write_text("我们要再接再励，要做好運輸保障\n", encoding="utf-8")
    variant.write_text("我们要再接再厉，要做好运输保障。\n", encoding="utf-8")
    args = ["collate", str(source), str(variant), "--rules", "none", "--project", str(project)]
    assert main(args) == 0
    assert main(["decide", str(project), "1", "2", "3", "--accept", "v"]) == 0
    capsys.readouterr()
    assert main(["quality", str(project), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["characters"] == 15 and doc["errors"] == 1.6
    assert doc["per_10k"] == pytest.approx(1.6 * 10_000 / 15, abs=1e-3)
    assert doc["verdict"] == "不合格"
    assert [(i["source_text"], i["class"], i["weight"], i["rule"]) for i in doc["items"]] == [
        ("励", "homophone", 1.0, "character"),
        ("運輸", "script", 0.5, "script"),
        ("", "punctuation", 0.1, "punctuation"),
    ]
    assert main(["quality", str(project)]) == 0
    assert "不合格" in capsys.readouterr().out
