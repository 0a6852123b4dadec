"""The conversation corpus through the pure engine: pass rate by category.

    python -m bench.conversation [--failures]

Each whole conversation (tests/bot/conversation/corpus/) is graded field by field: the name
split, company, phone, address parts, need, time window, email, consent, the turn that
closes the intake, and re-asks after a valid answer. The script prints one line per category
and the total; `--failures` lists every failing conversation with what went wrong.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict

from tests.bot.conversation.corpus import all_cases
from tests.bot.conversation.corpus.runner import Graded, run


def main() -> None:
    """Print the pass rate by category (and the failures when asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list failing conversations")
    args = parser.parse_args()
    by_category: dict[str, list[Graded]] = defaultdict(list)
    timings = []
    for c in all_cases():
        start = time.perf_counter()
        result = run(c)
        timings.append((time.perf_counter() - start) / len(c.turns))
        by_category[c.category].append(result)
    total = passed = 0
    print(f"{'category':<26} {'passed':>7} {'total':>6} {'rate':>7}")
    for category, graded in sorted(by_category.items()):
        ok = sum(g.passed for g in graded)
        total, passed = total + len(graded), passed + ok
        print(f"{category:<26} {ok:>7} {len(graded):>6} {ok / len(graded):>7.1%}")
    print(f"{'all':<26} {passed:>7} {total:>6} {passed / total:>7.1%}")
    print(f"median time per turn: {statistics.median(timings) * 1000:.2f} ms")
    if args.failures:
        for failed in (g for gs in by_category.values() for g in gs if not g.passed):
            print(f"\n{failed.case.id} ({failed.case.category}): {'; '.join(failed.failures)}")


if __name__ == "__main__":
    main()
