"""Import leads from a .csv or .xlsx: upload, column mapping and dry run, then confirm."""

from __future__ import annotations

import base64
import binascii

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from bot.crm import importer
from bot.crm.errors import CrmError
from bot.crm.schemas import ImportReport
from bot.dashboard.auth import require_login, staff_of
from bot.dashboard.forms import checked, settings_of, text, unit
from bot.dashboard.render import render

router = APIRouter(prefix="/dashboard/import", include_in_schema=False,
                   dependencies=[Depends(require_login)])
MAX_BYTES = 10 * 1024 * 1024
SUFFIXES = (".csv", ".xlsx")


def _page(request: Request, status: int = 200, error: str = "",
          report: ImportReport | None = None, filename: str = "", data: bytes = b"") -> Response:
    return render(request, "import.html", status_code=status, error=error, report=report,
                  filename=filename, payload=base64.b64encode(data).decode() if data else "",
                  columns=importer.EXPORT_COLUMNS)


def _run(request: Request, filename: str, data: bytes, dry_run: bool) -> Response:
    region = settings_of(request).default_region
    with unit(request) as uow:
        try:
            report = importer.import_leads(uow.session, filename, data, dry_run,
                                           staff_of(request), region=region)
        except CrmError as exc:
            return _page(request, 422, f"Nothing was imported: {exc}")
        if not dry_run:
            uow.commit()
            request.app.state.filter_options = None  # new sources and tags show at once
    return _page(request, report=report, filename=filename, data=data if dry_run else b"")


@router.get("")
def import_page(request: Request) -> Response:
    """The upload form."""
    return _page(request)


@router.post("")
async def preview(request: Request) -> Response:
    """Read the file and show what would happen (a dry run: nothing is stored)."""
    form = checked(request, await request.form(max_part_size=MAX_BYTES))
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _page(request, 422, "Choose a .csv or .xlsx file first.")
    if not upload.filename.lower().endswith(SUFFIXES):
        return _page(request, 422, f"{upload.filename!r} is not a .csv or .xlsx file.")
    data = await upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return _page(request, 413, "The file is larger than 10 MB: split it, or use the CLI.")
    return await run_in_threadpool(_run, request, upload.filename, data, True)


@router.post("/confirm")
async def confirm(request: Request) -> Response:
    """Import the previewed file for real."""
    form = checked(request, await request.form(max_part_size=2 * MAX_BYTES))
    filename = text(form, "filename")
    try:
        data = base64.b64decode(text(form, "payload"), validate=True)
    except (binascii.Error, ValueError):
        data = b""
    if not data or not filename.lower().endswith(SUFFIXES):
        return _page(request, 422, "The previewed file was lost: upload it again.")
    return await run_in_threadpool(_run, request, filename, data, False)
