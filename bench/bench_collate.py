"""``make bench``: speed and quality of the collation engine against general diff tools.

For each size (10k, 100k and 1M characters by default) a synthetic source
and a noisy variant with known edits are generated (:mod:`bench.variant`);
the engine's ``collate()`` is timed in process, the whole ``python -m app
collate SOURCE VARIANT --json`` command in a child (wall and CPU time, own
peak memory), run by run alternately with the strongest peer a user could
assemble, Google's diff-match-patch in C++ after folding width, whitespace
and script in C (:mod:`bench.cpp_peer`), so that a busy machine slows both
alike, and their ratios printed; and difflib, diff-match-patch and rapidfuzz
run in child processes on the same texts normalized with the default rules.  Every answer is scored
against the truth the same way (:mod:`bench.evaluate`) and printed as
Markdown tables, followed by the targets with PASS/FAIL.

    .venv/bin/python -m bench.bench_collate [--sizes 10k,100k,1M] [--seed N] [--no-peers]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import cpp_peer
from bench.evaluate import Evaluator, Reported, Score, regions_to_reported
from bench.measure import measured
from bench.norm import Normalizer, get_normalizer
from bench.peers import PEERS, run_peer
from bench.report import print_size, print_targets
from bench.synth import parse_size, size_label
from bench.variant import Case, check_case, make_case

ROOT = Path(__file__).resolve().parent.parent
WITNESS = "variant"
PEER_MEM_LIMIT = 8 << 30


@dataclass
class Row:
    """One tool's figures at one size (``None``: not measured / not applicable)."""

    name: str
    seconds: float | None = None
    wall: float | None = None
    peak_mb: float | None = None
    score: Score | None = None
    note: str = ""


@dataclass
class Race:
    """The whole jiaokan command and the C++ peer's, run alternately (each run of one next to
    a run of the other), with the figures of every run (``wall``, ``cpu`` s, ``maxrss_kb``)."""

    engine: list[dict[str, float]] = field(default_factory=list)
    peer: list[dict[str, float]] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)
    """The load average (1 minute) at each pair of runs."""

    def ratios(self, key: str) -> list[float]:
        """jiaokan / peer, pair by pair."""
        return [e[key] / p[key] for e, p in zip(self.engine, self.peer, strict=False)]


CPP_PEER = "C++ diff-match-patch"


@dataclass
class SizeResult:
    size: int
    case: Case
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    race: Race | None = None

    def row(self, name: str) -> Row | None:
        return next((r for r in self.rows if r.name == name), None)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def engine_loci(source: str, variant: str, repeats: int) -> tuple[float, list[Reported]]:
    """Best time of ``repeats`` in-process ``collate()`` calls, and the loci as reported."""
    from app.collation.collate import collate

    best = float("inf")
    result = None
    for _ in range(repeats):
        gc.collect()
        t0 = time.perf_counter()
        result = collate(source, [(WITNESS, variant)])
        best = min(best, time.perf_counter() - t0)
    assert result is not None
    reported = [
        Reported(
            locus.start,
            locus.end,
            _reading(locus, result.loci),
            locus.kinds.get(WITNESS, locus.kind) if hasattr(locus, "kinds") else locus.kind,
            getattr(locus, "move_id", None),
        )
        for locus in result.loci
        if WITNESS in locus.readings
    ]
    return best, reported


def _reading(locus: Any, loci: Sequence[Any]) -> str:
    """The witness's reading; where a moved passage arrived, with the edits inside it applied
    (they are loci of their own, nested in the move, app.collation.loci.Locus.in_move)."""
    reading: str = locus.readings[WITNESS]
    try:
        from app.collation.loci import arrival, moved_text
    except ImportError:  # an engine from before moves had inner edits
        return reading
    if not arrival(locus):
        return reading
    return moved_text(reading, locus, loci, lambda i: i.readings.get(WITNESS))


def command(source_path: Path, variant_path: Path) -> list[str]:
    return [sys.executable, "-m", "app", "collate", str(source_path), str(variant_path), "--json"]


def run_command(
    source_path: Path, variant_path: Path, repeats: int, *, peer: bool = False
) -> tuple[float, float, str, Race]:
    """Best wall time and the largest peak RSS (MB) of the whole command; error text if any;
    with ``peer``, the C++ peer's command run after each of its runs (before it on every
    other one), so that both meet the same load."""
    race = Race()
    engine_cmd = command(source_path, variant_path)
    peer_cmd = cpp_peer.command(source_path, variant_path)
    for k in range(repeats):
        order = [("engine", engine_cmd), ("peer", peer_cmd)] if peer else [("engine", engine_cmd)]
        if k % 2:
            order.reverse()
        race.loads.append(os.getloadavg()[0])
        for who, cmd in order:
            m, stderr = measured(cmd, cwd=ROOT)
            if m is None:
                why = stderr.strip()[-500:] or "command failed"
                return float("nan"), float("nan"), f"{who}: {why}", race
            (race.engine if who == "engine" else race.peer).append(m)
    best_wall = min(m["wall"] for m in race.engine)
    peak = max(m["maxrss_kb"] for m in race.engine) / 1024
    return best_wall, peak, "", race


def peer_row(race: Race, source_path: Path, variant_path: Path, evaluator: Evaluator) -> Row:
    """The C++ peer's row: its best command wall time and peak, and its differences scored
    (mapped back to the texts as read where its folding goes character by character)."""
    row = Row(CPP_PEER, None, min(m["wall"] for m in race.peer))
    row.peak_mb = max(m["maxrss_kb"] for m in race.peer) / 1024
    proc = subprocess.run(
        cpp_peer.command(source_path, variant_path, spans=True),
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    if proc.returncode != 0:
        row.note = f"error: {proc.stderr.decode('utf-8', 'replace')[-200:]}"
        return row
    spans = json.loads(proc.stdout.decode("utf-8")).get("spans")
    if spans is None:
        row.note = "not scored: OpenCC changed a length"
        return row
    reported = [Reported(s, e, reading, _kind(e - s, len(reading))) for s, e, reading in spans]
    row.score = evaluator.score(reported)
    return row


def _kind(source_length: int, reading_length: int) -> str:
    if not source_length:
        return "insertion"
    return "deletion" if not reading_length else "substitution"


def check_command_json(source_path: Path, variant_path: Path, n_loci: int) -> str:
    """Empty if the command's JSON lists as many divergences as ``collate()`` gave."""
    proc = subprocess.run(
        command(source_path, variant_path), capture_output=True, cwd=ROOT, check=False
    )
    if proc.returncode != 0:
        return f"command failed: {proc.stderr.decode('utf-8', 'replace')[-300:]}"
    doc = json.loads(proc.stdout.decode("utf-8"))
    got = len(doc.get("divergences", []))
    if got != n_loci:
        return f"the command's JSON lists {got} divergences, collate() {n_loci}"
    return ""


def bench_size(
    size: int,
    seed: int,
    normalize: Normalizer,
    *,
    peers: bool,
    over: dict[str, str],
    limit: float,
    workdir: Path,
) -> SizeResult:
    label = size_label(size)
    t0 = time.perf_counter()
    case = make_case(size, seed, normalize)
    check_case(case, normalize)
    log(
        f"[{label}] generated {len(case.source):,} + {len(case.variant):,} characters, "
        f"{len(case.truth)} edits in {time.perf_counter() - t0:.1f} s"
    )
    result = SizeResult(size, case)
    src_norm, var_norm = normalize(case.source), normalize(case.variant)
    evaluator = Evaluator(src_norm, case.truth, normalize)

    repeats = 3 if size < 500_000 else 1
    src_path, var_path = workdir / f"source-{label}.txt", workdir / f"variant-{label}.txt"
    src_path.write_text(case.source, encoding="utf-8")
    var_path.write_text(case.variant, encoding="utf-8")
    try:
        seconds, loci = engine_loci(case.source, case.variant, repeats)
    except Exception as exc:  # the engine is under construction: report, go on
        result.rows.append(Row("jiaokan", note=f"error: {type(exc).__name__}: {exc}"))
        log(f"[{label}] engine failed: {exc!r}")
    else:
        log(f"[{label}] jiaokan collate() {seconds:.3f} s, {len(loci)} loci")
        missing = cpp_peer.available() if peers else "not run (--no-peers)"
        races = 5 if size <= 100_000 else 3
        wall, peak, err, race = run_command(src_path, var_path, races, peer=not missing)
        row = Row("jiaokan", seconds, wall, peak, evaluator.score(loci))
        if err:
            row.note = f"command error: {err}"
        elif size <= 100_000 and (mismatch := check_command_json(src_path, var_path, len(loci))):
            result.notes.append(mismatch)
        log(f"[{label}] jiaokan command {wall:.3f} s, {peak:.0f} MB")
        result.rows.append(row)
        if race.peer and not err:
            result.race = race
            result.rows.append(peer_row(race, src_path, var_path, evaluator))
            log(f"[{label}] {CPP_PEER} command {min(m['wall'] for m in race.peer):.3f} s")
        elif peers:
            result.rows.append(Row(CPP_PEER, note=missing or err))

    if peers:
        for name in PEERS:
            if name in over:
                result.rows.append(Row(name, note=over[name]))
                continue
            log(f"[{label}] {name} ...")
            res = run_peer(name, src_norm.text, var_norm.text, limit, PEER_MEM_LIMIT)
            if res.status == "ok" and res.regions is not None:
                reported = regions_to_reported(res.regions, src_norm.map, var_norm.text)
                row = Row(name, res.seconds, None, res.peak_mb, evaluator.score(reported))
                log(f"[{label}] {name} {res.seconds:.3f} s")
            else:
                row = Row(name, note=res.message or res.status)
                if res.status in ("over", "memory"):
                    over[name] = f"{row.note} (at {label} already; not run)"
                log(f"[{label}] {name}: {row.note}")
            result.rows.append(row)
    return result


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench.bench_collate", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1M", help="comma list (default 10k,100k,1M)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-peers", action="store_true", help="engine only")
    parser.add_argument("--limit", type=float, default=60.0, help="peer time limit, seconds")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target fails")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    normalize, is_engine = get_normalizer()
    if not is_engine:
        log("app.text.normalize is missing: using the stand-in normalization of bench.norm")
    started = time.perf_counter()
    over: dict[str, str] = {}
    results: list[SizeResult] = []
    print(f"# Collation benchmark (seed {args.seed}, {os.cpu_count()} CPUs)\n")
    with tempfile.TemporaryDirectory(prefix="jiaokan-bench-") as tmp:
        for size in sorted(sizes):
            res = bench_size(
                size,
                args.seed,
                normalize,
                peers=not args.no_peers,
                over=over,
                limit=args.limit,
                workdir=Path(tmp),
            )
            print_size(res)
            results.append(res)
    failed = print_targets(results, args.limit)
    print(f"\nTotal benchmark time {time.perf_counter() - started:.0f} s.")
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
