"""How a draft request reads back to the texter, and the stored form of a time answer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.conversation.parsing import display_phone
from bot.conversation.state import Draft
from bot.conversation.when import PreferredTime


def when_to_dict(when: PreferredTime) -> dict[str, Any]:
    """JSON-ready preferred time."""
    return {"start": when.start.isoformat() if when.start else None,
            "end": when.end.isoformat() if when.end else None,
            "asap": when.asap, "text": when.text}


def describe_when(when: dict[str, Any] | None) -> str:
    """"Tue Dec 1, 3:00 PM", "Tue Dec 1, 8:00 AM-12:00 PM", "as soon as possible"."""
    if not when:
        return ""
    if when.get("asap") or not when.get("start"):
        return "as soon as possible"
    start = datetime.fromisoformat(when["start"])
    text = start.strftime("%a %b %-d, %-I:%M %p")
    if when.get("end"):
        end = datetime.fromisoformat(when["end"])
        same_day = end.date() == start.date()
        text += "-" + end.strftime("%-I:%M %p" if same_day else "%a %b %-d, %-I:%M %p")
    return text


def describe_address(draft: Draft) -> str:
    """One line for the address, or the texter's verbatim words."""
    a = draft.address
    if not a:
        return draft.address_text or ""
    place = ", ".join(p for p in (a.get("city"), " ".join(
        x for x in (a.get("state"), a.get("postal_code")) if x)) if p)
    street = " ".join(x for x in (a.get("line1"), a.get("line2")) if x)
    return f"{street}, {place}" if place else street


def render_summary(draft: Draft, region: str) -> str:
    """The summary the texter confirms."""
    name = " ".join(x for x in (draft.first_name, draft.last_name) if x) or draft.company_name
    lines = [
        "Here's your request:",
        f"Name: {name}",
        f"Phone: {display_phone(draft.phone or '', region)}",
        f"Address: {describe_address(draft)}",
        f"Need: {draft.service}",
        f"When: {describe_when(draft.when)}",
        f"Email: {draft.email or '(none)'}",
        "Reply YES to send it, or tell me what to change "
        "(name, phone, address, need, time or email).",
    ]
    return "\n".join(lines)
