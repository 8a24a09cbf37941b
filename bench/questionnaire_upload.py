"""Hostile questionnaire uploads must be refused within a second.

    .venv/bin/python bench/questionnaire_upload.py [--repeat 5]

Times `parse_upload` (what the upload page calls) on hostile files -- an alias bomb, a file over
the size limit, deep [ nesting, deep block nesting, a flat list just over the event limit, a
512 KB single string, a 512 KB valid-looking list of mappings -- next to the built-in
questionnaire (a real, valid file) measured in the same run, and prints the load average, so the
figures read on a noisy machine. Exits 1 when a hostile file takes 1 s or more (median) or is not
refused.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_S = 1.0


def hostile() -> dict[str, bytes]:
    from readiness.method.loading import MAX_YAML_EVENTS
    from readiness.questionnaires.manage import MAX_UPLOAD_BYTES

    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [" + ", ".join([f"*{chr(97 + n)}"] * 9) + "]\n"
        for n in range(8))
    rows, size = [], 0
    while size < MAX_UPLOAD_BYTES - 100:  # just under the limit: every check but size runs
        row = f"  - {{id: B1.{len(rows)}, weight: 1, text: {{en: x, zh: y}}}}\n"
        rows.append(row)
        size += len(row)
    files = {
        "alias bomb": bomb,
        "over the size limit": "x: " + "a" * (MAX_UPLOAD_BYTES + 10),
        "deep [ nesting": "x: " + "[" * 100_000 + "]" * 100_000,
        "deep block nesting": "".join("  " * n + f"k{n}:\n" for n in range(200)) + "  " * 200 + "v\n",
        "many values": "x: [" + "1," * (MAX_YAML_EVENTS * 3) + "1]\n",
        "one 250 KB string": "x: \"" + "a" * (MAX_UPLOAD_BYTES - 100) + "\"\n",
        "250 KB of mappings": "blocks:\n" + "".join(rows),
    }
    return {name: text.encode("utf-8") for name, text in files.items()}


def timed(raw: bytes, name: str, repeat: int) -> tuple[float, str]:
    from readiness.method.loading import QuestionnaireError
    from readiness.questionnaires.manage import parse_upload

    times, outcome = [], "stored"
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            parse_upload(raw, name)
        except QuestionnaireError as exc:
            outcome = f"refused: {exc.problems[0].reason[:60]}"
        times.append(time.perf_counter() - start)
    return statistics.median(times), outcome


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from readiness.questionnaires.services import BUILTIN

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    base, outcome = timed(BUILTIN.read_bytes(), "crm-readiness.yaml", args.repeat)
    print(f"load average {load}; median of {args.repeat}; limit {TARGET_S:.1f} s")
    print(f"{'built-in questionnaire (baseline)':36} {base * 1000:8.1f} ms  {outcome}")
    failed = False
    for name, raw in hostile().items():
        median, outcome = timed(raw, "hostile.yaml", args.repeat)
        bad = median >= TARGET_S or not outcome.startswith("refused")
        failed |= bad
        print(f"{name + f' ({len(raw) // 1024} KB)':36} {median * 1000:8.1f} ms  "
              f"x{median / base:5.1f}  {outcome}{'  <-- FAIL' if bad else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
