"""Benchmark ``timeline build`` end to end on generated archives of 1,000 and 10,000 articles.

For each size: a cold build (``--no-cache``), the same without the merge (to
show what the map alone costs), a build that fills an empty cache, and a warm
rebuild from the cache with another filter; wall time, documents and megabytes
per second, and peak RSS (of the largest process: the main one or a worker, from
wait4). Then the 10k/1k time ratio, start-up (``timeline --help``) and the
latency of a one-document build, checked against the project's targets. A build
slower than ``--give-up`` seconds is stopped and shown as ``>N``.

    python bench/run.py [--sizes 1000 10000] [--give-up 600] [--json-out bench.json]
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_corpus

TIMELINE = str(Path(sys.executable).parent / "timeline")
TARGETS = {"mb_per_s": 3.0, "peak_rss_mb": 300.0, "ratio": 11.0, "startup_s": 0.3}


@dataclass
class Run:
    wall_s: float | None  # None: stopped after the give-up time
    peak_rss_mb: float


@dataclass
class SizeResult:
    docs: int
    mb: float
    cold_s: float | None
    docs_per_s: float | None
    mb_per_s: float | None
    peak_rss_mb: float
    no_merge_s: float | None
    fill_s: float | None
    warm_s: float | None


def timed(args: list[str], give_up: float, env: dict[str, str] | None = None) -> Run:
    """Run ``timeline ARGS``; its wall time and the peak RSS of its largest process."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen([TIMELINE, *args], stdout=subprocess.DEVNULL, stderr=errors,
                                env={**os.environ, **(env or {})}, start_new_session=True)
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        while not pid and time.perf_counter() - start < give_up:
            time.sleep(0.02)
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        wall = time.perf_counter() - start
        if not pid:
            os.killpg(proc.pid, signal.SIGKILL)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = -signal.SIGKILL
            return Run(None, usage.ru_maxrss / 1024)
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            errors.seek(0)
            sys.exit(f"timeline {' '.join(args)} failed ({code}): {errors.read().decode()[-2000:]}")
    return Run(wall, usage.ru_maxrss / 1024)


def measure_size(work: Path, count: int, give_up: float) -> SizeResult:
    corpus = work / f"corpus-{count}"
    mb = write_corpus(corpus, count) / 1e6
    build = ["build", str(corpus), "--format", "json", "-o", str(work / "out.json")]
    cold = timed([*build, "--no-cache"], give_up)
    no_merge = timed([*build, "--no-cache", "--no-merge"], give_up)
    fill = warm = Run(None, 0)
    if cold.wall_s is not None:
        cache = {"TIMELINE_CACHE_DIR": str(work / f"cache-{count}")}
        fill = timed(build, give_up, cache)
        warm = timed([*build, "--since", "2020"], give_up, cache)
    seconds = cold.wall_s
    return SizeResult(count, round(mb, 2), _round(seconds), round(count / seconds) if seconds else None,
                      _round(seconds and mb / seconds), round(cold.peak_rss_mb), _round(no_merge.wall_s),
                      _round(fill.wall_s), _round(warm.wall_s))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def median_wall(args: list[str], give_up: float, times: int = 5) -> float | None:
    walls = [timed(args, give_up).wall_s for _ in range(times)]
    return None if None in walls else round(statistics.median(walls), 3)


def report(results: list[SizeResult], startup: float | None, one_doc: float | None, give_up: float) -> dict:
    def cell(value: float | None, width: int) -> str:
        return f"{f'>{give_up:.0f}' if value is None else value:>{width}}"

    print(f"{'docs':>7} {'MB':>6} {'cold s':>7} {'docs/s':>7} {'MB/s':>6} {'peak RSS MB':>12} "
          f"{'no-merge s':>11} {'cache fill s':>13} {'warm s':>7}")
    for r in results:
        print(f"{r.docs:>7} {r.mb:>6} {cell(r.cold_s, 7)} {cell(r.docs_per_s, 7)} {cell(r.mb_per_s, 6)} "
              f"{r.peak_rss_mb:>12} {cell(r.no_merge_s, 11)} {cell(r.fill_s, 13)} {cell(r.warm_s, 7)}")
    summary = {"sizes": [asdict(r) for r in results], "startup_s": startup, "one_document_s": one_doc}
    biggest = max(results, key=lambda r: r.docs)
    checks = [
        (f"{biggest.docs} docs at >= {TARGETS['mb_per_s']} MB/s", (biggest.mb_per_s or 0) >= TARGETS["mb_per_s"]),
        (f"peak RSS < {TARGETS['peak_rss_mb']:.0f} MB", biggest.peak_rss_mb < TARGETS["peak_rss_mb"]),
        (f"--help < {TARGETS['startup_s']} s", startup is not None and startup < TARGETS["startup_s"]),
    ]
    if len(results) > 1:
        smallest = min(results, key=lambda r: r.docs)
        ratio = biggest.cold_s and smallest.cold_s and round(biggest.cold_s / smallest.cold_s, 2)
        summary["ratio"] = ratio
        print(f"{biggest.docs}/{smallest.docs} time ratio: {ratio if ratio else 'n/a (a build gave up)'}")
        checks.append((f"ratio <= {TARGETS['ratio']} (x{biggest.docs // smallest.docs} documents)",
                       bool(ratio) and ratio <= TARGETS["ratio"]))
    print(f"start-up (timeline --help): {startup} s; one-document build: {one_doc} s")
    for label, ok in checks:
        print(f"  {'ok  ' if ok else 'MISS'} {label}")
    summary["targets_met"] = all(ok for _, ok in checks)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--give-up", type=float, default=600, help="stop a build after this many seconds")
    parser.add_argument("--json-out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
        work = Path(tmp)
        results = [measure_size(work, count, args.give_up) for count in args.sizes]
        one = next((work / f"corpus-{args.sizes[0]}").rglob("*.txt"))
        one_doc = median_wall(["build", str(one), "--format", "json", "-o", str(work / "one.json"), "--no-cache"],
                              args.give_up)
    startup = median_wall(["--help"], args.give_up)
    summary = report(results, startup, one_doc, args.give_up)
    if args.json_out:
        args.json_out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
