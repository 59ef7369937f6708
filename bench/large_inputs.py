"""Large inputs: time and peak memory of `timeline build` on a huge article, a huge line, many lines.

Generates, in a temporary directory, made-up news text of each shape with one
dated sentence at the very end, builds each in its own process and reports wall
time, peak RSS and whether that last sentence reached the timeline (the input
was processed whole, not truncated). Exits 1 when a target is missed.

    python bench/large_inputs.py [--scale 1.0] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

MAX_SECONDS = 60
MAX_RSS_MB = 1024
GIVE_UP_SECONDS = 300  # a build this slow is stopped and reported, not waited for
LAST = "The inquiry finally closed its doors on 30 June 2023."

NAMES = ["Jane Holloway", "Tom Baker", "Priya Natarajan", "Owen Pryce", "Ruth Calder", "Sam Okafor"]
BODIES = ["the county council", "the schools inspectorate", "the teaching union", "the trust board",
          "the local health authority", "the parents' group"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def sentences(rng: random.Random) -> Iterator[str]:
    """An endless stream of made-up news sentences: dated claims, quotations, filler."""
    while True:
        name, body = rng.choice(NAMES), rng.choice(BODIES)
        day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2015, 2024)
        yield rng.choice([
            f"{body.capitalize()} met on {day} {month} {year} to discuss the findings.",
            f"\u201cWe will not accept this,\u201d said {name}, speaking for {body}.",
            f"In {month} {year}, {name} wrote to {body} asking for a review.",
            f"Last week {body} said it would respond by {day} {month}.",
            f"The report, published earlier this month, was criticised by {name}.",
            f"Members of {body} had been told about the decision in early {month}.",
            "Nobody was available to comment when contacted.",
        ])


def article(rng: random.Random, size: int, separator: str, count: int) -> str:
    """A header, then sentences joined by SEPARATOR until SIZE characters and COUNT sentences,
    then the last sentence."""
    parts, length = [" date 2023-07-01 The inquiry heard its final evidence today."], 0
    for sentence in sentences(rng):
        parts.append(sentence)
        length += len(sentence) + len(separator)
        if length >= size and len(parts) >= count:
            break
    parts.append(LAST)
    return separator.join(parts) + "\n"


def inputs(scale: float) -> dict[str, tuple[int, str, int]]:
    """Name -> (least size in characters, separator between sentences, least number of sentences)."""
    return {
        "article-30MB": (int(30e6 * scale), "\n\n", 0),
        "single-line-5MB": (int(5e6 * scale), " ", 0),
        "lines-200k": (0, "\n", int(200_000 * scale)),
    }


def measure(path: Path, out: Path) -> dict:
    """Build PATH in a child process; its wall time, peak RSS and whether LAST was extracted."""
    command = [sys.executable, "-c", "from timeline.cli import main; main()",
               "build", str(path), "--format", "json", "--output", str(out), "--no-cache", "--jobs", "1"]
    errors = out.with_suffix(".stderr")
    started = time.perf_counter()
    with errors.open("w") as stderr:
        child = subprocess.Popen(command, stderr=stderr)
    # wait4 gives this child's own peak RSS (RUSAGE_CHILDREN would mix in earlier runs).
    pid, status, usage = os.wait4(child.pid, os.WNOHANG)
    while pid == 0 and time.perf_counter() - started < GIVE_UP_SECONDS:
        time.sleep(0.05)
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
    timed_out = pid == 0
    if timed_out:
        child.kill()
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    peak_mb = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    found = False
    if child.returncode == 0 and out.is_file():
        timeline = json.loads(out.read_text(encoding="utf-8"))
        found = any(ref["sentence"] == LAST for e in timeline["entries"] for ref in e["sources"])
    return {"exit": child.returncode, "seconds": seconds, "peak_mb": peak_mb, "whole": found,
            "note": f"stopped after {GIVE_UP_SECONDS} s" if timed_out else errors.read_text()[:300].strip()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every input size (default 1)")
    parser.add_argument("--keep", type=Path, help="write the inputs here and keep them")
    args = parser.parse_args()
    rng = random.Random(7)
    failed = False
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{'input':<18}{'MB':>8}{'lines':>9}{'seconds':>9}{'peak MB':>9}  whole  ok")
        for name, (size, separator, count) in inputs(args.scale).items():
            path = folder / f"{name}.txt"
            text = article(rng, size, separator, count)
            path.write_text(text, encoding="utf-8")
            result = measure(path, Path(scratch) / f"{name}.json")
            ok = (result["exit"] == 0 and result["whole"] and result["seconds"] < MAX_SECONDS
                  and result["peak_mb"] < MAX_RSS_MB)
            failed |= not ok
            print(f"{name:<18}{len(text.encode()) / 1e6:>8.1f}{text.count(chr(10)):>9}{result['seconds']:>9.1f}"
                  f"{result['peak_mb']:>9.0f}  {'yes' if result['whole'] else 'NO':<5}  {'ok' if ok else 'FAIL'}")
            if result["exit"] != 0:
                print(f"  exit {result['exit']}: {result['note']}")
    print(f"targets: exit 0, last sentence extracted, under {MAX_SECONDS} s, under {MAX_RSS_MB} MB peak RSS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
