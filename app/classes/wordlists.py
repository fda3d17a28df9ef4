"""The editor's own lists: words never flagged, 易错词, confusion pairs, banned terms.

Four plain UTF-8 files, each readable and writable in any text editor or
spreadsheet, that live in a folder: the user's settings folder
(:func:`user_folder`, under platformdirs' config dir) and any project's own
folder given on the command line.  Lines starting with ``#`` are comments; a
first line naming the columns is skipped.

``allow.txt``
    One word a line: a name or term never flagged (whitelist).
``mistakes.csv``
    ``wrong,right``: a commonly mistyped word and its standard form (易错词).
    The project ships a default list (``resources/spelling/mistakes.csv``).
``confusions.csv``
    ``a,b``: the user's own confusion pairs.  Two single characters are
    confusable both ways (己,已) and join the spelling check's sound and
    shape sets; longer ones are read as ``wrong,right`` like a mistake.
``banned.csv``
    ``term,replacement,reason``: a banned or sensitive term, what to write
    instead (may be empty) and why.

Lists from several folders merge; the later folder's entry wins a conflict.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import platformdirs

from app.messages import finding_fields

__all__ = [
    "KINDS",
    "Banned",
    "ListFileError",
    "WordLists",
    "default_lists",
    "load_folder",
    "user_folder",
]

FILES = {
    "allow": "allow.txt",
    "mistakes": "mistakes.csv",
    "confusions": "confusions.csv",
    "banned": "banned.csv",
}
KINDS = tuple(FILES)
_HEADERS = {
    "mistakes": ("wrong", "right"),
    "confusions": ("a", "b"),
    "banned": ("term", "replacement", "reason"),
}


class ListFileError(Exception):
    """A list file that is there but cannot be read as UTF-8 text (one line for the user)."""


@dataclass(frozen=True)
class Banned:
    replacement: str
    reason: str


@dataclass(frozen=True)
class WordLists:
    """What a check consults besides its dictionary."""

    allow: frozenset[str] = frozenset()
    mistakes: dict[str, str] = field(default_factory=dict)
    confusions: frozenset[tuple[str, str]] = frozenset()
    banned: dict[str, Banned] = field(default_factory=dict)

    def merged(self, other: WordLists) -> WordLists:
        """These lists with ``other``'s entries added; ``other`` wins a conflict."""
        return WordLists(
            allow=self.allow | other.allow,
            mistakes={**self.mistakes, **other.mistakes},
            confusions=self.confusions | other.confusions,
            banned={**self.banned, **other.banned},
        )

    def with_allowed(self, words: Iterable[str]) -> WordLists:
        return self.merged(WordLists(allow=frozenset(w for w in words if w)))

    def replacements(self) -> dict[str, str]:
        """Every phrase to replace: mistakes, then the user's multi-character pairs."""
        out = dict(self.mistakes)
        out.update((a, b) for a, b in self.confusions if len(a) > 1 or len(b) > 1)
        return out

    def character_pairs(self) -> dict[str, str]:
        """The user's single-character confusions, both ways: character → confusables."""
        out: dict[str, str] = {}
        for a, b in self.confusions:
            if len(a) == len(b) == 1:
                out[a] = out.get(a, "") + b
                out[b] = out.get(b, "") + a
        return out


def term_to_allow(source: str, start: int, end: int, message: str) -> str:
    """What "never flag this word" puts on the whitelist for a finding at
    ``source[start:end]`` that says ``message``: the term as written around it.

    A finding covers only the characters to change (按[步→部]就班), but the
    proofreader keeps a term, not a character: whitelisting 步 would silence
    every 步 of the text.  So the term is the 易错词 or banned term the message
    names, or the word the spelling check had in mind with the character as
    written (环竟 for “竟” is probably “境” (as in 环境)), provided it stands over
    the finding in the text; else the finding's own text.
    """
    terms: list[str] = []
    found = finding_fields(message) if message else None
    if found is not None:
        id, fields = found
        if id == "check.mistake":
            terms = [fields["wrong"]]
        elif id in ("check.banned", "check.banned-no-reason"):
            terms = [fields["term"]]
        elif id == "check.spelling":
            word, right, wrong = fields["word"], fields["right"], fields["wrong"]
            at = [k for k in range(len(word)) if word.startswith(right, k)]
            terms = [word[:k] + wrong + word[k + len(right) :] for k in at]
    for term in terms:
        # found in this range, it starts at or before the finding and ends at or after it
        if source.find(term, max(0, end - len(term)), start + len(term)) >= 0:
            return term
    return source[start:end].strip()


def user_folder() -> Path:
    """Where the user's own lists are kept: ``<config dir>/jiaokan/lists``."""
    return Path(platformdirs.user_config_dir("jiaokan", appauthor=False)) / "lists"


def _rows(text: str, width: int) -> list[list[str]]:
    rows = []
    for row in csv.reader(io.StringIO(text)):
        cells = [c.strip() for c in row]
        if not cells or not cells[0] or cells[0].startswith("#"):
            continue
        rows.append((cells + [""] * width)[:width])
    return rows


def parse(kind: str, text: str) -> WordLists:
    """One list's file text as :class:`WordLists` (the other lists empty)."""
    text = text.lstrip("\ufeff")  # a spreadsheet's UTF-8 byte-order mark
    if kind == "allow":
        words = (line.strip() for line in text.splitlines())
        return WordLists(allow=frozenset(w for w in words if w and not w.startswith("#")))
    header = _HEADERS[kind]
    rows = [r for r in _rows(text, len(header)) if tuple(r) != header]
    if kind == "mistakes":
        return WordLists(mistakes={w: r for w, r in rows if w and r and w != r})
    if kind == "confusions":
        return WordLists(confusions=frozenset((a, b) for a, b in rows if a and b and a != b))
    return WordLists(banned={t: Banned(rep, why) for t, rep, why in rows if t})


def render(kind: str, lists: WordLists) -> str:
    """One list as its file's text (what :func:`parse` reads back)."""
    if kind == "allow":
        return "".join(f"{w}\n" for w in sorted(lists.allow))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_HEADERS[kind])
    if kind == "mistakes":
        writer.writerows(sorted(lists.mistakes.items()))
    elif kind == "confusions":
        writer.writerows(sorted(lists.confusions))
    else:
        writer.writerows((t, b.replacement, b.reason) for t, b in sorted(lists.banned.items()))
    return out.getvalue()


def as_texts(lists: WordLists) -> dict[str, str]:
    """Each list as its file's text, by kind (what a project keeps of its own lists)."""
    return {kind: render(kind, lists) for kind in KINDS}


def from_texts(texts: Mapping[str, str]) -> WordLists:
    """:func:`as_texts` read back; a kind this version does not know is left out."""
    lists = WordLists()
    for kind in KINDS:
        if kind in texts:
            lists = lists.merged(parse(kind, texts[kind]))
    return lists


def load_folder(folder: Path) -> WordLists:
    """Every list file in ``folder`` (a missing folder or file is an empty list).

    A file that cannot be read raises :class:`ListFileError`, never half a list:
    a whitelist silently dropped would bring back every name it held.
    """
    texts: dict[str, str] = {}
    for kind, name in FILES.items():
        path = folder / name
        try:
            texts[kind] = path.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            continue
        except UnicodeDecodeError:
            raise ListFileError(f"{path} is not UTF-8 text; save it as UTF-8") from None
        except OSError as exc:
            raise ListFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    return from_texts(texts)


def save_folder(folder: Path, lists: WordLists, kinds: Sequence[str] = KINDS) -> None:
    """Write ``lists`` into ``folder`` (created), one file per kind."""
    folder.mkdir(parents=True, exist_ok=True)
    for kind in kinds:
        (folder / FILES[kind]).write_text(render(kind, lists), encoding="utf-8")


def default_lists() -> WordLists:
    """The 易错词 the project ships (resources/spelling/mistakes.csv)."""
    path = resources.files("jiaokan_resources").joinpath("spelling", "mistakes.csv")
    return parse("mistakes", path.read_text(encoding="utf-8"))


def lists_for(folders: Iterable[Path], *, defaults: bool = True) -> WordLists:
    """The shipped defaults, then each folder's lists in turn."""
    lists = default_lists() if defaults else WordLists()
    for folder in folders:
        lists = lists.merged(load_folder(folder))
    return lists
