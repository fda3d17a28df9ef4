"""The project subcommands: ``loci``, ``decide``, ``undo``, ``redo``, ``history``,
``rules``, ``export``.

Every one that changes the project goes through a :class:`Session`, the very
object the window drives, so a decision, an undo or a change of rules from a
shell is the same operation as in the window: one transaction, one step of
the project's lasting history, which the window's Undo then takes back too
(and the other way round).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from app.classes.checks import CHECK_WITNESS
from app.classes.errorrate import RULES
from app.cli.output import add_places, dump_json, text_json
from app.export.data import ExportError
from app.export.outputs import Options, Output, write_outputs
from app.export.quality import project_error_rate
from app.export.word import DEFAULT_AUTHOR
from app.project.places import stored_pages
from app.project.project import Project
from app.session.session import Session, history_of
from app.store.decisions import Choice, ReadOnlyError
from app.store.records import StoredText
from app.text.normalize import parse_rules
from app.text.pages import PageMap


class ProjectCommandError(Exception):
    """A user error in a project command (one line, exit status 2)."""


def text_argument(value: str) -> str:
    """An argument that becomes text in a project or a document must be text: bytes the
    system's encoding cannot decode (Python keeps them as lone surrogates, which no
    database or document can hold) are refused, with the bytes shown."""
    if any("\udc80" <= c <= "\udcff" for c in value):
        raw = value.encode(sys.getfilesystemencoding(), "surrogateescape")
        shown = raw.decode(sys.getfilesystemencoding(), "backslashreplace")
        encoding = sys.getfilesystemencoding()
        raise argparse.ArgumentTypeError(f"'{shown}' holds bytes that are not {encoding} text")
    return value


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
    how.add_argument(
        "--reading", metavar="TEXT", type=text_argument, help="use this reading (an own correction)"
    )
    how.add_argument("--undecide", action="store_true", help="set back to undecided")
    decide.add_argument("--note", type=text_argument, help="also set this note on each locus")

    for name, what in (("undo", "take back"), ("redo", "redo")):
        step = sub.add_parser(
            name,
            help=f"{what} the latest step of a project's history",
            description=f"{what.capitalize()} the latest step of PROJECT's history: the same "
            "history as the window's Undo and Redo, kept in the project file.",
        )
        step.add_argument("project", metavar="PROJECT")

    history = sub.add_parser(
        "history",
        help="list the steps of a project's history",
        description="List PROJECT's history, one step a line, newest last: the steps that can "
        "be undone, then the ones undone that can be redone (marked).",
    )
    history.add_argument("project", metavar="PROJECT")
    history.add_argument("--json", action="store_true", help="print one JSON document")

    rules = sub.add_parser(
        "rules",
        help="collate a project again under other rules, keeping every decision",
        description="Collate PROJECT again under RULES (as the window's Ignore toggles do): "
        "every decision is kept on its place; one whose place is gone under these rules "
        "waits in the file and comes back when the place does.",
    )
    rules.add_argument("project", metavar="PROJECT")
    rules.add_argument(
        "rules", metavar="RULES", help="comma-separated rules, or 'none' (see collate --rules)"
    )

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
        type=text_argument,
        help="the author of the revisions and comments in --docx, of the marks in --pdf "
        f"(default {DEFAULT_AUTHOR})",
    )


def add_quality_parser(sub: Any) -> None:
    quality = sub.add_parser(
        "quality",
        help="the error rate (差错率) of a project's source by its accepted corrections",
        description="Count the decided corrections of PROJECT by the weights of "
        "《图书质量管理规定》 (docs/error-rate.md): errors per 10,000 characters and the verdict.",
    )
    quality.add_argument("project", metavar="PROJECT")
    quality.add_argument("--json", action="store_true", help="print one JSON document")


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.command == "quality":
        with Project.open(args.project, read_only=True) as project:
            return _quality(project, args, out)
    if args.command == "loci":
        with Project.open(args.project, read_only=True) as project:
            return _loci(project, args, out)
    if args.command == "export":
        with Project.open(args.project, read_only=True) as project:
            return _export(project, args, out)
    if args.command == "history":
        with Project.open(args.project, read_only=True) as project:
            return _history(project, args, out)
    session = Session(projects_dir=None)
    session.open_project(args.project)
    try:
        opened = session.project
        if opened is not None and opened.read_only:
            raise ProjectCommandError(
                f"{opened.path.name} is read-only: {opened.file.read_only_reason}"
            )
        command = {"decide": _decide, "undo": _undo, "redo": _undo, "rules": _rules}
        return command[args.command](session, args, out)
    except ReadOnlyError as exc:
        raise ProjectCommandError(str(exc)) from None
    finally:
        session.close()


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
        linked = project.linked([stored.id])[1:]
        if linked:
            entry["linked_ids"] = linked
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
        shown = "" if chosen is None else f" -> {_quoted(chosen)}"
        inside = f"  (in #{entry['parent_id']})" if "parent_id" in entry else ""
        readings = "; ".join(f"{w}: {_quoted(r)}" for w, r in entry["readings"].items())
        if "linked_ids" in entry:
            inside += "  (with " + ", ".join(f"#{i}" for i in entry["linked_ids"]) + ")"
        out.write(
            f"{entry['id']:>5}  {entry['start']}-{entry['end']}  {entry['kind']:<13} "
            f"{_quoted(entry['source_text'])}  {readings}  {entry['status']}{shown}{inside}\n"
        )
    counts = doc["counts"]
    out.write(", ".join(f"{n} {status}" for status, n in counts.items()) + "\n")
    return 0


def _quoted(text: str) -> str:
    """A reading in a listing: quoted with escapes, or ∅ where there is none."""
    return repr(text) if text else "∅"


def _decide(session: Session, args: argparse.Namespace, out: TextIO) -> int:
    ids = list(dict.fromkeys(args.ids))
    if args.accept is not None and args.accept not in (*session.witness_ids, CHECK_WITNESS):
        known = ", ".join(session.witness_ids)
        raise ProjectCommandError(f"no witness {args.accept!r} in the project (it has {known})")
    choice = (
        Choice.accept(args.accept) if args.accept is not None
        else Choice.reject() if args.reject
        else Choice.edit(args.reading) if args.reading is not None
        else Choice.undecide()
    )  # fmt: skip
    # every id checked, and every conflict found, before anything is written; a move's
    # other end and a pair's other half are decided with it, as in the window
    decisions = session.deciding(ids, choice, args.note)
    for lid, others in session.conflicts(decisions).items():
        named = ", ".join(f"#{o}" for o in others)
        raise ProjectCommandError(
            f"#{lid} overlaps {named}, whose reading also changes the text: "
            f"undecide {named} first, or decide #{lid} otherwise"
        )
    session.decide(ids, choice, note=args.note)  # one command, one transaction, one step
    counts = session.counts()
    out.write(f"{len(decisions)} decided; {counts['undecided']} of {len(session.loci)} undecided\n")
    return 0


def _undo(session: Session, args: argparse.Namespace, out: TextIO) -> int:
    redo = args.command == "redo"
    if not (session.can_redo() if redo else session.can_undo()):
        raise ProjectCommandError(f"nothing to {args.command} in {Path(args.project).name}")
    entries = session.history()
    entry = next(e for e in entries if not e.done) if redo else [e for e in entries if e.done][-1]
    if redo:
        session.redo()
    else:
        session.undo()
    out.write(f"{'redid' if redo else 'undid'}: {entry.operation.label}\n")
    return 0


def _history(project: Project, args: argparse.Namespace, out: TextIO) -> int:
    entries = history_of(project)
    if args.json:
        dump_json(
            [
                {
                    "label": e.operation.label,
                    "at": e.operation.at,
                    "done": e.done,
                    "loci": [c.locus_id for c in e.operation.changes],
                }
                for e in entries
            ],
            out,
        )
        return 0
    for n, e in enumerate(entries, 1):
        when = e.operation.at.replace("T", " ").replace("+00:00", " UTC")
        out.write(f"{n:>4}  {when}  {e.operation.label}{'' if e.done else '  (undone)'}\n")
    if not entries:
        out.write("no steps to undo or redo\n")
    return 0


def _rules(session: Session, args: argparse.Namespace, out: TextIO) -> int:
    session.set_rules(parse_rules(args.rules))
    result = session.collate_now()
    if result is not None and result.error is not None:
        raise ProjectCommandError(str(result.error))
    counts = session.counts()
    decided = len(session.loci) - counts["undecided"]
    rules = ", ".join(session.workspace.rules) or "none"
    out.write(f"collated under {rules}: {len(session.loci)} loci, {decided} decided\n")
    for unplaced in [] if result is None else result.unplaced:
        where = unplaced.locus
        out.write(
            f"waiting: #{where.id} {where.source_text!r} ({unplaced.decision.status}): "
            f"{unplaced.why}\n"
        )
    return 0


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
    asked = (
        (Output.TEXT, args.text),
        (Output.TRACKED if args.tracked else Output.WORD, args.docx),
        (Output.PDF, args.pdf),
        (Output.REPORT, args.report),
        (Output.CSV, args.csv),
    )
    targets = [(kind, Path(path)) for kind, path in asked if path]
    options = Options(args.utf8, DEFAULT_AUTHOR if args.author is None else args.author)
    try:
        write_outputs(data, targets, options)
    except ExportError as exc:
        raise ProjectCommandError(str(exc)) from None
    except OSError as exc:
        raise ProjectCommandError(f"cannot write: {exc.strerror or exc}") from None
    out.write("wrote " + ", ".join(path for _, path in asked if path) + "\n")
    return 0


def _quality(project: Project, args: argparse.Namespace, out: TextIO) -> int:
    rate = project_error_rate(project.export_input(document=False))
    if args.json:
        dump_json(rate.to_json(), out)
        return 0
    out.write(
        f"{rate.characters} characters (without whitespace), {rate.errors:g} errors: "
        f"{rate.per_10k:.2f} per 10,000, {rate.verdict}\n"
    )
    for item in rate.items:
        c = item.correction
        out.write(
            f"#{c.id}  {c.source_text!r} -> {c.reading!r}  {c.cls}  {item.weight:g}"
            f"  ({RULES[item.rule].clause})\n"
        )
    return 0
