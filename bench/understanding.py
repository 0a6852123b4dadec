"""Score of the understanding functions on their corpus, by function and by category.

    python -m bench.understanding [--failures] [--speed] [--runs 5]

The corpus lives in tests/bot/conversation/understand/ (realistic texts, English and Spanish,
graded field by field). Known failures are counted in the score and listed with their reason.
--speed times each function: the median per-call time over its corpus (the baseline, same
run) and over long hostile texts, and the ratio of the two.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict

from tests.bot.conversation.understand.grading import SUITES, passed


def _rate(ok: int, total: int) -> str:
    return f"{ok:>4}/{total:<4} {100 * ok / total:6.1f}%" if total else "   -"


HOSTILE = ["x" * 1000, "hi " * 330, "this is " * 125, "no " * 330, "👍" * 1000, "Apt 4, " * 140,
           "kim at gmail dot " * 60, "(" * 1000, "same " * 200, "12 " + "Elm " * 240 + "St"]


def _median_call(grade: object, cases: list[object], runs: int) -> float:
    """Median seconds per item over `runs` passes."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        for case in cases:
            grade(case)  # type: ignore[operator]
        timings.append((time.perf_counter() - start) / max(len(cases), 1))
    return statistics.median(timings)


def speed(runs: int) -> None:
    """Median time per call on the corpus and on hostile texts, and their ratio."""
    from tests.bot.conversation.understand.cases import Case

    print(f"\n{'function':<34} {'corpus':>10} {'hostile':>10} {'ratio':>7}")
    for function, (cases, grade) in SUITES.items():
        hostile = [Case(t, cases[0].expected, "hostile") for t in HOSTILE]
        base = _median_call(grade, list(cases), runs)
        worst = _median_call(grade, list(hostile), runs)
        print(f"{function:<34} {base * 1e3:8.3f}ms {worst * 1e3:8.3f}ms {worst / base:6.1f}x")


def main() -> None:
    """Print the pass rate per function and category, then the overall figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list every failing item")
    parser.add_argument("--speed", action="store_true", help="time each function as well")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    all_ok = all_total = fields_ok = fields_total = 0
    failures: list[str] = []
    for function, (cases, grade) in SUITES.items():
        by_category: dict[str, list[bool]] = defaultdict(list)
        for case in cases:
            fields = grade(case)
            fields_ok += sum(fields.values())
            fields_total += len(fields)
            by_category[case.category].append(passed(fields))
            if not passed(fields):
                wrong = ", ".join(k for k, v in fields.items() if not v)
                why = f" (known: {case.known})" if case.known else ""
                failures.append(f"{function}: {case.text!r} [{wrong}]{why}")
        ok = sum(sum(v) for v in by_category.values())
        all_ok, all_total = all_ok + ok, all_total + len(cases)
        print(f"{function:<34} {_rate(ok, len(cases))}")
        for category, results in sorted(by_category.items()):
            print(f"    {category:<30} {_rate(sum(results), len(results))}")
    print(f"{'all items':<34} {_rate(all_ok, all_total)}")
    print(f"{'all graded fields':<34} {_rate(fields_ok, fields_total)}")
    if args.failures or failures:
        print("\nfailing items:")
        for line in failures:
            print(f"    {line}")
    if args.speed:
        speed(args.runs)


if __name__ == "__main__":
    main()
