"""The project subcommands: ``jiaokan loci``, ``jiaokan decide``, ``jiaokan export``.

They record decisions exactly as the window does (through the project's decision log,
one transaction per command) so that batch work and scripts can share a
project with a proofreader.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from app.classes.checks import CHECK_WITNESS
from app.cli.output import add_places, dump_json, text_json
from app.project.decisions import Decision, ReadOnlyError
from app.project.export import ExportError, write_csv, write_report, write_text
from app.project.file import StoredText
from app.project.paths import check_distinct, check_output
from app.project.pdf_export import write_pdf
from app.project.places import stored_pages
from app.project.project import Project
from app.project.word_export import DEFAULT_AUTHOR, write_docx
from app.text.pages import PageMap


class ProjectCommandError(Exception):
    """A user error in a project command (one line, exit status 2)."""


def add_parsers(sub: Any) -> None:
    loci = sub.add_parser(
        "loci",
        help="list the loci of a project with their ids and decisions",
        description="List the loci of PROJECT: as in collate --json, plus id, status, chosen.",
    )
    loci.add_argument("project", metavar="PROJECT")
    loci.add_argument("--json", action="store_true", help="print one JSON document")

    decide = sub.add_parser(
        "decide",
        help="record a decision on loci of a project",
        description="Record one decision on each locus ID of PROJECT, as the window does.",
    )
    decide.add_argument("project", metavar="PROJECT")
    decide.add_argument("ids", metavar="ID", nargs="+", type=int)
    how = decide.add_mutually_exclusive_group(required=True)
    how.add_argument("--accept", metavar="WITNESS", help="take this witness's reading")
    how.add_argument("--reject", action="store_true", help="keep the source's reading")
    how.add_argument("--reading", metavar="TEXT", help="use this reading (an own correction)")
    how.add_argument("--undecide", action="store_true", help="set back to undecided")
    decide.add_argument("--note", help="also set this note on each locus")

    export = sub.add_parser(
        "export",
        help="write the corrected text, a Word document, an HTML report or a CSV of a project",
        description="Export PROJECT: the corrected text (in the source's encoding and line "
        "endings unless --utf8), the source as a Word document with every decision applied "
        "(or as tracked changes), a self-contained HTML collation report, a CSV.",
    )
    export.add_argument("project", metavar="PROJECT")
    export.add_argument("--text", metavar="OUT", help="write the corrected text here")
    export.add_argument("--report", metavar="OUT.html", help="write the HTML report here")
    export.add_argument("--csv", metavar="OUT.csv", help="write the apparatus as CSV here")
    export.add_argument("--utf8", action="store_true", help="write the text as UTF-8")
    export.add_argument(
        "--docx",
        metavar="OUT.docx",
        help="write the source as a Word document with every decision applied",
    )
    export.add_argument(
        "--tracked",
        action="store_true",
        help="write the --docx changes as tracked changes (revisions) to accept or reject",
    )
    export.add_argument(
        "--pdf",
        metavar="OUT.pdf",
        help="write the source PDF proof with a proof mark for every accepted or edited "
        "divergence (a PDF source only)",
    )
    export.add_argument(
        "--author",
        metavar="NAME",
        help="the author of the revisions and comments in --docx, of the marks in --pdf "
        f"(default {DEFAULT_AUTHOR})",
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.command == "loci":
        with Project.open(args.project, read_only=True) as project:
            return _loci(project, args, out)
    if args.command == "decide":
        with Project.open(args.project) as project:
            return _decide(project, args, out)
    with Project.open(args.project, read_only=True) as project:
        return _export(project, args, out)


def loci_json(project: Project) -> dict[str, Any]:
    """``jiaokan loci --json``: the collate document, each locus with id, status, chosen."""
    collation = project.collation()
    source_pages = _pages(project, project.source)
    witness_pages = {w.witness_id or "": _pages(project, w) for w in project.witnesses}
    divergences = []
    for stored, locus in zip(project.loci, collation.loci, strict=True):
        decision = project.log.get(stored.id)
        entry = {"id": stored.id, **locus.to_json()}
        add_places(entry, locus, source_pages, witness_pages)
        if locus.parent is not None:
            entry["parent_id"] = project.loci[locus.parent].id
        entry["status"] = decision.status
        entry["chosen"] = decision.reading
        if decision.witness:
            entry["chosen_witness"] = decision.witness
        if decision.note:
            entry["note"] = decision.note
        if decision.decided_at:
            entry["decided_at"] = decision.decided_at
        divergences.append(entry)
    return {
        "project": str(project.path),
        "source": text_json(project.source),
        "witnesses": [
            {"id": w.witness_id, **text_json(w), "divergences": collation.count(w.witness_id or "")}
            for w in project.witnesses
        ],
        "rules": list(project.rules),
        "counts": project.counts(),
        "divergences": divergences,
    }


def _pages(project: Project, text: StoredText) -> PageMap | None:
    """A PDF's or a scan's page map, from the project's copy of the PDF or of what OCR read
    (None for any other text, or one that no longer reads as the stored text)."""
    return stored_pages(project.file, text)


def _loci(project: Project, args: argparse.Namespace, out: TextIO) -> int:
    doc = loci_json(project)
    if args.json:
        dump_json(doc, out)
        return 0
    for entry in doc["divergences"]:
        chosen = entry["chosen"]
        shown = "" if chosen is None else f" -> {chosen!r}"
        inside = f"  (in #{entry['parent_id']})" if "parent_id" in entry else ""
        out.write(
            f"{entry['id']:>5}  {entry['start']}-{entry['end']}  {entry['kind']:<13} "
            f"{entry['source_text']!r}  {entry['status']}{shown}{inside}\n"
        )
    counts = doc["counts"]
    out.write(", ".join(f"{n} {status}" for status, n in counts.items()) + "\n")
    return 0


def _decide(project: Project, args: argparse.Namespace, out: TextIO) -> int:
    if project.read_only:
        raise ProjectCommandError(
            f"{project.path.name} is read-only: {project.file.read_only_reason}"
        )
    ids = list(dict.fromkeys(args.ids))
    for lid in ids:
        project.locus(lid)  # every id must exist before anything is written
    if args.accept is not None and args.accept not in (*project.witness_ids, CHECK_WITNESS):
        known = ", ".join(project.witness_ids)
        raise ProjectCommandError(f"no witness {args.accept!r} in the project (it has {known})")
    decisions = {lid: _decision(project, lid, args) for lid in ids}
    _refuse_conflicts(project, decisions)
    try:
        project.log.apply(_label(ids, args), decisions)  # one command, one transaction
    except ReadOnlyError as exc:
        raise ProjectCommandError(str(exc)) from None
    counts = project.counts()
    out.write(f"{len(ids)} decided; {counts['undecided']} of {len(project.loci)} undecided\n")
    return 0


def _decision(project: Project, lid: int, args: argparse.Namespace) -> Decision:
    """What the window's action would decide at ``lid``, with the note given (or kept)."""
    locus = project.locus(lid)
    note = project.log.get(lid).note if args.note is None else args.note
    if args.accept is not None:
        reading = locus.readings.get(args.accept, locus.source_text)
        return Decision("accepted", args.accept, reading, note)
    if args.reject:
        return Decision("rejected", None, locus.source_text, note)
    if args.reading is not None:
        return Decision("edited", None, args.reading, note)
    return Decision(note=note)


def _label(ids: list[int], args: argparse.Namespace) -> str:
    """As the window labels the step in its Undo menu."""
    verb = (
        "Accept" if args.accept is not None else "Reject" if args.reject
        else "Edit" if args.reading is not None else "Undecide"
    )  # fmt: skip
    what = f"#{ids[0]}" if len(ids) == 1 else f"{len(ids)} loci"
    label = f"{verb} {what}" + (f" ({args.accept})" if args.accept is not None else "")
    return label + (" with a note" if args.note is not None else "")


def _refuse_conflicts(project: Project, decisions: dict[int, Decision]) -> None:
    """Stop before writing when a new reading would overlap another that changes the text."""
    for lid, decision in decisions.items():
        others = project.conflicts(lid, decision, decisions)
        if others:
            named = ", ".join(f"#{o}" for o in others)
            raise ProjectCommandError(
                f"#{lid} overlaps {named}, whose reading also changes the text: "
                f"undecide {named} first, or decide #{lid} otherwise"
            )


def _export(project: Project, args: argparse.Namespace, out: TextIO) -> int:
    if not (args.text or args.report or args.csv or args.docx or args.pdf):
        raise ProjectCommandError(
            "say what to export: --text OUT, --docx OUT.docx, --pdf OUT.pdf, --report OUT.html, "
            "--csv OUT.csv"
        )
    if args.tracked and not args.docx:
        raise ProjectCommandError("--tracked goes with --docx OUT.docx")
    if args.author is not None and not (args.docx or args.pdf):
        raise ProjectCommandError("--author goes with --docx OUT.docx or --pdf OUT.pdf")
    data = project.export_input()
    targets = [p for p in (args.text, args.docx, args.pdf, args.report, args.csv) if p]
    check_distinct(targets)
    for target in targets:  # every output checked before the first is written
        check_output(target, data.owned())
    try:
        if args.text:
            write_text(data, Path(args.text), utf8=args.utf8)
        if args.docx:
            author = DEFAULT_AUTHOR if args.author is None else args.author
            write_docx(data, Path(args.docx), tracked=args.tracked, author=author)
        if args.pdf:
            author = DEFAULT_AUTHOR if args.author is None else args.author
            write_pdf(data, Path(args.pdf), author=author)
        if args.report:
            write_report(data, Path(args.report))
        if args.csv:
            write_csv(data, Path(args.csv))
    except ExportError as exc:
        raise ProjectCommandError(str(exc)) from None
    except OSError as exc:
        raise ProjectCommandError(f"cannot write: {exc.strerror or exc}") from None
    out.write("wrote " + ", ".join(targets) + "\n")
    return 0
