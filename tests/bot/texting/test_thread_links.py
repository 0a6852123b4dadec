"""The thread is complete: a known texter's new messages, and a web chat's earlier ones."""

from __future__ import annotations

from sqlalchemy import select

from bot.messages import InboundMessage
from bot.pipeline import Pipeline
from store.models import MessageLog
from tests.bot.texting.conftest import PHONE, Office


def _say(office: Office, channel: str, key: str, text: str, phone: str | None = None) -> None:
    pipeline: Pipeline = office.client.app.state.pipeline  # type: ignore[attr-defined]
    office.said += 1
    pipeline.handle(InboundMessage(channel=channel, sender_key=key, phone=phone, text=text,
                                   provider_id=f"link-{office.said}"))


def test_a_known_texters_messages_carry_the_lead(office: Office) -> None:
    lead_id, _ = office.lead()
    _say(office, "sms", PHONE, "is anyone coming today?", phone=PHONE)
    with office.sessions() as s:
        rows = s.scalars(select(MessageLog).where(MessageLog.sender_key == PHONE)).all()
    assert rows and {r.customer_id for r in rows} == {lead_id}


def test_web_chat_messages_before_the_phone_join_the_lead(office: Office) -> None:
    lead_id, _ = office.lead(phone="+15125550177", first_name="Bob")
    key = "web-abc123"
    _say(office, "web", key, "hi, this is Bob Smith")
    with office.sessions() as s:
        early = s.scalars(select(MessageLog).where(MessageLog.sender_key == key)).all()
    assert early and all(r.customer_id is None for r in early)  # nobody known yet
    _say(office, "web", key, "(512) 555-0177")
    with office.sessions() as s:
        rows = s.scalars(select(MessageLog).where(MessageLog.sender_key == key)).all()
    assert {r.customer_id for r in rows} == {lead_id}
    texts = [m["text"] for m in office.thread(lead_id)]
    assert "hi, this is Bob Smith" in texts and "(512) 555-0177" in texts
