"""Worst-case cost of the text parsers on long, adversarial messages (1,600 characters).

    python -m bench.parsers [--runs 5]

Each parser (consent keywords, time phrases, addresses) is timed on inputs built to make
regular expressions backtrack, and on a typical message as the baseline measured in the
same run; the ratio shows how far the worst input is from ordinary traffic.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime

from bot.conversation.addresses import extract_address, parse_address
from bot.conversation.when import WhenError, parse_when
from consent.keywords import classify

NOW = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)
ADVERSARIAL = ["x" * 1600, "1 " * 800, "#" * 1600, "12 " + "Elm " * 398 + "St", "🏠" * 1600,
               "Apt 4 " * 266, "don't " * 266, "cancel the " * 145, "ya no me " * 177,
               "stop by " * 200, ". " * 800, "9 " * 800, "in " * 533, "12/" * 533]


def _when(text: str) -> None:
    with contextlib.suppress(WhenError):
        parse_when(text, NOW, "America/New_York")


PARSERS: dict[str, tuple[Callable[[str], object], str]] = {
    "consent keywords": (classify, "the water heater in the garage won't stop leaking"),
    "time phrases": (_when, "next tuesday at 3pm"),
    "address (whole answer)": (parse_address, "42 Elm St, Springfield, IL 62704"),
    "address (in a message)": (extract_address,
                               "This is Bob Smith, 42 Elm St Springfield IL, heater leaking"),
}


def _ms(fn: Callable[[str], object], text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(text)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print, per parser, the typical and the worst adversarial median in milliseconds."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for fn, typical in PARSERS.values():  # warm up (dateparser loads its data once)
        fn(typical)
    print(f"median of {args.runs} runs, ms")
    print(f"{'parser':<26}{'typical':>10}{'worst':>10}{'ratio':>8}  worst input")
    for name, (fn, typical) in PARSERS.items():
        base = _ms(fn, typical, args.runs)
        worst_ms, worst_text = max((_ms(fn, t, args.runs), t) for t in ADVERSARIAL)
        print(f"{name:<26}{base:>10.3f}{worst_ms:>10.3f}{worst_ms / base:>8.1f}  "
              f"{worst_text[:24]!r}...")


if __name__ == "__main__":
    main()
