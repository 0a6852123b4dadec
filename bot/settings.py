"""Typed settings from the environment (and a `.env` file), validated once."""

from __future__ import annotations

import dataclasses
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from store.db import Bounds

BATCH_STATEMENT_SECONDS = 3600.0

MIN_SECRET_LENGTH = 16
# Secrets that verify what reaches us (or sign what the office trusts) and their variables.
CHECKED_SECRETS = {"admin_token": "ADMIN_TOKEN", "twilio_auth_token": "TWILIO_AUTH_TOKEN",
                   "telegram_webhook_secret": "TELEGRAM_WEBHOOK_SECRET",
                   "office_webhook_secret": "OFFICE_WEBHOOK_SECRET"}
# A value made only of these words (and digits, x's) is a placeholder, not a secret.
PLACEHOLDER = re.compile(
    r"(?:change|me|secret|passw[o0]rd|pass|test(?:ing)?|token|admin|default|example|sample|"
    r"placeholder|dummy|demo|qwerty|letmein|your|my|the|here|replace|put|insert|todo|fixme|"
    r"webhook|auth|api|key|bot|twilio|telegram|office|x|[0-9])+")
BOT_TOKEN = re.compile(r"[0-9]+:[A-Za-z0-9_-]{30,}")


def weak_secret(value: str) -> str | None:
    """Why `value` is no secret (a placeholder, or too short), or None when it may be one."""
    plain = re.sub(r"[^a-z0-9]", "", value.lower())
    if PLACEHOLDER.fullmatch(plain) or len(set(plain)) <= 2:
        return "is a placeholder"
    if len(value) < MIN_SECRET_LENGTH:
        return f"is shorter than {MIN_SECRET_LENGTH} characters"
    return None


class Settings(BaseSettings):
    """Every knob of the app; names match CONTRACT.md."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    database_url: str = "sqlite:///./intake.db"
    business_name: str = "Our team"
    business_phone: str = ""
    business_timezone: str = "America/New_York"
    default_region: str = "US"
    public_base_url: str = ""

    twilio_account_sid: str = ""
    twilio_auth_token: str = ""
    twilio_from_number: str = ""
    twilio_messaging_service_sid: str = ""
    twilio_validate_signature: bool = True
    twilio_api_base_url: str = ""

    telegram_bot_token: str = ""
    telegram_webhook_secret: str = ""
    telegram_api_base_url: str = "https://api.telegram.org/bot"

    admin_token: str = ""

    office_telegram_chat_id: str = ""
    office_sms_numbers: str = ""
    office_email: str = ""
    smtp_url: str = ""
    office_webhook_url: str = ""
    office_webhook_secret: str = ""

    conversation_idle_minutes: int = Field(default=1440, ge=1)
    address_max_attempts: int = Field(default=3, ge=1)
    ask_referral_source: bool = False  # ask "How did you hear about us?" of new texters
    outbox_in_process: bool = True
    outbox_max_attempts: int = Field(default=15, ge=1)
    outbox_backoff_base_seconds: float = Field(default=5.0, gt=0)
    outbox_backoff_cap_seconds: float = Field(default=1800.0, gt=0)
    outbox_lease_seconds: float = Field(default=60.0, ge=5)
    outbox_heartbeat_seconds: float = Field(default=2.0, gt=0)
    outbox_dead_after_seconds: float = Field(default=10.0, gt=0)
    outbox_lanes: int = Field(default=32, ge=1)
    # Every wait on the database, bounded well inside Twilio's 15 s (store.db.Bounds).
    database_connect_timeout_seconds: float = Field(default=3.0, gt=0, le=10)
    database_pool_timeout_seconds: float = Field(default=3.0, gt=0, le=10)
    database_statement_timeout_seconds: float = Field(default=5.0, gt=0, le=10)
    database_lock_timeout_seconds: float = Field(default=3.0, gt=0, le=10)
    log_level: str = "INFO"
    # Office texting (docs/office-texting.md): each automatic text can be switched off.
    auto_text_confirmation: bool = True  # "visit confirmed for {when}" once scheduled
    auto_text_reminder: bool = True  # the day before the visit, at reminder_local_hour
    reminder_local_hour: int = Field(default=18, ge=8, le=20)  # business time zone
    auto_text_follow_up: bool = True  # "did we fix it?" some hours after done
    follow_up_after_hours: float = Field(default=24.0, gt=0, le=720)
    # A texter's answer within this long after an office message goes to the office.
    office_reply_window_hours: float = Field(default=72.0, gt=0, le=720)

    @field_validator("database_url")
    @classmethod
    def _url_parses(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError as exc:
            raise ValueError(f"DATABASE_URL is not a SQLAlchemy URL: {exc}") from None
        if url.get_backend_name() not in {"sqlite", "postgresql"}:
            raise ValueError("DATABASE_URL must be sqlite:///... or postgresql+psycopg://...")
        return value

    @field_validator("default_region")
    @classmethod
    def _region_known(cls, value: str) -> str:
        region = value.strip().upper()
        if region not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError(f"DEFAULT_REGION {value!r} is not a known region code (e.g. US)")
        return region

    @field_validator("business_timezone")
    @classmethod
    def _tz_known(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"BUSINESS_TIMEZONE {value!r} is not an IANA time zone") from None
        return value

    @field_validator("public_base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("PUBLIC_BASE_URL must start with https:// (or http://)")
        return value.rstrip("/")

    def secret_problems(self) -> list[str]:
        """Each configured secret that is a placeholder or too short, naming its variable."""
        found = [f"{name} {why}: set a long random value (e.g. `openssl rand -hex 32`)"
                 for field, name in CHECKED_SECRETS.items()
                 if (value := getattr(self, field)) and (why := weak_secret(value))]
        token = self.telegram_bot_token
        if token and (not BOT_TOKEN.fullmatch(token) or weak_secret(token.partition(":")[2])):
            found.append("TELEGRAM_BOT_TOKEN is not a token from @BotFather "
                         "(digits, a colon, then at least 30 characters)")
        return found

    @property
    def database_bounds(self) -> Bounds:
        """The DATABASE_*_TIMEOUT_SECONDS settings, for `store.db.make_engine`."""
        return Bounds(connect=self.database_connect_timeout_seconds,
                      pool=self.database_pool_timeout_seconds,
                      statement=self.database_statement_timeout_seconds,
                      lock=self.database_lock_timeout_seconds)

    @property
    def batch_database_bounds(self) -> Bounds:
        """For one-shot batch commands (migrate, import, export, report): long statements."""
        return dataclasses.replace(self.database_bounds, statement=BATCH_STATEMENT_SECONDS)

    @property
    def office_sms_list(self) -> list[str]:
        """Office phone numbers, comma-separated in the environment."""
        return [n.strip() for n in self.office_sms_numbers.split(",") if n.strip()]


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment, with explicit overrides (tests, CLI flags)."""
    return Settings(**overrides)  # type: ignore[arg-type]
