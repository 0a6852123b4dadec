"""`intake chat`: the real pipeline in a terminal, no credentials needed."""

from __future__ import annotations

import sys
import uuid
from typing import TextIO

import phonenumbers

from bot.errors import CliError
from bot.messages import InboundMessage
from bot.pipeline import Pipeline
from bot.settings import Settings
from store.db import make_engine, session_factory
from store.migrate import upgrade


def run_console(settings: Settings, *, phone: str, channel: str,
                stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    """Read lines, print the bot's answers, until end of input or /quit."""
    try:
        number = phonenumbers.parse(phone, settings.default_region)
    except phonenumbers.NumberParseException:
        raise CliError(f"--phone {phone!r} is not a phone number") from None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    engine = make_engine(settings.database_url, settings.database_bounds)
    if engine.dialect.name == "sqlite":
        upgrade(engine)
    pipeline = Pipeline(session_factory(engine), settings)
    stdout.write(f"Texting {settings.business_name} as {e164} ({channel}). "
                 "Type /quit or press Ctrl-D to leave.\n")
    for line in stdin:
        text = line.rstrip("\n")
        if text.strip() == "/quit":
            break
        msg = InboundMessage(channel="console", sender_key=e164,
                             phone=e164 if channel == "sms" else None, text=text,
                             provider_id=f"console-{uuid.uuid4()}", source="console")
        for reply in pipeline.handle(msg).texts:
            stdout.write(f"bot> {reply}\n")
        stdout.flush()
    return 0
