"""``make bench`` (second part): is the window responsive while a big collation runs?

A 1M-character synthetic source is opened with two noisy variants in the
real main window (offscreen).  The benchmark records:

* **usable**: from the call that opens the files until the event loop runs
  again (the first tick of a 0 ms timer queued right after it);
* **highlights**: from the same start until the finished collation is shown
  and the visible part of both panes is highlighted;
* **max timer delay**: the largest lateness of a 10 ms repeating QTimer
  while the background collation runs, i.e. the longest the GUI thread was
  kept from its event loop, until the result reaches the GUI thread;
* **show block**: the same from then on, while the result is shown (the
  table, the highlights, the columns, each in an event of its own, and what
  Qt paints after each).

    .venv/bin/python -m bench.bench_gui [--size 1M] [--seed N]
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bench.norm import get_normalizer
from bench.synth import parse_size, size_label
from bench.variant import make_case

if TYPE_CHECKING:
    from app.session.session import Changes
    from ui.window.main_window import MainWindow

TARGETS = {
    "usable_s": 1.0,
    "highlights_s": 1.0,
    "max_delay_ms": 50.0,
    "launch_s": 1.0,
    "show_block_ms": 50.0,
    "fresh_usable_s": 1.0,
    "fresh_highlights_s": 2.5,
    "accept_ms": 50.0,
    "accept_corrected_ms": 50.0,
}
"""Issue 24: every highlight within 1 s of opening, the GUI thread never held more than
50 ms (while collating and when the result is shown), and a first start on a fresh install
usable within 1 s, its highlights within 2.5 s (issue 14 asked 4 s for the highlights)."""


def launch_usable(runs: int = 3) -> float:
    """Seconds from starting ``jiaokan`` until its window's event loop runs (best of
    ``runs``, warm: the first run fills the caches), on the real start-up path."""
    import subprocess

    best = float("inf")
    for _ in range(runs + 1):
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "JIAOKAN_STARTED": repr(time.time())}
        done = subprocess.run(
            [sys.executable, "-m", "ui.launch"], env=env, capture_output=True, text=True,
            timeout=60, check=True,
        )  # fmt: skip
        figure = next(line for line in done.stdout.splitlines() if line.startswith("usable "))
        best = min(best, float(figure.split()[1]))
    return best


def write_case(size: int, seed: int, tmp: Path) -> tuple[Path, Path, Path]:
    """The source and its two variants (the OCR one, a retyped one) as files in ``tmp``."""
    normalize, _ = get_normalizer()
    first = make_case(size, seed, normalize)
    second = make_case(size, seed + 1, normalize)
    src = tmp / "source.txt"
    src.write_text(first.source, encoding="utf-8")
    # the second variant is the first of another case, re-keyed to this source
    v1 = tmp / "ocr.txt"
    v1.write_text(first.variant, encoding="utf-8")
    v2 = tmp / "retyped.txt"
    v2.write_text(first.clean_variant.replace("，", ",")[: len(second.variant)], encoding="utf-8")
    return src, v1, v2


def measure(size: int, seed: int, *, accepts_only: bool = False) -> dict[str, float]:
    tmp = Path(tempfile.mkdtemp(prefix="jiaokan-gui-bench-"))
    src, v1, v2 = write_case(size, seed, tmp)
    r = measure_files(tmp, src, v1, v2, fresh=False)
    if accepts_only:
        return r
    r["launch_s"] = launch_usable()
    fresh = first_start(tmp, src, v1, v2)
    r.update({f"fresh_{k}": v for k, v in fresh.items()})
    return r


def first_start(tmp: Path, src: Path, v1: Path, v2: Path) -> dict[str, float]:
    """:func:`measure_files` as on a fresh install: in a process of its own, with empty
    cache, data and settings folders, the tables loading behind the window as at start-up."""
    import json
    import subprocess

    home = tmp / "fresh"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    args = ["--fresh-child", str(home), str(src), str(v1), str(v2)]
    env["JIAOKAN_STARTED"] = repr(time.time())
    done = subprocess.run(
        [sys.executable, "-m", "bench.bench_gui", *args], env=env, capture_output=True,
        text=True, timeout=300, check=True,
    )  # fmt: skip
    figures: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return figures


def measure_files(tmp: Path, src: Path, v1: Path, v2: Path, *, fresh: bool) -> dict[str, float]:
    """Open the three files in the real window and time it (see the module's doc); with
    ``fresh``, the tables load behind the window, as on a first start (ui/main.py), else
    before it, as behind a window at rest."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if fresh:  # the fork server first, before Qt starts, as ui/main.py starts it
        from app.collation.parallel import serve

        serve()
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.main import quiet_offscreen_notice
    from ui.settings import Settings
    from ui.window.main_window import MainWindow

    quiet_offscreen_notice()
    # its projects go to a scratch data dir: never the user's, and no earlier run's
    # project of the same texts is offered instead of a new collation
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from app.preload import preload, preload_in_background

    started = time.perf_counter()
    if fresh:
        loading = preload_in_background()
    else:
        # loaded before the big collation starts, as it is behind a window at rest, and its
        # fork server ready (app/preload.py)
        from app.collation.parallel import serve

        serve(wait=True)
        preload()
    startup = time.perf_counter() - started
    window = MainWindow(Settings(tmp / "settings.ini"))
    window.resize(1280, 820)
    window.show()
    app.processEvents()

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    marks: dict[str, float] = {}
    loop = QEventLoop()

    def shown() -> None:
        marks["shown"] = time.perf_counter()
        QTimer.singleShot(0, highlighted)

    def highlighted() -> None:
        # the panes refresh their highlights on a zero timer after the spans change
        if window.source_pane.extraSelections() or not window.source_pane.spans():
            marks["highlights"] = time.perf_counter()
            loop.quit()
        else:
            QTimer.singleShot(1, highlighted)

    def taken(changes: Changes) -> None:
        # the window's own observers ran before this one: the result is in the table
        if changes.collated is not None:
            marks.setdefault("taken", time.perf_counter())

    window.collationShown.connect(shown)
    window.session.subscribe(taken)
    QTimer.singleShot(0, lambda: marks.setdefault("usable", time.perf_counter()))
    start = time.perf_counter()
    window.open_files(str(src), [str(v1), str(v2)])
    if fresh:  # from the moment the process was started
        start = time.perf_counter() - (time.time() - float(os.environ["JIAOKAN_STARTED"]))
    timer.start()
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
    QTimer.singleShot(100, loop.quit)  # a few ticks after the highlights, to time their cost
    loop.exec()
    timer.stop()
    collation = window.collation()  # before closing: closing ends the session
    held = accept_holds(window) if not fresh and "highlights" in marks else {}
    window.close()
    if fresh:
        loading.join()
    if "highlights" not in marks:
        raise SystemExit("the collation did not finish within 120 s")
    # Until the result reaches the GUI thread, the worker collates; from the last tick
    # before it was taken (no tick runs while it is taken), the window shows it.
    arrived = marks.get("taken", marks["shown"])
    running = [t for t in ticks if t <= arrived]
    gaps = [b - a for a, b in itertools.pairwise(running)]
    # showing the result runs on the GUI thread: how long did it block the loop?
    around = running[-1:] + [t for t in ticks if t > arrived]
    show_block = max((b - a for a, b in itertools.pairwise(around)), default=0.0)
    return {
        "chars": float(len(collation.source) if collation else 0),
        "loci": float(len(collation.loci) if collation else 0),
        "usable_s": marks["usable"] - start,
        "highlights_s": marks["highlights"] - start,
        "max_delay_ms": (max(gaps) - 0.010) * 1000 if gaps else 0.0,
        "ticks": float(len(running)),
        "show_block_ms": max(0.0, show_block - 0.010) * 1000,
        "startup_s": startup,
        **held,
    }


ACCEPTS = 7
"""Accepts timed on each tab: the median is reported, the worst beside it."""


def accept_holds(window: MainWindow) -> dict[str, float]:
    """How long the GUI thread is held after one accept (A) on a 1M collation: from the
    key until the window's event loop is free again, everything it does then counted
    (the decision, the table, the highlights, the corrected text's debounced refresh).

    Measured by a 1 ms repeating timer: the time from the accept to its first tick, and
    the longest gap between ticks in the 0.6 s after it, whichever is longer.  Seven
    accepts at loci spread over the document, with the Witness tab shown, then seven with
    the Corrected text tab (which shows the corrected text and patches it)."""
    from PySide6.QtCore import QEventLoop, QTimer

    session = window.session
    wid = session.witness
    candidates = [
        loc.id
        for loc in session.loci
        if wid in loc.readings and not session.decision(loc.id).decided
    ]
    step = max(1, len(candidates) // (2 * ACCEPTS + 1))
    targets = candidates[step::step][: 2 * ACCEPTS]

    def settle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def one(locus_id: int) -> float:
        session.select(locus_id)
        settle(300)
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(1)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start()
        settle(20)
        start = time.perf_counter()
        window.acts.accept.trigger()
        settle(600)
        timer.stop()
        after = [start, *(t for t in ticks if t > start)]
        return max(b - a for a, b in itertools.pairwise(after)) * 1000

    figures: dict[str, float] = {}
    for key, tab in (("accept", window.source_pane), ("accept_corrected", window.corrected_pane)):
        window.corrected_tabs.setCurrentWidget(
            window.corrected_pane
            if tab is window.corrected_pane
            else window.corrected_tabs.widget(0)
        )
        settle(500)
        held = sorted(one(lid) for lid in targets[:ACCEPTS])
        targets = targets[ACCEPTS:]
        figures[f"{key}_ms"] = held[len(held) // 2]
        figures[f"{key}_worst_ms"] = held[-1]
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="1M")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fresh-child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument(
        "--accepts", action="store_true", help="only open the files and time the accepts"
    )
    args = parser.parse_args(argv)
    if args.fresh_child:
        import json

        home, src, v1, v2 = (Path(p) for p in args.fresh_child)
        home.mkdir(parents=True, exist_ok=True)
        print(json.dumps(measure_files(home, src, v1, v2, fresh=True)))
        return 0
    size = parse_size(args.size)
    r = measure(size, args.seed, accepts_only=args.accepts)
    if args.accepts:
        print_accepts(r)
        return 0
    print(f"\n## Window responsiveness ({size_label(size)} source, two variants)\n")
    print("| figure | measured | target | result |")
    print("|:--|--:|--:|:--|")
    rows = [
        ("window usable after launch (warm)", f"{r['launch_s']:.3f} s", "< 1 s", "launch_s"),
        ("window usable after opening", f"{r['usable_s']:.3f} s", "< 1 s", "usable_s"),
        ("all highlights shown", f"{r['highlights_s']:.3f} s", "< 1 s", "highlights_s"),
        ("largest 10 ms timer delay", f"{r['max_delay_ms']:.1f} ms", "< 50 ms", "max_delay_ms"),
        ("showing the result held the GUI thread", f"{r['show_block_ms']:.0f} ms", "< 50 ms",
         "show_block_ms"),
        ("first start, no caches: usable", f"{r['fresh_usable_s']:.3f} s", "< 1 s",
         "fresh_usable_s"),
        ("first start, no caches: all highlights", f"{r['fresh_highlights_s']:.3f} s",
         "< 2.5 s", "fresh_highlights_s"),
    ]  # fmt: skip
    ok = True
    for label, value, target, key in rows:
        passed = r[key] < TARGETS[key]
        ok &= passed
        print(f"| {label} | {value} | {target} | {'PASS' if passed else 'FAIL'} |")
    loading = r["startup_s"]
    print(f"\nLoading the dictionaries (behind the window, which shows first): {loading:.2f} s.")
    print(
        f"Showing the finished collation (table, highlights, ruler) held the GUI thread "
        f"for {r['show_block_ms']:.0f} ms."
    )
    print(
        f"{int(r['chars'])} source characters, {int(r['loci'])} loci, "
        f"{int(r['ticks'])} timer ticks."
    )
    print_accepts(r)
    return 0 if ok or "--strict" not in sys.argv else 1


def print_accepts(r: dict[str, float]) -> None:
    print(f"\n## One accept ({int(r['chars'])} source characters, {int(r['loci'])} loci)\n")
    print("| tab shown | GUI thread held (median of 7) | worst | target |")
    print("|:--|--:|--:|--:|")
    for label, key in (("Witness", "accept"), ("Corrected text", "accept_corrected")):
        print(f"| {label} | {r[key + '_ms']:.0f} ms | {r[key + '_worst_ms']:.0f} ms | < 50 ms |")


if __name__ == "__main__":
    sys.exit(main())
