"""`intake leads import | export | merge`: the CLI's edge onto the CRM service layer."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn, TextIO

from tqdm import tqdm

from bot.crm import importer, leads
from bot.crm.errors import CrmError
from bot.crm.importer import Progress
from bot.errors import CliError
from bot.settings import Settings
from store.db import make_engine, session_factory
from store.uow import UnitOfWork


def _progress(out: TextIO) -> tuple[Progress | None, tqdm[NoReturn] | None]:
    """A tqdm bar on a terminal (on stderr, so stdout stays the report); none otherwise."""
    if not out.isatty():
        return None, None
    bar: tqdm[NoReturn] = tqdm(total=0, unit="row", file=out, leave=False)

    def advance(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    return advance, bar


def run_import(settings: Settings, path: str, dry_run: bool = False, staff: str | None = None,
               out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """`intake leads import FILE [--dry-run]`: one transaction; prints the report."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from None
    sessions = session_factory(make_engine(settings.database_url, settings.batch_database_bounds))
    progress, bar = _progress(err)
    with UnitOfWork(sessions) as uow:
        try:
            report = importer.import_leads(uow.session, Path(path).name, data, dry_run, staff,
                                           progress, region=settings.default_region)
        except CrmError as exc:
            raise CliError(f"{path}: {exc}; nothing was imported") from None
        finally:
            if bar is not None:
                bar.close()
        if not dry_run:
            uow.commit()
    out.write(report.summary() + "\n")
    for row in report.entries():
        if row.action == "skipped" or row.reason:
            lead = f" lead {row.lead_id}" if row.lead_id else ""
            out.write(f"  line {row.line}: {row.action}{lead}: {row.reason}\n")
    return 0


def run_export(settings: Settings, archived: bool = False, out: TextIO = sys.stdout) -> int:
    """`intake leads export`: every lead as CSV on stdout (the import's columns)."""
    sessions = session_factory(make_engine(settings.database_url, settings.batch_database_bounds))
    with sessions() as session:
        for line in importer.export_leads(session, archived=archived):
            out.write(line)
    return 0


def run_merge(settings: Settings, keep_id: int, duplicate_id: int, staff: str | None = None,
              out: TextIO = sys.stdout) -> int:
    """`intake leads merge KEEP DUPLICATE`: fold the duplicate into the lead kept."""
    sessions = session_factory(make_engine(settings.database_url, settings.batch_database_bounds))
    with UnitOfWork(sessions) as uow:
        try:
            kept = leads.merge(uow.session, keep_id, duplicate_id, staff)
        except CrmError as exc:
            raise CliError(str(exc)) from None
        uow.commit()
        out.write(f"merged lead {duplicate_id} into lead {kept.id}; lead {duplicate_id} is "
                  "archived\n")
    return 0
