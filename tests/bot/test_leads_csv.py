"""`intake leads import | export | merge`: the CLI's report, dry run, round trip, errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from bot.errors import CliError
from bot.leads_csv import run_export, run_import, run_merge
from bot.settings import Settings
from store.models import Customer

CSV = """First Name,Last Name,Phone Number,E-mail,Zip Code,Status,Tags
Maria,Lopez,(555) 123-0001,maria@example.com,62704,Quoted,vip;repeat
Bob,Smith,+1 555 123 0002,,75201,prospect,
Nobody,Known,,,00000,,
X,Y,not a phone,,,,
"""


@pytest.fixture
def wired(engine: Engine, settings: Settings) -> Settings:
    settings.database_url = engine.url.render_as_string(hide_password=False)
    return settings


def _count(engine: Engine) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count(Customer.id))) or 0


def test_import_prints_a_line_for_every_row_not_simply_created(
        wired: Settings, engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(CSV)
    out = io.StringIO()
    assert run_import(wired, str(path), out=out) == 0
    text = out.getvalue()
    assert text.startswith("created 2, updated 0, skipped 2")
    assert "line 4: skipped: no phone or email" in text
    assert "line 5: skipped: phone 'not a phone' is not a phone number" in text
    assert _count(engine) == 2


def test_dry_run_reports_and_stores_nothing(wired: Settings, engine: Engine,
                                            tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(CSV)
    out = io.StringIO()
    run_import(wired, str(path), dry_run=True, out=out)
    assert out.getvalue().startswith("dry run: would have created 2")
    assert _count(engine) == 0


def test_export_imports_back_unchanged(wired: Settings, engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(CSV)
    run_import(wired, str(path), out=io.StringIO())
    exported = io.StringIO()
    run_export(wired, out=exported)
    assert exported.getvalue().splitlines()[0] == (
        "first_name,last_name,business_name,phone,email,address,city,state,zip,source,tags")
    again = tmp_path / "again.csv"
    again.write_text(exported.getvalue())
    out = io.StringIO()
    run_import(wired, str(again), out=out)
    assert out.getvalue().startswith("created 0, updated 0, skipped 2")
    second = io.StringIO()
    run_export(wired, out=second)
    assert second.getvalue() == exported.getvalue()


def test_a_malformed_file_is_a_cli_error_and_imports_nothing(
        wired: Settings, engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text('phone,first_name\n5551230001,Ann\n5551230002,"Bob\n')
    with pytest.raises(CliError, match="malformed"):
        run_import(wired, str(path), out=io.StringIO())
    assert _count(engine) == 0
    with pytest.raises(CliError, match="cannot read"):
        run_import(wired, str(tmp_path / "missing.csv"))


def test_merge_from_the_cli(wired: Settings, engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(CSV)
    run_import(wired, str(path), out=io.StringIO())
    with Session(engine) as s:
        maria, bob = s.scalars(select(Customer.id).order_by(Customer.id)).all()
    out = io.StringIO()
    run_merge(wired, maria, bob, staff="Dana", out=out)
    assert f"merged lead {bob} into lead {maria}" in out.getvalue()
    with pytest.raises(CliError, match="itself"):
        run_merge(wired, maria, maria)
    with pytest.raises(CliError, match="no lead with id 99999999999999999999"):
        run_merge(wired, maria, 99999999999999999999)
