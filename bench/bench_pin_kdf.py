"""Benchmark: what one staff-PIN guess costs (scrypt, sync/protocol/staff_rules.py).

    .venv/bin/python bench/bench_pin_kdf.py [--rounds 5]

Times ``verify_pin`` (one scrypt derivation, what an attacker pays per guess, and what
a sign-in costs at the kiosk) for the old parameters (n=2**14, r=8, p=1) and for
today's ``DEFAULT_PARAMS``, in the same run, on this machine: median and max in ms,
thread CPU and wall clock, the ratio new/old, and how long all 6-digit PINs take on
every core of this machine. Target: ≥ 100 ms per guess with the default.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.stats import machine, table
from sync.protocol.staff_rules import DEFAULT_PARAMS, ScryptParams, hash_pin, verify_pin

OLD = ScryptParams(2**14, 8, 1)


def per_guess(params: ScryptParams, rounds: int) -> tuple[float, float, float]:
    """(median CPU ms, median wall ms, max wall ms) of one wrong-PIN check."""
    stored = hash_pin("482915", params)
    cpu, wall = [], []
    for _ in range(rounds):
        c0, w0 = time.thread_time(), time.perf_counter()
        assert not verify_pin("730264", stored)
        cpu.append(time.thread_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu) * 1000, statistics.median(wall) * 1000, max(wall) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    results = {}
    for label, params in (("old", OLD), ("default", DEFAULT_PARAMS)):
        results[label] = per_guess(params, args.rounds)
    rows = []
    for label, params in (("old", OLD), ("default", DEFAULT_PARAMS)):
        cpu, wall, worst = results[label]
        days = 10**6 * cpu / 1000 / cores / 86400
        rows.append((label, f"n=2^{params.n.bit_length() - 1} r={params.r} p={params.p}",
                     f"{cpu:.0f}", f"{wall:.0f}", f"{worst:.0f}", f"{days:.1f}"))  # fmt: skip
    print(f"PIN KDF, {args.rounds} rounds each; {machine()}\n")
    print(table(rows, ("params", "scrypt", "CPU ms/guess", "wall ms", "max wall ms",
                       f"days for 10^6 PINs on {cores} cores")))  # fmt: skip
    ratio = results["default"][0] / results["old"][0]
    print(f"\nratio default/old (CPU per guess): {ratio:.1f}x")
    ok = results["default"][0] >= 100
    print(f"target ≥ 100 ms per guess: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
