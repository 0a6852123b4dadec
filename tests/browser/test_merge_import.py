"""Merging duplicates and importing a file (dry run, report, confirm) in a real browser."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session, sessionmaker

from tests.browser.conftest import add_lead, shot


def test_merge_with_a_side_by_side_choice(page: Page, sessions: sessionmaker[Session]) -> None:
    keep = add_lead(sessions, first_name="Jon", last_name="Doe", phone="+15553210030")
    dup = add_lead(sessions, first_name="Jonathan", last_name="Doe", phone="+15553210031",
                   email="jon@example.com")
    page.goto(f"/dashboard/leads/{keep}")
    page.fill("input[name=duplicate]", str(dup))
    page.get_by_role("button", name="Merge a duplicate in…").click()
    expect(page.locator("#merge")).to_contain_text("Jonathan")
    page.check("input[name=pick_first_name][value=duplicate]")
    shot(page, "merge")
    page.click("#do-merge")
    expect(page.locator("#notice")).to_contain_text(f"#{dup} merged")
    expect(page.locator("#lead-name")).to_contain_text("Jonathan Doe")
    page.locator("#edit summary").click()
    expect(page.locator("input[aria-label='email 1']")).to_have_value("jon@example.com")
    expect(page.locator("#timeline")).to_contain_text("merge")
    page.goto(f"/dashboard/leads/{dup}")
    expect(page.locator("h1")).to_contain_text("archived")
    expect(page.get_by_text(f"Merged into lead #{keep}")).to_be_visible()


def test_import_with_a_dry_run_and_a_report(page: Page, sessions: sessionmaker[Session],
                                            tmp_path: Path) -> None:
    add_lead(sessions, first_name="Maria", last_name="Gonzalez", phone="+15125550101",
             address={"postal_code": "78701"})
    path = tmp_path / "contacts.csv"
    path.write_text("\ufeffFirst Name;Last Name;Phone Number;Zip Code;E-mail\n"
                    "Maria;Gonzalez;(512) 555-0101;78701;maria@example.com\n"
                    "Tom;Nguyen;512 555 0177;78702;\n"
                    "Broken;Row;banana;;\n", encoding="utf-8")
    page.click("header >> text=Import")
    page.set_input_files("#file", str(path))
    page.get_by_role("button", name="Preview (dry run)").click()
    expect(page.locator("#summary")).to_contain_text("nothing stored yet")
    expect(page.locator("#mapping")).to_contain_text("Phone Number")
    rows = page.locator("#rows")
    expect(rows).to_contain_text("updated")
    expect(rows).to_contain_text("created")
    expect(rows).to_contain_text("skipped")
    shot(page, "import-dry-run")
    other = page.context.new_page()  # the dry run stored nothing
    other.goto("/dashboard/leads?q=Nguyen")
    expect(other.locator("#leads tr[data-lead]")).to_have_count(0)
    other.close()
    page.click("#confirm")
    expect(page.locator("#summary")).to_contain_text("created 1, updated 1, skipped 1")
    page.goto("/dashboard/leads?q=Nguyen")
    expect(page.locator("#leads tr[data-lead]")).to_have_count(1)


def test_a_file_that_is_not_csv_or_xlsx_is_refused_in_words(page: Page,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    page.goto("/dashboard/import")
    page.set_input_files("#file", str(path))
    page.get_by_role("button", name="Preview (dry run)").click()
    expect(page.locator("#import-error")).to_contain_text("not a .csv or .xlsx")
