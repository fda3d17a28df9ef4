"""The SIGHAN Chinese spelling-check sets, fetched at evaluation time, never committed.

The SIGHAN bake-off data (2013, 2014, 2015) is under an academic licence: the
project ships none of it and commits nothing derived from it.  This module
gets it into a cache outside the repository, ``$JIAOKAN_BENCH_CACHE`` or the
user cache dir's ``jiaokan-bench/sighan``, from public sources reachable from
a developer's machine:

* the 2015 training and test sets from pycorrector's repository
  (``examples/data/sighan_2015/train.tsv``, ``test.tsv``: 1,100 sentences)
  or, failing a snapshot, the 707 sentences of the test set inside
  pycorrector's wheel on PyPI, downloaded with pip
  (``pycorrector/data/sighan2015_test.tsv``); the 2013 and 2014 test
  sets from wdimmy/Automatic-Corpus-Generation
  (``model/data/sighan/test13.sgml``, ``test14.sgml``) and the 2014 training
  set from the same place (``train14.sgml``), read from git
  snapshots of those repositories in ``$JIAOKAN_MIRRORS`` (default
  ``/work/.mirror``, where a session's ``fetch`` puts them, one folder
  ``owner+name/repo`` each).

A set none of these can give is skipped with a note.  Both sources hold the
sets already converted to Simplified characters with OpenCC; every sentence
is passed through OpenCC's t2s once more, both sides alike, as pycorrector
does, so a Traditional original would compare the same way.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

PYCORRECTOR = "pycorrector==1.1.4"
_GITHUB = {
    "sighan13_test": ("wdimmy+Automatic-Corpus-Generation", "model/data/sighan/test13.sgml"),
    "sighan14_test": ("wdimmy+Automatic-Corpus-Generation", "model/data/sighan/test14.sgml"),
    "sighan14_train": ("wdimmy+Automatic-Corpus-Generation", "model/data/sighan/train14.sgml"),
    "sighan15_train": ("shibing624+pycorrector", "examples/data/sighan_2015/train.tsv"),
    "sighan15_test": ("shibing624+pycorrector", "examples/data/sighan_2015/test.tsv"),
}
SETS = ("sighan13_test", "sighan14_test", "sighan14_train", "sighan15_train", "sighan15_test")


@dataclass(frozen=True)
class Pair:
    """A sentence as written and as corrected: equal lengths, character for character."""

    text: str
    truth: str


def cache_dir() -> Path:
    root = os.environ.get("JIAOKAN_BENCH_CACHE") or platformdirs.user_cache_dir(
        "jiaokan-bench", appauthor=False
    )
    return Path(root) / "sighan"


def _from_wheel(dest: Path) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        run = subprocess.run(
            [*pip, "-d", tmp, PYCORRECTOR],
            capture_output=True,
            check=False,
        )
        wheels = list(Path(tmp).glob("*.whl"))
        if run.returncode or not wheels:
            return False
        with zipfile.ZipFile(wheels[0]) as z:
            dest.write_bytes(z.read("pycorrector/data/sighan2015_test.tsv"))
    return True


def _from_mirror(repo: str, path: str, dest: Path) -> bool:
    git_dir = Path(os.environ.get("JIAOKAN_MIRRORS", "/work/.mirror")) / repo / "repo"
    if not git_dir.is_dir():
        return False
    run = subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"HEAD:{path}"],
        capture_output=True,
        check=False,
    )
    if run.returncode:
        return False
    dest.write_bytes(run.stdout)
    return True


def raw_file(name: str) -> Path | None:
    """The set's file in the cache, fetched first if it is not there (None: unavailable)."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ".sgml" if _GITHUB[name][1].endswith(".sgml") else ".tsv"
    dest = folder / f"{name}{suffix}"
    if dest.is_file() and dest.stat().st_size:
        return dest
    ok = _from_mirror(*_GITHUB[name], dest)
    if not ok and name == "sighan15_test":
        ok = _from_wheel(dest)
    return dest if ok else None


_SENTENCE = re.compile(r"<SENTENCE>(.*?)</SENTENCE>", re.DOTALL)
_TEXT = re.compile(r"<TEXT>\s*(.*?)\s*</TEXT>", re.DOTALL)
_MISTAKE = re.compile(
    r"<LOCATION>\s*(\d+)\s*</LOCATION>\s*<WRONG>\s*(.*?)\s*</WRONG>\s*"
    r"<CORRECTION>\s*(.*?)\s*</CORRECTION>",
    re.DOTALL,
)


def _sgml(raw: str) -> list[tuple[str, str]]:
    out = []
    for block in _SENTENCE.findall(raw):
        m = _TEXT.search(block)
        if not m:
            continue
        text = m.group(1)
        chars = list(text)
        for loc, wrong, right in _MISTAKE.findall(block):
            k = int(loc) - 1
            if len(wrong) == len(right) == 1 and 0 <= k < len(chars) and chars[k] == wrong:
                chars[k] = right
        out.append((text, "".join(chars)))
    return out


def _tsv(raw: str) -> list[tuple[str, str]]:
    out = []
    for line in raw.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            out.append((parts[0].strip(), parts[1].strip()))
    return out


def load(name: str) -> list[Pair] | None:
    """The set's sentence pairs (None when it cannot be had here)."""
    path = raw_file(name)
    if path is None:
        return None
    raw = path.read_text(encoding="utf-8", errors="replace")
    rows = _sgml(raw) if path.suffix == ".sgml" else _tsv(raw)
    import opencc

    t2s = opencc.OpenCC("t2s")
    out = []
    for text, truth in rows:
        a, b = t2s.convert(text), t2s.convert(truth)
        if len(a) == len(b) and a:
            out.append(Pair(a, b))
    return out
