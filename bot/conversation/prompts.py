"""What the bot says: each question asks for one thing and names it in plain words."""

from __future__ import annotations

ASK = {
    "name": "What's your name? (first and last, or your company name)",
    "phone": "What's the best phone number to reach you?",
    "address": "What's the service address? (street number and street, "
               "e.g. 42 Elm St, Springfield IL 62704)",
    "service": "What do you need help with? (e.g. leaking water heater, no heat, "
               "outlet not working)",
    "when": "When would you like us to come? (e.g. asap, tomorrow morning, "
            "next Tuesday at 3pm)",
    "email": "What's your email address? (optional: reply SKIP to skip)",
}

REASK = {
    "name_single": "Thanks! And your last name? Please send your first and last name "
                   "(e.g. Maria Lopez), or your company name.",
    "name_invalid": "Sorry, that doesn't look like a name. Please send your first and last "
                    "name (e.g. Maria Lopez), or your company name.",
    "phone": "That doesn't look like a phone number. Please send it with the area code, "
             "e.g. (555) 123-4567, or +44 20 7946 0958 for a number outside the US.",
    "address": "I couldn't read that as a street address: I need the street number and the "
               "street, e.g. 42 Elm St, Springfield IL 62704. What's the service address?",
    "service": "Please tell me in a few words what you need help with "
               "(e.g. leaking water heater).",
    "when_unparsed": "Sorry, I didn't understand that time. When would you like us to come? "
                     "e.g. asap, tomorrow morning, Friday afternoon, 12/3 at 10am.",
    "when_past": "That time has already passed. When would you like us to come? "
                 "e.g. asap, tomorrow morning, next Tuesday at 3pm.",
    "when_too_far": "That's more than a year away. When would you like us to come? "
                    "e.g. next week, or a date within the next few months.",
    "email": "That doesn't look like an email address (e.g. name@example.com). "
             "Send it again, or reply SKIP to skip.",
    "yes_no": "Please reply YES or NO.",
    "summary": "Reply YES to send this request, or tell me what to change: "
               "name, phone, address, need, time or email.",
    "empty": "I didn't get any text in that message.",
    "media": "Thanks for the picture! I can only read text here, so I'll pass it on, "
             "but please also describe it in words.",
}

FIELD_WORDS = {
    "name": "name", "my name": "name", "phone": "phone", "number": "phone",
    "phone number": "phone", "address": "address", "service address": "address",
    "need": "service", "service": "service", "problem": "service", "issue": "service",
    "job": "service", "what": "service", "time": "when", "when": "when", "date": "when",
    "day": "when", "email": "email", "e-mail": "email", "email address": "email",
}


def confirm_phone(display: str) -> str:
    """SMS pre-fill: the caller id as the contact number."""
    return f"Is {display} the best number to reach you? (reply YES, or send a different number)"


def reuse_address(one_line: str) -> str:
    """Returning texter: offer the address on file."""
    return f"Same address, {one_line}? (reply YES, or send the new service address)"


def reuse_email(email: str) -> str:
    """Returning texter: offer the email on file."""
    return f"Same email, {email}? (reply YES, SKIP, or send a new one)"


def welcome_back(name: str) -> str:
    """Greeting for a phone we already know."""
    return f"Welcome back, {name}!" if name else "Welcome back!"


def closing(name: str, phone_display: str, business: str) -> str:
    """The request was received and what happens next."""
    who = f"Thanks, {name}!" if name else "Thanks!"
    return (f"{who} Your request has been received. {business} will contact you at "
            f"{phone_display} to confirm the visit. Text us here anytime if something changes.")


def handoff_ack(phone_display: str, business: str) -> str:
    """The texter asked for a person."""
    return f"OK, someone from {business} will call you at {phone_display} as soon as possible."


HANDOFF_NEEDS_PHONE = "Sure, a person will call you. What's the best phone number to reach you?"
START_OVER = "OK, let's start over."
NEVER_MIND = ("OK, I've dropped this request. Text us anytime if you need service. "
              "(To stop all texts from us, reply STOP.)")
CANCEL_WHICH = ("Do you want to stop all texts from us, or cancel this request? "
                "Reply STOP to stop all texts, or NEVER MIND to cancel the request.")
NOTHING_TO_GO_BACK_TO = "We're at the first question."
ADDRESS_KEPT = ("Thanks, I'll pass that address to the office exactly as you wrote it, "
                "and they'll check it with you.")
