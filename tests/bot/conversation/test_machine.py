"""The conversation as a pure function: no database, no network, a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.conversation.machine import after_keyword, respond
from bot.conversation.state import (
    CancelRequest,
    Context,
    ConvState,
    CreateRequest,
    Handoff,
    Known,
    Outcome,
)
from consent.texts import Business

NOW = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)  # Monday 09:30 in New York
KNOWN = {"+15552223333": Known("Maria", "Lopez", None,
                               {"line1": "12 ELM ST", "line2": None, "city": "SPRINGFIELD",
                                "state": "IL", "postal_code": "62704"},
                               "12 ELM ST", "maria@example.com", open_request=True)}


def ctx(**kw: object) -> Context:
    base: dict[str, object] = {
        "channel": "sms", "business": Business("Ace Plumbing", "(555) 010-0000"),
        "tz": "America/New_York", "region": "US", "lookup": KNOWN.get,
        "caller_phone": "+15551234567"}
    base.update(kw)
    return Context(**base)  # type: ignore[arg-type]


def run(texts: list[str], c: Context | None = None) -> Outcome:
    state = ConvState()
    out = Outcome(state=state)
    for text in texts:
        out = respond(state, text, c or ctx(), NOW)
        state = out.state
    return out


def test_first_reply_carries_the_disclosure_and_asks_the_name() -> None:
    out = run(["hi"])
    assert "Msg & data rates may apply" in out.replies[0] and "STOP" in out.replies[0]
    assert out.replies[-1].startswith("What's your name?")
    assert out.state.step == "name"


def test_each_question_names_what_it_asks_for() -> None:
    steps = {}
    state = ConvState()
    for text in ["hi", "Ann Lee", "yes", "42 Elm St", "leaky faucet", "asap", "skip", "yes"]:
        out = respond(state, text, ctx(), NOW)
        steps[out.state.step] = out.replies[-1]
        state = out.state
    assert "best number to reach you" in steps["phone"]
    assert "service address" in steps["address"]
    assert "need help with" in steps["service"]
    assert "When would you like us to come" in steps["when"]
    assert "email" in steps["email"]
    assert "Here's your request" in steps["summary"]


def test_confirming_the_summary_creates_the_request_once() -> None:
    out = run(["hi", "Ann Lee", "yes", "42 Elm St", "leaky faucet", "tomorrow morning",
               "ann@example.com", "no", "yes"])
    [effect] = [e for e in out.effects if isinstance(e, CreateRequest)]
    d = effect.draft
    assert (d.first_name, d.last_name, d.phone, d.email) == (
        "Ann", "Lee", "+15551234567", "ann@example.com")
    assert d.address and d.address["line1"] == "42 ELM ST"
    assert d.when and d.when["text"] == "tomorrow morning" and not d.when["asap"]
    assert out.state.step == "done" and "received" in out.replies[-1]


def test_after_a_completed_request_the_next_message_starts_a_new_one() -> None:
    out = run(["hi", "Ann Lee", "yes", "42 Elm St", "faucet", "asap", "skip", "no", "yes",
               "hello again"])
    assert out.state.step != "done" and out.effects == []
    assert out.state.draft.service is None


def test_telegram_texter_is_asked_for_a_phone_and_recognised_by_it() -> None:
    c = ctx(channel="telegram", caller_phone=None)
    out = run(["/start", "Maria Lopez", "(555) 222-3333"], c)
    assert "Welcome back, Maria!" in out.replies
    assert "Same address, 12 ELM ST?" in out.replies[-1]


def test_unreadable_address_is_kept_verbatim_after_repeated_failures() -> None:
    out = run(["hi", "Ann Lee", "yes", "the blue house", "behind the church", "by the lake"])
    d = out.state.draft
    assert d.address is None and d.address_text == "by the lake" and d.needs_attention
    assert out.state.step == "service"


def test_handoff_asks_for_the_phone_first_when_unknown() -> None:
    c = ctx(channel="telegram", caller_phone=None)
    out = run(["hi", "call me"], c)
    assert out.state.step == "phone" and out.effects == []
    out2 = respond(out.state, "555 444 1212", c, NOW)
    [handoff] = [e for e in out2.effects if isinstance(e, Handoff)]
    assert handoff.phone == "+15554441212"


def test_handoff_with_a_known_phone_notifies_at_once() -> None:
    out = run(["hi", "I want to talk to a human"])
    assert any(isinstance(e, Handoff) for e in out.effects)
    assert "will call you at (555) 123-4567" in out.replies[-1]


def test_never_mind_drops_the_request() -> None:
    out = run(["hi", "Ann Lee", "never mind"])
    assert out.state.step == "done" and out.state.draft.first_name is None


def test_start_over_restarts_but_keeps_the_disclosure_once() -> None:
    out = run(["hi", "Ann Lee", "start over"])
    assert out.state.step == "name" and out.state.disclosure == "shown"
    assert not any("Msg & data rates" in r for r in out.replies)


def test_every_answer_is_kept_in_the_summary_words() -> None:
    out = run(["hi", "Ann Lee", "yes", "42 Elm St", "water everywhere in the basement!!",
               "friday afternoon", "skip"])
    assert out.state.draft.service == "water everywhere in the basement!!"
    assert out.state.draft.when and out.state.draft.when["text"] == "friday afternoon"


def test_state_round_trips_through_json() -> None:
    import json

    state = run(["hi", "Ann Lee", "yes", "42 Elm St"]).state
    again = ConvState.from_dict(json.loads(json.dumps(state.to_dict())))
    assert again == state
    assert ConvState.from_dict({"step": "name", "unknown_future_key": 1}).step == "name"


def test_one_message_with_name_address_need_and_time_fills_them_all() -> None:
    out = run(["This is Bob Smith, 42 Elm St Springfield IL, water heater leaking, "
               "tomorrow morning"])
    d = out.state.draft
    assert (d.first_name, d.last_name) == ("Bob", "Smith")
    assert d.address and d.address["line1"] == "42 ELM ST" and d.address["city"] == "SPRINGFIELD"
    assert d.service == "water heater leaking"
    assert d.when and d.when["text"] == "tomorrow morning"
    assert out.state.step == "phone"


def test_state_saved_with_the_old_booleans_continues_in_the_named_modes() -> None:
    old = {"step": "phone", "draft": {"first_name": "Ann", "last_name": "Lee",
                                      "address_failures": 1},
           "history": ["name"], "editing": False, "disclosed": True, "greeted": True,
           "returning": False, "handoff_pending": True, "consent_answered": False, "lang": "en"}
    s = ConvState.from_dict(old)
    assert (s.mode, s.texter, s.disclosure, s.step) == ("handoff", "named", "shown", "phone")
    out = respond(s, "555 444 1212", ctx(caller_phone=None), NOW)
    assert any(isinstance(e, Handoff) for e in out.effects)
    done = ConvState.from_dict({"step": "done", "disclosed": True, "returning": True})
    assert (done.mode, done.ending, done.texter) == ("done", "submitted", "returning")


def test_an_idle_conversation_starts_fresh_and_keeps_the_disclosure_once() -> None:
    state = run(["hi", "Ann Lee", "yes"]).state
    later = ctx(last_seen=NOW - timedelta(minutes=30), idle_minutes=20)
    out = respond(state, "hello again", later, NOW)
    assert out.state.step == "name" and out.state.draft.first_name is None
    assert not any("Msg & data rates" in r for r in out.replies)


def test_help_and_a_resubscribe_ask_the_pending_question_again() -> None:
    state = run(["hi", "Ann Lee"]).state
    again = after_keyword(state, "help", ctx(), NOW)
    assert again.replies == ["Is (555) 123-4567 the best number to reach you? "
                             "(reply YES, or send a different number)"]
    assert again.state == state
    restarted = after_keyword(state, "start", ctx(), NOW)
    assert restarted.replies[0] == "OK, let's start over." and restarted.state.step == "name"


def test_cancel_my_appointment_mid_intake_asks_then_drops_the_draft() -> None:
    out = run(["hi", "Ann Lee", "cancel my appointment"])
    assert "stop all texts" in out.replies[-1] and out.state.mode == "cancel_choice"
    dropped = respond(out.state, "cancel the request", ctx(), NOW)
    assert dropped.state.mode == "done" and dropped.effects == []
    assert "nothing was sent" in dropped.replies[-1]


def test_cancel_after_completion_cancels_the_open_request_truthfully() -> None:
    c = ctx(caller_phone="+15552223333")
    done = run(["hi", "yes", "leaky faucet", "asap", "yes", "no", "yes"], c)
    assert done.state.mode == "done"
    asked = respond(done.state, "cancel my appointment", c, NOW)
    out = respond(asked.state, "never mind", c, NOW)
    assert out.effects == [CancelRequest(phone="+15552223333", words="cancel")]
    assert "cancelled" in out.replies[-1] and out.state.ending == "cancelled"
    none_open = ctx(caller_phone="+15551234567")
    nothing = respond(respond(ConvState(mode="done", step="done"), "cancel it", none_open,
                              NOW).state, "the request", none_open, NOW)
    assert nothing.effects == [] and "no open request" in nothing.replies[-1]


def test_cancel_request_after_completion_cancels_without_asking_again() -> None:
    c = ctx(caller_phone="+15552223333")
    done = run(["hi", "yes", "leaky faucet", "asap", "yes", "no", "yes"], c)
    out = respond(done.state, "CANCEL REQUEST", c, NOW)  # the answer the question asks for
    assert out.effects == [CancelRequest(phone="+15552223333", words="cancel")]
    assert "cancelled" in out.replies[-1] and out.state.ending == "cancelled"
    spanish = respond(done.state, "Cancelar solicitud", c, NOW)
    assert spanish.effects == out.effects
    asked = respond(done.state, "cancel my appointment", c, NOW)  # still a question (SPEC)
    assert asked.effects == [] and asked.state.mode == "cancel_choice"
    mid = respond(run(["hi", "Ann Lee"]).state, "cancel request", ctx(), NOW)
    assert mid.effects == [] and "nothing was sent" in mid.replies[-1]  # the draft dropped


def test_a_name_with_a_command_word_in_it_is_a_name_but_back_alone_is_back() -> None:
    named = run(["hi", "Cal Back"])
    assert (named.state.draft.first_name, named.state.draft.last_name) == ("Cal", "Back")
    assert named.state.step == "phone"
    went_back = respond(named.state, "back", ctx(), NOW)
    assert went_back.state.step == "name"  # the command, as before
    assert run(["hi", "go back"]).state.draft.first_name is None


def test_thanks_after_the_request_is_acknowledged_and_starts_nothing() -> None:
    done = run(["hi", "Ann Lee", "yes", "42 Elm St", "faucet", "asap", "skip", "no", "yes"])
    out = respond(done.state, "great, see you then", ctx(), NOW)
    assert out.effects == [] and out.state.mode == "done" and len(out.replies) == 1
    assert out.replies[0].startswith("You're welcome!")


def test_a_correction_says_what_changed_and_asks_the_pending_question_again() -> None:
    state = run(["hi", "Ann Lee", "yes", "42 Elm St", "leaky faucet"]).state
    out = respond(state, "actually it's 14 Birch Rd", ctx(), NOW)
    assert out.replies[0] == "Got it, I changed the address to 14 BIRCH RD."
    assert out.state.step == "when" and out.state.draft.service == "leaky faucet"


def test_a_spanish_texter_is_asked_in_spanish_and_skips_with_omitir() -> None:
    out = run(["Hola, necesito un plomero", "María López", "sí", "42 Elm St",
               "fuga en la cocina", "mañana", "omitir"])
    assert out.state.lang == "es" and out.state.draft.email_skipped
    assert out.replies[-1].startswith("¿Podemos enviarle mensajes")


def test_a_call_back_after_never_mind_on_telegram_asks_the_phone_then_stays_done() -> None:
    c = ctx(channel="telegram", caller_phone=None)
    dropped = run(["hi", "never mind", "call me"], c)
    assert dropped.state.mode == "handoff"
    out = respond(dropped.state, "555 444 1212", c, NOW)
    assert [type(e) for e in out.effects] == [Handoff] and out.state.mode == "done"
    assert out.effects[0].words == "call me"  # type: ignore[union-attr]
