"""The headless ``jiaokan`` subcommands (``jiaokan collate``).

``jiaokan`` itself starts in ``ui.launch``, which hands these subcommands
here before anything imports Qt; ``python -m app`` reaches them directly.

Every failure a user can cause (a bad path, an undecodable file, an unknown
rule) ends as one line on stderr and exit status 2, never a traceback: the
command is meant for scripts as much as for people.  So does running out of
memory.  A stop signal (Ctrl+C, ``kill``, a closed terminal) is a cancel:
what the command had begun is undone, one line says so, and the command
ends by that signal (app/cli/signals.py).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import io
import mmap
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from app import __version__
from app.classes import CHECK_WITNESS, unique_id
from app.cli.output import add_places, dump_json, position, terminal_safe, text_json
from app.cli.output import cell as _cell
from app.cli.output import display as _display
from app.cli.output import plural as _plural
from app.cli.output import width as _width
from app.cli.signals import Stopped, end_by, stopped_by_signals
from app.collation.collate import collate
from app.collation.loci import Collation
from app.collation.processes import PROCESSES_ENV, asked_processes
from app.messages import message, quoted, readable_name
from app.store.paths import OutputError, check_output, text_files
from app.text.facts import PROJECT_SUFFIX
from app.text.loading import LoadedText, LoadError, load_text
from app.text.normalize import ALL_RULES, UnknownRuleError, parse_rules

if TYPE_CHECKING:
    from app.text.pages import PageMap

# Only what plain ``collate`` needs is imported here: the other commands' modules (the
# project, the exports, Word and PDF writing, the checks) are imported when their command
# runs, so that a collation does not pay for loading them (issue 24).

EXIT_USAGE = 2
COMMANDS = (
    "collate", "check", "lists", "loci", "decide", "undo", "redo", "history", "rules",
    "export", "quality",
)  # fmt: skip
"""Subcommands that run headless; any other arguments open the window."""


class CommandError(Exception):
    """A user error reported as one line and exit status 2."""


def witness_ids(paths: Sequence[str]) -> list[str]:
    """File stems, made unique by a numeric suffix where two files share a stem."""
    ids: list[str] = []
    for path in paths:
        ids.append(unique_id(Path(path).stem, ids))
    return ids


class _ArgumentError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """Raises instead of exiting, so a usage error is one line like every other."""

    def error(self, message: str) -> Any:
        raise _ArgumentError(message)


def _parser(command: str = "") -> argparse.ArgumentParser:
    """The command line's parser; for ``collate`` its subcommand alone (the others' modules
    are not imported for it), else every subcommand (``jiaokan --help`` lists them)."""
    parser = _Parser(
        prog="jiaokan",
        description="Collate a Chinese source text against its variants. "
        "Without a subcommand, jiaokan [SOURCE VARIANT...] opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"jiaokan {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    col = sub.add_parser(
        "collate",
        help="align variants to a source and list every divergence",
        description="Align each VARIANT to SOURCE and list the divergences (loci).",
    )
    col.add_argument("source", metavar="SOURCE")
    col.add_argument("variants", metavar="VARIANT", nargs="+")
    col.add_argument("--encoding", help="force this encoding for every file (default: detect)")
    col.add_argument(
        "--rules",
        default=",".join(ALL_RULES),
        help=f"differences to ignore: a comma list of {','.join(ALL_RULES)}, or none "
        "(default: all)",
    )
    col.add_argument("--json", action="store_true", help="print one JSON document")
    col.add_argument(
        "--checks",
        action="store_true",
        help="also check the source on its own (doubled characters, paired marks, ...): "
        "each finding is a locus of the witness 'check'",
    )
    col.add_argument(
        "--show-ignored",
        action="store_true",
        help="also list the differences the rules ignore, with their class",
    )
    col.add_argument(
        "--project",
        metavar=f"OUT{PROJECT_SUFFIX}",
        help="also save the collation as a new project file",
    )
    col.add_argument(
        "--replace",
        action="store_true",
        help="let --project replace an existing file (never the source or a variant)",
    )
    if command != "collate":
        from app.cli import check as cli_check
        from app.cli import project as cli_project

        cli_check.add_parser(sub)
        cli_check.add_lists_parser(sub)
        cli_project.add_parsers(sub)
        cli_project.add_quality_parser(sub)
    return parser


OUT_OF_MEMORY = "out of memory: these texts need more memory than this process may use"

MEMORY_RESERVE = 16 << 20
"""Bytes of address space held back while a command runs and given back once memory runs
out, so that unwinding, the one line and Python's own exit have some (under a tight
``ulimit -v`` they failed in turn, each with its own message)."""


_OUT_OF_MEMORY_LINE = f"error: {OUT_OF_MEMORY}"
"""Made beforehand: as memory runs out, even an f-string can fail."""


def main(argv: Sequence[str] | None = None) -> int:
    reserve = _Reserve(MEMORY_RESERVE)
    with stopped_by_signals(), _out_of_memory_quietly(reserve):
        signum, line = 0, _OUT_OF_MEMORY_LINE
        try:
            return _main(argv)
        except Stopped as stop:  # everything begun is undone by now
            reserve.release()
            signum, line = stop.signum, f"cancelled ({stop.name})"
        except MemoryError:  # in Python or in C (rapidfuzz's std::bad_alloc): likewise
            reserve.release()  # first, before anything else asks for memory
        except SystemError as e:  # seen as memory ran out: CPython lost the MemoryError
            reserve.release()
            line = f"error: internal error of Python ({e}), as when memory runs out"
        finally:
            reserve.release()
        # out of the handler: the exception's frames, and the memory they hold, are freed;
        # the collector (off while collating) frees what they held in cycles
        gc.collect()
        _note(line)
        if not signum:
            return EXIT_USAGE
    return end_by(signum)


class _Reserve:
    """Address space mapped and never touched (so it costs no memory, only room under a
    limit), unmapped by :meth:`release`."""

    def __init__(self, size: int) -> None:
        self._map: mmap.mmap | None = None
        with contextlib.suppress(OSError, ValueError, MemoryError):
            self._map = mmap.mmap(-1, size)

    def release(self) -> None:
        held, self._map = self._map, None
        if held is not None:
            held.close()


@contextlib.contextmanager
def _out_of_memory_quietly(reserve: _Reserve) -> Iterator[None]:
    """A MemoryError that Python cannot raise (in a finalizer, as a generator is dropped)
    gives back the reserve and is not reported: the command's own line says it."""
    before = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        if isinstance(unraisable.exc_value, MemoryError):
            reserve.release()
        else:
            before(unraisable)

    sys.unraisablehook = hook
    try:
        yield
    finally:
        sys.unraisablehook = before


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    _occupy_standard_fds()
    out = sys.stdout
    if isinstance(out, io.TextIOWrapper):
        # a GBK console cannot show every character: '?' in a table, never a traceback
        out.reconfigure(errors="replace")
    word = args_list[0] if args_list else ""
    parser = _parser(word)
    if word and not word.startswith("-") and word not in COMMANDS:
        return _fail(
            f"unknown command {quoted(word)} (the commands are {', '.join(COMMANDS)});"
            f" to open a file of that name in the window, give its path: ./{word}"
        )
    try:
        args = parser.parse_args(args_list)
        if args.command is None:
            parser.print_usage(sys.stderr)
            return EXIT_USAGE
        if out is None:
            raise CommandError("standard output is closed; nothing was done")
        run = _runner(args.command)
        output = _Output(out)
        status = run(args, cast(TextIO, output))
        output.flush()  # a full disk or a closed pipe is reported here, not at exit
        return status
    except BrokenPipeError:  # `jiaokan collate ... | head`: the reader has all it wants
        _silence_stdout()
        return 0
    except _ArgumentError as exc:
        command = args_list[0] if args_list and args_list[0] in COMMANDS else "collate"
        return _fail(f"{exc} (see jiaokan {command} --help)")
    except _user_errors() as exc:
        return _fail(str(exc))
    except _OutputFailed as failed:  # stdout on a full disk, /dev/full, a dead terminal
        _silence_stdout()
        return _fail(f"cannot write the output: {_reason(failed.error)}")
    except OSError as exc:  # a file nobody expected: still one line
        where = getattr(exc, "filename", None)
        return _fail(_reason(exc) if where is None else f"{where}: {_reason(exc)}")
    except _sqlite_errors() as exc:  # every known case is a ProjectError; the safety net
        return _fail(f"SQLite: {exc}")


def _runner(command: str) -> Callable[[argparse.Namespace, TextIO], int]:
    """The function that runs ``command``, its module imported now."""
    if command == "collate":
        return _collate
    if command in ("check", "lists"):
        from app.cli import check as cli_check

        return cli_check.run if command == "check" else cli_check.run_lists
    from app.cli import project as cli_project

    return cli_project.run


_ERRORS = {
    "app.collation.parallel": "WorkerDied",
    "app.store.records": "ProjectError",
    "app.cli.project": "ProjectCommandError",
    "app.cli.check": "CheckError",
}
"""The user errors of modules imported only by some commands (see :func:`_user_errors`)."""


def _user_errors() -> tuple[type[Exception], ...]:
    """The errors a user can cause, each reported as one line: this module's, and those of
    the modules this run imported (a module never imported raised none of its errors).
    Called only when an exception is on its way, which is when ``except`` reads it."""
    found: list[type[Exception]] = [CommandError, LoadError, UnknownRuleError, OutputError]
    for module, name in _ERRORS.items():
        if module in sys.modules:
            found.append(getattr(sys.modules[module], name))
    return tuple(found)


def _sqlite_errors() -> tuple[type[Exception], ...]:
    """sqlite3's errors where a command used it (a project), else none to catch."""
    sqlite3 = sys.modules.get("sqlite3")
    return (sqlite3.Error,) if sqlite3 is not None else ()


def _occupy_standard_fds() -> None:
    """Put /dev/null on a closed fd 0, 1 or 2, so no file opened later (the project!) gets
    that number and receives what is printed."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                opened = os.open(os.devnull, os.O_RDWR)
            except OSError:
                return
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)


class _OutputFailed(Exception):
    """Writing stdout failed: told apart from every other OSError by where it happened."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class _Output:
    """stdout, with its failures marked as its own (a broken pipe stays a broken pipe),
    and with no character from a text that could drive the terminal (:func:`terminal_safe`):
    a witness file must not retitle, clear or reprogram the user's terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.encoding = stream.encoding

    def write(self, text: str) -> int:
        try:
            return self._stream.write(terminal_safe(text))
        except BrokenPipeError:
            raise
        except OSError as e:
            raise _OutputFailed(e) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as e:
            raise _OutputFailed(e) from None


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _silence_stdout() -> None:
    """What is still buffered for stdout goes nowhere, so exiting cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        sys.stdout = None


def _note_unread(loaded: LoadedText) -> None:
    """One line on stderr for each Word document with text that is not read, so that
    nobody takes a collation of the body for one of the footnotes too."""
    if loaded.unread and sys.stderr is not None:
        parts = ", ".join(str(part) for part in loaded.unread)
        note = message("word.unread", path=quoted(loaded.path), parts=parts)
        with contextlib.suppress(OSError, ValueError):
            print(terminal_safe(f"jiaokan: note: {note}"), file=sys.stderr)


def _fail(message: str) -> int:
    _note(f"error: {message}")
    return EXIT_USAGE


def _note(message: str) -> None:
    """One line on stderr, if there is a stderr to write to."""
    line = " ".join(message.split())
    if sys.stderr is not None:
        # else the exit status still says it
        with contextlib.suppress(OSError, ValueError, MemoryError):
            print(terminal_safe(f"jiaokan: {line}"), file=sys.stderr)


def _collate(args: argparse.Namespace, out: TextIO) -> int:
    # A run makes millions of objects and frees them by reference counting; the
    # cycle collector would walk the growing heap again and again for nothing
    # (1.4 s of 7 for five 1M-character variants).  The process ends with the run.
    gc.disable()
    _no_collection_at_exit()
    if len(args.variants) >= 2 or PROCESSES_ENV in os.environ:
        # imported now, as the command starts: how busy the cores are is read from the
        # moment it is imported to the collation (app.collation.parallel.others_running)
        import app.collation.parallel  # noqa: F401

        try:
            asked_processes()
        except ValueError as e:
            raise CommandError(
                f"{PROCESSES_ENV}={e} is not a number of processes (1 or more)"
            ) from None
    rules = parse_rules(args.rules)
    if args.project:
        inputs = text_files(
            args.source, zip(witness_ids(args.variants), args.variants, strict=True)
        )
        check_output(args.project, inputs)  # before the work, and never over a text
        if os.path.lexists(args.project) and not args.replace:
            raise OutputError("output.exists", path=quoted(args.project))
    source = load_text(args.source, args.encoding)
    variants = [load_text(p, args.encoding) for p in args.variants]
    for loaded in (source, *variants):
        _note_unread(loaded)
    ids = witness_ids(args.variants)
    pairs = list(zip(ids, (v.text for v in variants), strict=True))
    result = collate(source.text, pairs, rules, checks=args.checks)
    made = False
    if args.project:
        from app.project.project import Project
        from app.store.whole import remove_new_project

        made = not os.path.lexists(args.project)
        Project.write(args.project, source, list(zip(ids, variants, strict=True)), result)
    try:
        ignored = []
        if args.show_ignored:
            from app.collation.ignored import ignored_loci

            ignored = ignored_loci(result, pairs)
        if args.json:
            doc = to_json(result, source, variants, ids)
            if args.show_ignored:
                doc["ignored"] = [locus.to_json() for locus in ignored]
            dump_json(doc, out)
        else:
            write_table(result, source, variants, ids, out)
            if args.show_ignored:
                out.write(f"\nIgnored by the rules ({len(ignored)}):\n")
                shown = Collation(result.source, result.witness_ids, (), tuple(ignored))
                _write_rows(shown, ids, out)
        out.flush()
    except BrokenPipeError:  # the reader has what it wanted: the project is made
        raise
    except BaseException:  # out of memory, stopped, a full stdout: the command failed after
        if made:  # all, and leaves no new project behind (the next run would be refused)
            remove_new_project(args.project)
        raise
    return 0


def _no_collection_at_exit() -> None:
    """Have Python's exit skip its last collection of cycles: at exit every object still
    there (the engine's tables, the modules) is walked once more, 10-15 ms of a 0.2 s
    command, to free what the process gives back anyway (``gc.freeze`` at exit moves them
    where no collection looks).  Registered once; in a process that goes on (the tests)
    it runs only when that process ends."""
    global _EXIT_HOOKED
    if not _EXIT_HOOKED:
        atexit.register(gc.freeze)
        _EXIT_HOOKED = True


_EXIT_HOOKED = False


def to_json(
    result: Collation, source: LoadedText, variants: Sequence[LoadedText], ids: Sequence[str]
) -> dict[str, Any]:
    """The documented, stable JSON of ``jiaokan collate --json`` (docs/cli.md)."""
    divergences = [locus.to_json() for locus in result.loci]
    source_pages = source.pages
    witness_pages = {
        wid: v.pages for wid, v in zip(ids, variants, strict=True) if v.pages is not None
    }
    if source_pages is not None or witness_pages:
        for entry, locus in zip(divergences, result.loci, strict=True):
            add_places(entry, locus, source_pages, witness_pages)
    return {
        "source": text_json(source),
        "witnesses": [
            {"id": wid, **text_json(v), "divergences": result.count(wid)}
            for wid, v in zip(ids, variants, strict=True)
        ],
        "rules": list(result.rules),
        "divergences": divergences,
    }


def write_table(
    result: Collation,
    source: LoadedText,
    variants: Sequence[LoadedText],
    ids: Sequence[str],
    out: TextIO,
) -> None:
    """The human-readable listing: one line per locus, readings side by side."""
    shown = readable_name
    out.write(f"source  {shown(source.path)}  ({source.encoding}, {len(source.text)} chars)\n")
    for wid, v in zip(ids, variants, strict=True):
        out.write(
            f"{wid:<7} {shown(v.path)}  ({v.encoding}, {len(v.text)} chars, "
            f"{_plural(result.count(wid), 'divergence')})\n"
        )
    out.write(f"rules   {', '.join(result.rules) or 'none (exact comparison)'}\n\n")
    _write_rows(result, ids, out, source.pages)


def _write_rows(
    result: Collation, ids: Sequence[str], out: TextIO, pages: PageMap | None = None
) -> None:
    """One line per locus: offset (and page:line of a PDF), kind, class, source and each
    reading side by side."""
    columns = list(ids)
    if any(CHECK_WITNESS in locus.readings for locus in result.loci):
        columns.append(CHECK_WITNESS)
    with_class = any(locus.classes for locus in result.loci)
    on_page = ["page"] if pages is not None else []
    header = ["#", "offset", *on_page, "kind", *(["class"] if with_class else []), "source"]
    header += columns
    rows = [
        [
            str(n),
            f"{locus.start}-{locus.end}" if locus.end > locus.start else f"{locus.start}^",
            *filter(None, [position(pages, locus.start)]),
            locus.kind,
            *([locus.cls] if with_class else []),
            _display(locus.source_text),
            *(_display(locus.readings[w]) if w in locus.readings else "=" for w in columns),
        ]
        for n, locus in enumerate(result.loci, 1)
    ]
    widths = [max(_width(row[k]) for row in [header, *rows]) for k in range(len(header))]
    for row in [header, *rows]:
        out.write("  ".join(_cell(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
        out.write("\n")
    out.write(f"\n{_plural(len(result.loci), 'locus', 'loci')}\n")
