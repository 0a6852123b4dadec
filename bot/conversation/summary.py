"""How a draft request reads back to the texter: one line per slot that shows itself."""

from __future__ import annotations

from bot.conversation.slots import FORM, SLOTS
from bot.conversation.slots.base import Turn


def render_summary(turn: Turn) -> str:
    """The summary the texter confirms, in the conversation's language."""
    lines = [turn.say("summary.title")]
    for name in FORM:
        slot = SLOTS[name]
        if not slot.enabled(turn.ctx):
            continue
        value = slot.shown(turn)
        if value is not None:
            lines.append(f"{turn.say(f'label.{name}')}: {value}")
    lines.append(turn.say("summary.footer"))
    return "\n".join(lines)


def describe_change(turn: Turn, names: list[str]) -> str:
    """"Got it, I changed the time to Thu Dec 3, 9:00 AM-12:00 PM."."""
    parts = [turn.say("changed.field", field=turn.say(f"field.{n}"),
                      value=SLOTS[n].shown(turn) or "") for n in names]
    return turn.say("changed", fields=", ".join(parts))
