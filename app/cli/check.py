"""``jiaokan check FILE``: one text checked as an editor checks it, with no second copy.

The findings are those of the source checks and of the spelling check, with
the editor's lists: the shipped 易错词, the user's own lists folder
(:func:`app.classes.wordlists.user_folder`), any ``--lists`` folder (a
project's own) and ``--allow`` words.  The JSON has the shape of
``collate --json`` with the witness ``check`` alone: each divergence's
``readings.check`` is the proposed fix, ``message`` says why.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from app.classes.checks import CHECK_WITNESS
from app.classes.spelling import SETTINGS, check_one_text
from app.classes.wordlists import (
    ListFileError,
    WordLists,
    default_lists,
    lists_for,
    load_folder,
    parse,
    save_folder,
    user_folder,
)
from app.cli.output import (
    add_places,
    cell,
    display,
    dump_json,
    plural,
    position,
    text_json,
    width,
)
from app.collation.findings import add_findings
from app.collation.loci import Collation
from app.text.loading import LoadedText, load_text


class CheckError(Exception):
    """A user error in ``jiaokan check`` (one line, exit status 2)."""


def add_parser(sub: Any) -> None:
    check = sub.add_parser(
        "check",
        help="check one text on its own: wrong characters, 易错词, punctuation, script, spacing",
        description="Check FILE (a text or a Word document) on its own and list the findings, "
        "each with its proposed fix and the reason.",
    )
    check.add_argument("file", metavar="FILE")
    check.add_argument("--encoding", help="force this encoding (default: detect)")
    check.add_argument("--json", action="store_true", help="print one JSON document")
    check.add_argument(
        "--more",
        action="store_true",
        help="more suggestions: also flag wrong characters the quiet default is not sure of",
    )
    check.add_argument(
        "--allow",
        metavar="WORD",
        action="append",
        default=[],
        help="never flag this word (a name, a term); may be given again",
    )
    check.add_argument(
        "--allow-file",
        metavar="FILE",
        action="append",
        default=[],
        help="never flag the words of this file (one a line)",
    )
    check.add_argument(
        "--lists",
        metavar="DIR",
        action="append",
        default=[],
        help="also use the lists in this folder (allow.txt, mistakes.csv, confusions.csv, "
        "banned.csv), after the user's own",
    )
    check.add_argument(
        "--no-user-lists",
        action="store_true",
        help="leave out the user's own lists folder and the shipped 易错词",
    )


def add_lists_parser(sub: Any) -> None:
    lists = sub.add_parser(
        "lists",
        help="show, import or export the editor's own lists (whitelist, 易错词, pairs, banned)",
        description="Without options, say where the user's lists are and what they hold. "
        "--import merges the lists of a folder into them, --export writes them to a folder. "
        "With --project, the same for a project's own lists, kept in its file.",
    )
    lists.add_argument(
        "--project",
        metavar="P.jkproj",
        help="a project's own lists (a book's names and terms), not the user's",
    )
    how = lists.add_mutually_exclusive_group()
    how.add_argument("--import", dest="import_from", metavar="DIR", help="merge DIR's lists in")
    how.add_argument("--export", dest="export_to", metavar="DIR", help="write the lists to DIR")


def run_lists(args: argparse.Namespace, out: TextIO) -> int:
    if args.project:
        return _project_lists(args, out)
    folder = user_folder()
    try:
        mine = load_folder(folder)
        if args.import_from:
            if not Path(args.import_from).is_dir():
                raise CheckError(f"--import {args.import_from}: no such folder")
            mine = mine.merged(load_folder(Path(args.import_from)))
            save_folder(folder, mine)
        elif args.export_to:
            save_folder(Path(args.export_to), mine)
            folder = Path(args.export_to)
    except ListFileError as exc:
        raise CheckError(str(exc)) from None
    except OSError as exc:
        raise CheckError(f"cannot write {exc.filename or folder}: {exc.strerror or exc}") from None
    _write_counts(str(folder), mine, out)
    return 0


def _project_lists(args: argparse.Namespace, out: TextIO) -> int:
    """``lists --project P``: the project's own lists, read, merged into or written out."""
    from app.project.project import Project

    if args.import_from and not Path(args.import_from).is_dir():
        raise CheckError(f"--import {args.import_from}: no such folder")
    where = args.project
    try:
        incoming = load_folder(Path(args.import_from)) if args.import_from else None
        with Project.open(args.project, read_only=incoming is None) as project:
            mine = project.word_lists()
            if incoming is not None:
                mine = mine.merged(incoming)
                project.set_word_lists(mine)
        if args.export_to:
            save_folder(Path(args.export_to), mine)
            where = args.export_to
    except ListFileError as exc:
        raise CheckError(str(exc)) from None
    except OSError as exc:
        raise CheckError(f"cannot write {exc.filename or where}: {exc.strerror or exc}") from None
    _write_counts(where, mine, out)
    return 0


def _write_counts(where: str, lists: WordLists, out: TextIO) -> None:
    shipped = len(default_lists().mistakes)
    out.write(
        f"{where}\n  allow.txt       {len(lists.allow)} words never flagged\n"
        f"  mistakes.csv    {len(lists.mistakes)} 易错词 (besides the {shipped} shipped)\n"
        f"  confusions.csv  {len(lists.confusions)} confusion pairs\n"
        f"  banned.csv      {len(lists.banned)} banned terms\n"
    )


def editor_lists(args: argparse.Namespace) -> WordLists:
    """The lists a run consults: shipped, the user's, each --lists folder, --allow words."""
    for folder in args.lists:
        if not Path(folder).is_dir():
            raise CheckError(f"--lists {folder}: no such folder")
    folders = [Path(f) for f in args.lists]
    if not args.no_user_lists:
        folders.insert(0, user_folder())
    try:
        lists = lists_for(folders, defaults=not args.no_user_lists)
    except ListFileError as exc:
        raise CheckError(str(exc)) from None
    words = list(args.allow)
    for path in args.allow_file:
        try:
            words += parse("allow", Path(path).read_text(encoding="utf-8")).allow
        except (OSError, UnicodeDecodeError) as exc:
            why = getattr(exc, "strerror", None) or exc
            raise CheckError(f"--allow-file {path}: {why}") from None
    return lists.with_allowed(words)


def run(args: argparse.Namespace, out: TextIO) -> int:
    lists = editor_lists(args)
    loaded = load_text(args.file, args.encoding)
    setting = SETTINGS["more" if args.more else "quiet"]
    findings = check_one_text(loaded.text, setting, lists=lists)
    loci = tuple(add_findings(loaded.text, [], findings))
    result = Collation(loaded.text, (CHECK_WITNESS,), (), loci)
    if args.json:
        dump_json(to_json(result, loaded, setting.name), out)
    else:
        write_findings(result, loaded, setting.name, out)
    return 0


def to_json(result: Collation, loaded: LoadedText, setting: str) -> dict[str, Any]:
    """``collate --json``'s shape with the one witness ``check`` (docs/cli.md)."""
    divergences = [locus.to_json() for locus in result.loci]
    if loaded.pages is not None:  # a PDF or a scan: where each finding is on its page
        for entry, locus in zip(divergences, result.loci, strict=True):
            add_places(entry, locus, loaded.pages, {})
    return {
        "source": text_json(loaded),
        "witnesses": [{"id": CHECK_WITNESS, "divergences": len(result.loci)}],
        "rules": [],
        "setting": setting,
        "divergences": divergences,
    }


def write_findings(result: Collation, loaded: LoadedText, setting: str, out: TextIO) -> None:
    """One line per finding: where (line:column), the text, the fix, the class and why."""
    out.write(f"source  {loaded.path}  ({loaded.encoding}, {len(loaded.text)} chars)\n")
    out.write(f"setting {setting}\n\n")
    text = loaded.text
    pages = loaded.pages
    on_page = ["page:line"] if pages is not None else []  # of a PDF, as collate's table
    header = ["#", "line:col", *on_page, "class", "text", "fix", "why"]
    rows = []
    for n, locus in enumerate(result.loci, 1):
        line = text.count("\n", 0, locus.start) + 1
        column = locus.start - (text.rfind("\n", 0, locus.start) + 1) + 1
        rows.append(
            [
                str(n),
                f"{line}:{column}",
                *filter(None, [position(pages, locus.start)]),
                locus.cls,
                display(locus.source_text),
                display(locus.readings[CHECK_WITNESS]),
                locus.message,
            ]
        )
    widths = [max(width(row[k]) for row in [header, *rows]) for k in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [cell(c, w) for c, w in zip(row, widths, strict=False)] + [row[-1]]
        out.write("  ".join(cells).rstrip() + "\n")
    out.write(f"\n{plural(len(result.loci), 'finding')}\n")
