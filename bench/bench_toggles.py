"""Rule toggles in a session: what the window waits for when a rule is switched (issue 24).

The benchmark pair of ``bench_collate`` (seed 1) is opened in a
:class:`~app.session.session.Session` with a projects folder, as the window
opens it, and collated with every rule; then rules are switched off and on
again one at a time.  Each step does what the window does: a rule set
collated before in this session is taken at once (``Session.cached``);
another is collated (``app.session.worker.compute``, the worker thread's
call, with the cycle collector paused as there) and the new project file
made (``Session.prepare``); then the result is taken and saved
(``Session.collated``).  CPU and wall time of each step, and how they split
between collating and taking (placing the decisions and saving).

Then the same pair in a session that runs its loop as the window's does and looks ahead
(app.session.ahead): opened, three loci decided, and each rule switched off and on again,
the proofreader reading a moment and deciding a locus between toggles (the bench waits
until the rule sets one toggle away are made).  Each toggle is timed from ``set_rules``
until its result is taken; the time looking ahead took after each is printed beside it.

    .venv/bin/python -m bench.bench_toggles [--size 1M] [--seed N]

To time another checkout's engine, run it from a copy of that checkout with
this ``bench`` folder in it (``python -m`` imports ``app`` from the current folder).
"""

from __future__ import annotations

import argparse
import queue
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from app.session.ahead import LOOK_AHEAD
from app.session.session import Session
from app.session.worker import compute, in_background
from app.text.normalize import ALL_RULES
from bench.norm import get_normalizer
from bench.synth import parse_size, size_label
from bench.variant import make_case


def _without(rule: str) -> tuple[str, ...]:
    return tuple(r for r in ALL_RULES if r != rule)


STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("markup off (new rule set)", _without("markup")),
    ("markup on (collated before)", ALL_RULES),
    ("width off (new)", _without("width")),
    ("whitespace off (new)", _without("whitespace")),
    ("script off (new)", _without("script")),
    ("script on (collated before)", ALL_RULES),
    ("script off (collated before)", _without("script")),
)
"""Each step: what is done, and the rules then."""


def step(session: Session, rules: tuple[str, ...] | None) -> tuple[float, float, float, int]:
    """CPU seconds in all, CPU seconds collating, wall seconds in all, loci shown."""
    if rules is not None:
        session.set_rules(rules)
    wall, cpu = time.perf_counter(), time.process_time()
    request = session.request()
    assert request is not None
    collation = session.cached(request)
    collating = 0.0
    if collation is None:
        with in_background():
            collation = compute(request)
            session.prepare(request, collation)
        collating = time.process_time() - cpu
    session.collated(request, collation)
    return time.process_time() - cpu, collating, time.perf_counter() - wall, len(session.loci)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_toggles", description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="1M")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    size = parse_size(args.size)
    normalize, _ = get_normalizer()
    case = make_case(size, args.seed, normalize)
    with tempfile.TemporaryDirectory(prefix="jiaokan-toggles-") as tmp:
        folder = Path(tmp)
        source, variant = folder / "source.txt", folder / "variant.txt"
        source.write_text(case.source, encoding="utf-8")
        variant.write_text(case.variant, encoding="utf-8")
        (folder / "projects").mkdir()
        session = Session(projects_dir=folder / "projects")
        session.open_files(source, [variant])
        print(f"## Rule toggles in a session, {size_label(size)} characters (seed {args.seed})\n")
        print("| step | CPU s | of it collating | taking and saving | wall s | loci |")
        print("|:--|--:|--:|--:|--:|--:|")
        for name, rules in (("first collation, every rule", None), *STEPS):
            cpu, collating, wall, loci = step(session, rules)
            print(
                f"| {name} | {cpu:.3f} | {collating:.3f} | {cpu - collating:.3f} | {wall:.3f} "
                f"| {loci} |",
                flush=True,
            )
        session.close()
        print()
        looking_ahead(folder, source, variant)
    return 0


AHEAD_STEPS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    step
    for rule in ("width", "whitespace", "script", "markup")
    for step in ((f"{rule} off", _without(rule)), (f"{rule} on", ALL_RULES))
)
"""Each rule off and on again: what a proofreader does to see what a rule hides."""


def looking_ahead(folder: Path, source: Path, variant: Path) -> None:
    """The toggles of :data:`AHEAD_STEPS` in a session that runs its loop and looks ahead."""
    posted: queue.Queue[Callable[[], None]] = queue.Queue()

    def run_until(done: Callable[[], bool]) -> None:
        while not done():
            posted.get(timeout=300)()

    def run_for(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            try:
                posted.get(timeout=left)()
            except queue.Empty:
                return

    projects = folder / "ahead"
    projects.mkdir()
    session = Session(projects_dir=projects, post=posted.put, look_ahead=LOOK_AHEAD)
    session.open_files(source, [variant])
    run_until(lambda: not session.collating)
    ids = [locus.id for locus in session.loci]
    session.accept(ids[:2], session.witness_ids[0])
    session.set_note(ids[2], "查原稿")
    print("### Looking ahead (the window's session)\n")
    # width off a moment after the result: the look-ahead is making it (the first one)
    run_for(LOOK_AHEAD + 0.3)
    early = AHEAD_STEPS[0][1]
    wall = time.perf_counter()
    session.set_rules(early)
    run_until(lambda: not session.collating)
    print(
        f"Width off {LOOK_AHEAD + 0.3:.1f} s after the first result, while the look-ahead "
        f"collates it: {time.perf_counter() - wall:.3f} s (the look-ahead's result taken)."
    )
    session.set_rules(ALL_RULES)
    run_until(lambda: not session.collating)
    wall = time.perf_counter()
    run_until(lambda: not session.looking_ahead)
    ahead = time.perf_counter() - wall
    print(f"The other rule sets one toggle away made {ahead:.2f} s after toggling back.\n")
    print("| toggle | CPU s | wall s | loci | then looking ahead, wall s |")
    print("|:--|--:|--:|--:|--:|")
    for n, (name, rules) in enumerate(AHEAD_STEPS):
        # a decision between toggles, as a proofreader makes them (what the session placed
        # ahead of the toggle is placed again)
        session.accept([session.loci[10 + n].id], session.witness_ids[0])
        wall, cpu = time.perf_counter(), time.process_time()
        session.set_rules(rules)
        run_until(lambda: not session.collating)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        after = time.perf_counter()
        run_until(lambda: not session.looking_ahead)
        after = max(0.0, time.perf_counter() - after - LOOK_AHEAD)
        print(
            f"| {name} | {cpu:.3f} | {wall:.3f} | {len(session.loci)} | {after:.2f} |", flush=True
        )
    assert session.shutdown()
    session.close()


if __name__ == "__main__":
    sys.exit(main())
