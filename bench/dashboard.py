"""Dashboard pages rendered at 100,000 leads, on SQLite and PostgreSQL.

    python -m bench.dashboard [--leads 100000] [--runs 7] [--backend sqlite|postgres|both]

Each page is fetched through the whole app (login session, service, template) with
Starlette's TestClient; the baseline, measured in the same run, is the style sheet (a
static file behind no query) and the login page (a template, no data). Prints the median
in milliseconds and the ratio against the static baseline; the target is under 300 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bench.seed_leads import BACKENDS, chosen_backends, timed_seed
from bot.app import create_app
from bot.settings import load_settings

PAGES = {
    "static file (baseline)": "/dashboard/static/app.css",
    "login page (baseline)": "/dashboard/login",
    "today": "/dashboard/today",
    "lead list": "/dashboard/leads",
    "list, page 1000": "/dashboard/leads?page=1000",
    "search: name": "/dashboard/leads?q=maria+gonzalez",
    "search: last 4 digits": "/dashboard/leads?q=0101",
    "search: address": "/dashboard/leads?q=1234+oak+avenue",
    "filter: status + tag": "/dashboard/leads?status=quoted&tag=vip",
    "board": "/dashboard/kanban",
}


def measure(engine: Engine, runs: int) -> dict[str, float]:
    """Median milliseconds per page, logged in as a staff member."""
    settings = load_settings(admin_token="bench-token", outbox_in_process=False,
                             database_url=str(engine.url))
    results: dict[str, float] = {}
    with TestClient(create_app(settings, engine), follow_redirects=False) as client:
        login = client.post("/dashboard/login", data={"name": "Bench", "password": "bench-token"})
        assert login.status_code == 303, login.text
        for name, path in PAGES.items():
            client.get(path)  # warm up caches and compiled templates
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (path, response.status_code)
            results[name] = statistics.median(times)
    return results


def main() -> None:
    """Print, per backend and page, the median and the ratio against the static file."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    for backend in chosen_backends(args.backend):
        with BACKENDS[backend]() as engine:
            seconds = timed_seed(engine, args.leads)
            results = measure(engine, args.runs)
        base = results["static file (baseline)"]
        print(f"\n{backend}: {args.leads:,} leads (seeded in {seconds:.0f} s), "
              f"median of {args.runs} runs")
        print(f"{'page':<26}{'ms':>9}{'x static':>10}  target 300 ms")
        for name, ms in results.items():
            verdict = "" if "baseline" in name else ("ok" if ms < 300 else "SLOW")
            print(f"{name:<26}{ms:>9.1f}{ms / base:>10.1f}  {verdict}")


if __name__ == "__main__":
    main()
