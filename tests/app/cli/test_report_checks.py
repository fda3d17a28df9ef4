"""What a proofreader reads of the source checks and the error rate in the exports."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from app.cli.main import main


def _project(tmp_path: Path) -> Path:
    source, variant = tmp_path / "src.txt", tmp_path / "v.txt"
    source.write_text("我们们要再接再厉。要做好運輸保障。\n", encoding="utf-8")
    variant.write_text("我们们要再接再厉。要做好运输保障。\n", encoding="utf-8")
    project = tmp_path / "p.jkproj"
    args = ["collate", str(source), str(variant), "--checks", "--project", str(project)]
    assert main([*args, "--rules", "none"]) == 0
    return project


def test_the_report_shows_each_checks_fix_and_reason_in_the_text(tmp_path: Path) -> None:
    project = _project(tmp_path)
    report = tmp_path / "r.html"
    assert main(["export", str(project), "--report", str(report)]) == 0
    html = report.read_text(encoding="utf-8")
    # in the running text, beside the open question: 〔→ fix · reason〕
    assert "〔→ ∅ · “们” is written twice〕" in html
    # in the apparatus: a column of the checks' readings and the reason as text
    assert '<th title="the source checked on its own">check</th>' in html
    assert '<span class="reason">“们” is written twice</span>' in html
    assert 'title="“们” is written twice"' not in html.split('<section class="apparatus')[1]
    # the error rate: nothing decided yet
    assert "Error rate · 差错率" in html and "0 errors" in html and "合格" in html


def test_the_report_counts_the_error_rate_of_the_decisions(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert main(["decide", str(project), "1", "--accept", "check"]) == 0
    assert main(["decide", str(project), "2", "--accept", "v"]) == 0
    report = tmp_path / "r.html"
    assert main(["export", str(project), "--report", str(report)]) == 0
    html = report.read_text(encoding="utf-8").split("Error rate · 差错率")[1]
    assert "1.5 errors" in html and "不合格" in html
    assert "<td>重复</td><td>1</td><td>三(一)1</td>" in html
    assert "<td>繁简</td><td>0.5</td><td>三(一)7</td>" in html


def test_the_csv_has_the_checks_reading_and_reason(tmp_path: Path) -> None:
    project = _project(tmp_path)
    target = tmp_path / "loci.csv"
    assert main(["export", str(project), "--csv", str(target)]) == 0
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline="")))
    assert rows[0][-2:] == ["check", "reason"]
    doubled = next(r for r in rows[1:] if r[8] == "们")
    assert doubled[-2:] == ["", "“们” is written twice"]


def test_a_page_break_to_join_shows_its_fix_and_reason_in_the_text(tmp_path: Path) -> None:
    """A finding that is a line break alone still says why, beside its number."""
    text = "今天我们召开会议，一步一个脚印，\n研究部署下一步工作。大家都表示赞同。\n"
    source, copy = tmp_path / "ocr.txt", tmp_path / "copy.txt"
    source.write_text(text, "utf-8")
    copy.write_text(text, "utf-8")
    project = tmp_path / "p.jkproj"
    assert main(["collate", str(source), str(copy), "--checks", "--project", str(project)]) == 0
    report = tmp_path / "r.html"
    assert main(["export", str(project), "--report", str(report)]) == 0
    html = report.read_text(encoding="utf-8")
    why = "〔→ ∅ · The paragraph breaks inside a sentence (a page break?): join it to the next〕"
    assert f'<a href="#a1">1</a></sup><span class="why">{why}</span>\n研究' in html
