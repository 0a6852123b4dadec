"""The parts of a Telegram Update the bot reads, checked before python-telegram-bot parses it.

python-telegram-bot takes what it is given (a message without `chat`, a text that is a
number, a chat id beyond 64 bits); the database and the translation would then fail. A
real Telegram update always fits this shape, so one that does not is answered 400.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from bot.sanitize import storable

Int64 = Annotated[StrictInt, Field(ge=-(2**63), le=2**63 - 1)]
MAX_TEXT = 4096  # Telegram's limit for a message text
MAX_CAPTION = 1024


class _Part(BaseModel):
    model_config = ConfigDict(extra="allow")


class Chat(_Part):
    id: Int64
    type: StrictStr


class User(_Part):
    id: Int64


class Contact(_Part):
    phone_number: Annotated[StrictStr, Field(max_length=64)]
    user_id: Int64 | None = None


class Message(_Part):
    chat: Chat
    from_: User | None = Field(default=None, alias="from")
    text: Annotated[StrictStr, Field(max_length=MAX_TEXT)] | None = None
    caption: Annotated[StrictStr, Field(max_length=MAX_CAPTION)] | None = None
    contact: Contact | None = None


class Member(_Part):
    status: StrictStr


class MemberUpdate(_Part):
    chat: Chat
    old_chat_member: Member
    new_chat_member: Member


class UpdateShape(_Part):
    update_id: Int64
    message: Message | None = None
    edited_message: Message | None = None
    channel_post: Message | None = None
    edited_channel_post: Message | None = None
    my_chat_member: MemberUpdate | None = None


def cleaned(value: Any) -> Any:
    """`value` with every string (keys too) made storable: no NUL, no lone surrogate."""
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, dict):
        return {storable(k): cleaned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [cleaned(v) for v in value]
    return value


def shape_problem(data: dict[str, Any]) -> str | None:
    """Why `data` cannot be a Telegram Update the bot reads (field and reason), or None."""
    try:
        UpdateShape.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "update"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        return f"not a Telegram Update: {where}: {first['msg']}{more}"
    return None
