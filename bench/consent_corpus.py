"""Print per-class precision/recall/F1 of consent.keywords on the labelled corpus.

Run from the repo root: python -m bench.consent_corpus
"""

from consent.keywords import Intent, classify
from tests.consent.corpus import CORPUS, HOLDOUT, OPTED_OUT_CORPUS
from tests.consent.corpus_disguised import DISGUISED


def _rows(pairs: list[tuple[str, Intent]], opted_out: bool) -> list[tuple[str, Intent, Intent]]:
    return [(m, want, classify(m, opted_out=opted_out).intent) for m, want in pairs]


def _report(title: str, rows: list[tuple[str, Intent, Intent]]) -> None:
    print(f"{title}: {len(rows)} messages")
    print(f"  {'class':<17} {'n':>4} {'precision':>9} {'recall':>7} {'f1':>6}")
    for cls in Intent:
        tp = sum(w is cls and g is cls for _, w, g in rows)
        fp = sum(w is not cls and g is cls for _, w, g in rows)
        fn = sum(w is cls and g is not cls for _, w, g in rows)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {cls.value:<17} {tp + fn:>4} {p:>9.3f} {r:>7.3f} {f1:>6.3f}")
    wrong = [(m, w, g) for m, w, g in rows if w is not g]
    print(f"  misclassified: {len(wrong)}")
    for m, w, g in wrong:
        print(f"    expected {w.value:<16} got {g.value:<16} {m!r}")


def main() -> None:
    rows = _rows(CORPUS, False) + _rows(OPTED_OUT_CORPUS, True)
    _report("all (CORPUS + OPTED_OUT_CORPUS)", rows)
    _report("holdout only (written after the classifier)", _rows(HOLDOUT, False))
    _report("disguised keywords and short Spanish opt-outs (added 2026-12-01)",
            _rows(DISGUISED, False))


if __name__ == "__main__":
    main()
