"""/api/leads/import and /api/leads/export: files in and out, through bot.crm.importer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from bot.api.auth import sessions_of
from bot.api.crm_route import CrmRoute, region_of, staff_header
from bot.crm import importer
from bot.crm.errors import Invalid
from bot.crm.schemas import ImportReport
from store.uow import UnitOfWork

# Included by bot.api.leads (its prefix, token and error answers) before /{lead_id}.
router = APIRouter(route_class=CrmRoute)
MAX_UPLOAD = 50 * 1024 * 1024


@router.post("/import", response_model=ImportReport)
async def import_file(request: Request, file: Annotated[UploadFile, File(
        description=".csv (`,` or `;`) or .xlsx")],
                      staff: Annotated[str | None, Depends(staff_header)],
                      region: Annotated[str, Depends(region_of)],
                      dry_run: bool = Query(False, description="report only, store nothing")
                      ) -> ImportReport:
    """Create or update leads from a file; a report line for every row; all or nothing."""
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise Invalid(f"the file is larger than {MAX_UPLOAD // (1024 * 1024)} MB")
    return await run_in_threadpool(_import, sessions_of(request), file.filename or "",
                                   data, dry_run, staff, region)


def _import(sessions: sessionmaker[Session], filename: str, data: bytes, dry_run: bool,
            staff: str | None, region: str) -> ImportReport:
    with UnitOfWork(sessions) as uow:
        report = importer.import_leads(uow.session, filename, data, dry_run, staff,
                                       region=region)
        if not dry_run:
            uow.commit()
    return report


def _lines(sessions: sessionmaker[Session], archived: bool) -> Iterator[str]:
    with sessions() as session:
        yield from importer.export_leads(session, archived=archived)


@router.get("/export", response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}}, "description": "the leads as CSV"}})
def export(request: Request, format: Literal["csv"] = "csv",
           archived: bool = False) -> StreamingResponse:
    """Every lead as CSV in the import's columns (it imports back unchanged)."""
    return StreamingResponse(_lines(sessions_of(request), archived),
                             media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="leads.csv"'})
