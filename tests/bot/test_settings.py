"""Settings refuse nonsense with a message naming the variable."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.settings import load_settings


@pytest.mark.parametrize(("field", "value", "words"), [
    ("database_url", "not a url", "DATABASE_URL"),
    ("database_url", "mysql://x@y/z", "sqlite"),
    ("default_region", "XX", "DEFAULT_REGION"),
    ("business_timezone", "Mars/Olympus", "BUSINESS_TIMEZONE"),
    ("public_base_url", "intake.example.com", "PUBLIC_BASE_URL"),
])
def test_bad_values_are_refused(field: str, value: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        load_settings(**{field: value})


def test_defaults_match_the_contract(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]
    for key in ("DATABASE_URL", "BUSINESS_NAME", "DEFAULT_REGION", "CONVERSATION_IDLE_MINUTES"):
        monkeypatch.delenv(key, raising=False)
    s = load_settings()
    assert s.database_url == "sqlite:///./intake.db" and s.business_name == "Our team"
    assert s.default_region == "US" and s.conversation_idle_minutes == 1440
    assert s.twilio_validate_signature and s.outbox_in_process


def test_environment_and_dotenv_are_read(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from pathlib import Path

    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]
    Path(".env").write_text("BUSINESS_NAME=Dotenv Plumbing\nDEFAULT_REGION=gb\n")
    monkeypatch.setenv("OFFICE_SMS_NUMBERS", "+15550001111, +15550002222")
    monkeypatch.delenv("BUSINESS_NAME", raising=False)
    monkeypatch.delenv("DEFAULT_REGION", raising=False)
    s = load_settings()
    assert s.business_name == "Dotenv Plumbing" and s.default_region == "GB"
    assert s.office_sms_list == ["+15550001111", "+15550002222"]
