"""Message templates: defaults in code (English and Spanish), the office's edits in a table.

Fields are filled from the lead and its request ({first_name}, {business}, {when},
{address}, {service}) and from what the staff member gives ({tech}, {eta}); a field
left unfilled is an `Invalid` naming it, never a text with "{tech}" in it.
"""

from __future__ import annotations

import string
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import display
from bot.crm.errors import Invalid, NotFound
from bot.settings import Settings
from store import messages
from store.models import Conversation, Customer, MessageTemplate, ServiceRequest

LANGUAGES = ("en", "es")
DEFAULTS: dict[str, dict[str, str]] = {
    "visit_confirmed": {
        "en": "Hi {first_name}, your visit from {business} is confirmed for {when}. "
              "Reply here if that time doesn't work.",
        "es": "Hola {first_name}, su visita de {business} está confirmada para {when}. "
              "Responda aquí si ese horario no le funciona."},
    "on_the_way": {
        "en": "{tech} from {business} is on the way, about {eta}.",
        "es": "{tech} de {business} va en camino, llega en unos {eta}."},
    "reminder": {
        "en": "Reminder: {business} will see you tomorrow, {when}, at {address}. "
              "Reply here if you need to change it.",
        "es": "Recordatorio: {business} lo visitará mañana, {when}, en {address}. "
              "Responda aquí si necesita cambiarlo."},
    "follow_up": {
        "en": "Hi {first_name}, did we fix it? Reply here if anything still isn't right. "
              "- {business}",
        "es": "Hola {first_name}, ¿quedó resuelto? Responda aquí si algo sigue mal. "
              "- {business}"},
}
MAX_TEXT = 1600  # Twilio's limit for one message body


def fields_of(text: str) -> list[str]:
    """The {names} a template uses, in order; Invalid for a malformed one."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise Invalid(f"the template is malformed: {exc}") from None
    names = []
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise Invalid(f"the template field {{{name}}} must be a plain name like {{tech}}")
        names.append(name)
    return names


def text_of(session: Session, name: str, language: str) -> str:
    """The office's text for a template in a language, else the default."""
    if name not in DEFAULTS:
        raise NotFound(f"no template named {name!r} (known: {', '.join(DEFAULTS)})")
    lang = language if language in LANGUAGES else "en"
    edited = session.scalars(select(MessageTemplate).where(
        MessageTemplate.name == name, MessageTemplate.language == lang)).first()
    return edited.text if edited is not None else DEFAULTS[name][lang]


def all_templates(session: Session) -> list[dict[str, object]]:
    """Every template in every language, with whether the office edited it."""
    edited = {(t.name, t.language): t for t in session.scalars(select(MessageTemplate))}
    out: list[dict[str, object]] = []
    for name, texts in DEFAULTS.items():
        for lang in LANGUAGES:
            row = edited.get((name, lang))
            out.append({"name": name, "language": lang,
                        "text": row.text if row else texts[lang], "edited": row is not None,
                        "default": texts[lang], "fields": fields_of(texts[lang]),
                        "updated_by": row.updated_by if row else None})
    return out


def save(session: Session, name: str, language: str, text: str, staff: str | None,
         now: datetime) -> MessageTemplate:
    """The office's own text for a template (an existing name, en or es)."""
    if name not in DEFAULTS:
        raise NotFound(f"no template named {name!r} (known: {', '.join(DEFAULTS)})")
    if language not in LANGUAGES:
        raise Invalid(f"language must be one of {', '.join(LANGUAGES)}")
    text = text.strip()
    if not text or len(text) > MAX_TEXT:
        raise Invalid(f"the text must be 1 to {MAX_TEXT} characters")
    fields_of(text)
    row = session.scalars(select(MessageTemplate).where(
        MessageTemplate.name == name, MessageTemplate.language == language)).first()
    if row is None:
        row = MessageTemplate(name=name, language=language, text=text)
        session.add(row)
    row.text, row.updated_at, row.updated_by = text, now, staff
    session.flush()
    return row


def known_fields(c: Customer, r: ServiceRequest | None, settings: Settings,
                 now: datetime) -> dict[str, str]:
    """What the lead and the request fill in by themselves."""
    known = {"business": settings.business_name,
             "first_name": c.first_name or c.company_name or ""}
    if r is not None:
        known["service"] = r.service
        if r.scheduled_for is not None:
            known["when"] = display.when(r.scheduled_for, settings.business_timezone, now)
        place = display.address(r.address) or r.address_text or display.address(c.address)
        if place:
            known["address"] = place
    elif display.address(c.address):
        known["address"] = display.address(c.address)
    return {k: v for k, v in known.items() if v}


def fill(text: str, values: dict[str, str]) -> str:
    """The template with every field filled; Invalid naming the fields that are missing."""
    names = fields_of(text)
    missing = [n for n in dict.fromkeys(names) if not str(values.get(n, "")).strip()]
    if missing:
        raise Invalid("missing template field(s): " + ", ".join(missing))
    filled = text.format(**{n: str(values[n]).strip() for n in names})
    if len(filled) > MAX_TEXT:
        raise Invalid(f"the filled text is longer than {MAX_TEXT} characters")
    return filled


def language_of(session: Session, c: Customer) -> str:
    """The texter's language: what their latest conversation follows (English by default)."""
    latest = messages.latest_inbound(session, c)
    if latest is None:
        return "en"
    conv = session.scalars(select(Conversation).where(
        Conversation.channel == latest.channel,
        Conversation.sender_key == latest.sender_key)).first()
    lang = (conv.state or {}).get("lang") if conv is not None else None
    return lang if lang in LANGUAGES else "en"


def compose(session: Session, settings: Settings, c: Customer, name: str,
            given: dict[str, str], r: ServiceRequest | None, now: datetime) -> str:
    """A template in the texter's language, filled from the records and `given`."""
    text = text_of(session, name, language_of(session, c))
    return fill(text, {**known_fields(c, r, settings, now), **given})
