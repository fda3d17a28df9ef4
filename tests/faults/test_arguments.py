"""Arguments that cannot be what they claim are refused in one line, nothing changed.

Issue 19: undecodable bytes in ``decide --reading`` or ``--note`` gave a
traceback (SQLite cannot hold a lone surrogate), and ``decide --accept
check`` on a project collated without checks recorded an accepted "fix"
that was the source's own text.
"""

from __future__ import annotations

import os
import sys

import pytest

from tests.faults.conftest import Job, cli, one_line_error, run, snapshot

BAD = os.fsdecode(b"\xd0\xa3\xff")
"""What Python makes of bytes the system's encoding cannot decode (UTF-8 here)."""

needs_utf8 = pytest.mark.skipif(
    sys.getfilesystemencoding() != "utf-8", reason="undecodable argument bytes need UTF-8"
)


@needs_utf8
@pytest.mark.parametrize(
    "argv",
    [
        ("decide", "{p}", "1", "--reading", BAD),
        ("decide", "{p}", "1", "--reject", "--note", BAD),
        ("decide", "{p}", "1", "--reading", "新" + BAD),
        ("export", "{p}", "--docx", "{out}", "--author", BAD),
    ],
)
def test_undecodable_text_is_refused(
    job: Job, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    before = snapshot(job.folder)
    out = job.folder / "out.docx"
    args = [a.format(p=job.project, out=out) if "{" in a else a for a in argv]
    code, said, err = cli(capsys, *args)
    assert code == 2 and said == ""
    one_line_error(err, "holds bytes that are not utf-8 text", "\\xff")
    assert snapshot(job.folder) == before


@needs_utf8
@pytest.mark.subprocess
def test_undecodable_text_from_a_shell(job: Job) -> None:
    """As a shell passes them: the raw bytes in argv."""
    before = snapshot(job.folder)
    done = run("decide", job.project, "1", "--reading", BAD)
    assert done.returncode == 2
    assert done.stderr.count(b"\n") == 1 and b"Traceback" not in done.stderr
    assert snapshot(job.folder) == before


def test_accepting_a_check_where_there_is_none_is_refused(
    job: Job, capsys: pytest.CaptureFixture[str]
) -> None:
    """The job's project was collated without --checks: no locus has a check reading."""
    before = snapshot(job.folder)
    code, out, err = cli(capsys, "decide", job.project, "1", "2", "--accept", "check")
    assert code == 2 and out == ""
    one_line_error(err, "#1 has no fix from the source checks to accept")
    assert snapshot(job.folder) == before


def test_accepting_a_check_where_it_found_something_still_works(
    job: Job, capsys: pytest.CaptureFixture[str]
) -> None:
    """``我们们``: the checks propose 我们, and accepting it records that."""
    folder = job.folder
    (folder / "s.txt").write_text("我们们在这里。", encoding="utf-8")
    (folder / "v.txt").write_text("我们们在这里。", encoding="utf-8")
    project = folder / "checked.jkproj"
    argv = ["collate", folder / "s.txt", folder / "v.txt", "--checks", "--project", project]
    assert cli(capsys, *argv)[0] == 0
    code, out, err = cli(capsys, "loci", project, "--json")
    import json

    (locus,) = [d for d in json.loads(out)["divergences"] if "check" in d["readings"]]
    code, _, err = cli(capsys, "decide", project, str(locus["id"]), "--accept", "check")
    assert code == 0, err
    code, out, _ = cli(capsys, "loci", project, "--json")
    (after,) = [d for d in json.loads(out)["divergences"] if d["id"] == locus["id"]]
    assert after["status"] == "accepted" and after["chosen"] == locus["readings"]["check"]
