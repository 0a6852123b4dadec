"""English: every question, re-ask, summary line and closing the conversation sends."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "ask.name": "What's your name? (first and last, or your company name)",
    "ask.phone": "What's the best phone number to reach you?",
    "ask.address": "What's the service address? (street number and street, "
                   "e.g. 42 Elm St, Springfield IL 62704)",
    "ask.service": "What do you need help with? (e.g. leaking water heater, no heat, "
                   "outlet not working)",
    "ask.when": "When would you like us to come? (e.g. asap, tomorrow morning, "
                "next Tuesday at 3pm)",
    "ask.email": "What's your email address? (optional: reply SKIP to skip)",
    "ask.phone.caller": "Is {phone} the best number to reach you? "
                        "(reply YES, or send a different number)",
    "ask.address.known": "Same address, {address}? (reply YES, or send the new service address)",
    "ask.email.known": "Same email, {email}? (reply YES, SKIP, or send a new one)",
    "ask.name.last": "Thanks, {name}! And your last name? (or your company name)",
    "reask.name.single": "Thanks! And your last name? Please send your first and last name "
                         "(e.g. Maria Lopez), or your company name.",
    "reask.name.invalid": "Sorry, that doesn't look like a name. Please send your first and "
                          "last name (e.g. Maria Lopez), or your company name.",
    "reask.phone": "That doesn't look like a phone number. Please send it with the area code, "
                   "e.g. (555) 123-4567, or +44 20 7946 0958 for a number outside the US.",
    "reask.address": "I couldn't read that as a street address: I need the street number and "
                     "the street, e.g. 42 Elm St, Springfield IL 62704. "
                     "What's the service address?",
    "reask.service": "Please tell me in a few words what you need help with "
                     "(e.g. leaking water heater).",
    "reask.when.unparsed": "Sorry, I didn't understand that time. When would you like us to "
                           "come? e.g. asap, tomorrow morning, Friday afternoon, 12/3 at 10am.",
    "reask.when.past": "That time has already passed. When would you like us to come? "
                       "e.g. asap, tomorrow morning, next Tuesday at 3pm.",
    "reask.when.too_far": "That's more than a year away. When would you like us to come? "
                          "e.g. next week, or a date within the next few months.",
    "reask.email": "That doesn't look like an email address (e.g. name@example.com). "
                   "Send it again, or reply SKIP to skip.",
    "reask.yes_no": "Please reply YES or NO.",
    "reask.summary": "Reply YES to send this request, or tell me what to change: "
                     "name, phone, address, need, time or email.",
    "reask.empty": "I didn't get any text in that message.",
    "reask.media": "Thanks for the picture! I can only read text here, so I'll pass it on, "
                   "but please also describe it in words.",
    "greet.thanks": "Thanks, {name}!",
    "greet.back": "Welcome back, {name}!",
    "greet.back.anonymous": "Welcome back!",
    "changed": "Got it, I changed {fields}.",
    "changed.field": "the {field} to {value}",
    "closing": "{who} Your request has been received. {business} will contact you at "
               "{phone} to confirm the visit. Text us here anytime if something changes.",
    "closing.who": "Thanks, {name}!",
    "closing.anonymous": "Thanks!",
    "handoff.ack": "OK, someone from {business} will call you at {phone} as soon as possible.",
    "handoff.phone": "Sure, a person will call you. What's the best phone number to reach you?",
    "start_over": "OK, let's start over.",
    "never_mind": "OK, I've dropped this request. Text us anytime if you need service. "
                  "(To stop all texts from us, reply STOP.)",
    "never_mind.after": "OK. Your request is still with {business}; nothing was cancelled. "
                        "To cancel it, reply CANCEL REQUEST.",
    "never_mind.idle": "OK. There's no request in progress. Text us anytime if you need service.",
    "cancel.which": "Do you want to stop all texts from us, or cancel your request? "
                    "Reply STOP to stop all texts, or CANCEL REQUEST to cancel the request.",
    "cancel.done": "Your request has been cancelled and {business} has been told. "
                   "Text us anytime if you need service again.",
    "cancel.dropped": "OK, I've dropped this request; nothing was sent to {business}.",
    "cancel.none": "There's no open request to cancel. Text us anytime if you need service.",
    "cancel.kept": "OK, nothing was cancelled.",
    "back.first": "We're at the first question.",
    "address.kept": "Thanks, I'll pass that address to the office exactly as you wrote it, "
                    "and they'll check it with you.",
    "ack": "You're welcome! {business} will be in touch. Text us anytime if something changes.",
    "ack.cancelled": "You're welcome! Text us anytime if you need service.",
    "summary.title": "Here's your request:",
    "summary.footer": "Reply YES to send it, or tell me what to change "
                      "(name, phone, address, need, time or email).",
    "summary.none": "(none)",
    "when.asap": "as soon as possible",
    "when.any": "any time",
    "field.name": "name", "field.phone": "phone", "field.address": "address",
    "field.service": "need", "field.when": "time", "field.email": "email",
    "field.consent": "texts", "field.referral": "how you heard about us",
    "label.name": "Name", "label.phone": "Phone", "label.address": "Address",
    "label.service": "Need", "label.when": "When", "label.email": "Email",
    "label.referral": "Heard about us",
    "ask.referral": "One last thing: how did you hear about us? (e.g. Google, a friend, "
                    "Facebook, Yelp; reply SKIP to skip)",
    "reask.referral": "Sorry, I didn't catch that. How did you hear about us? "
                      "(e.g. Google, a friend, Yelp), or reply SKIP.",
}

# Words that name a field, longest first where they overlap (used for corrections).
FIELD_WORDS: dict[str, str] = {
    "name": "name", "last name": "name", "first name": "name", "company name": "name",
    "phone number": "phone", "phone": "phone", "number": "phone", "cell": "phone",
    "heard about us": "referral", "hear about us": "referral",
    "service address": "address", "address": "address", "street": "address",
    "location": "address", "need": "service", "service": "service", "problem": "service",
    "issue": "service", "job": "service", "description": "service",
    "time": "when", "when": "when", "date": "when", "day": "when", "appointment": "when",
    "visit": "when", "email address": "email", "email": "email", "e-mail": "email",
}

# Phrases that mark a message as a correction of something already said.
MARKERS: tuple[str, ...] = (
    "actually", "instead", "wrong", "change", "should be", "make it", "i meant", "meant",
    "correction", "update", "fix", "oops", "sorry", "not right", "rather", "switch",
    "can we do", "could we do", "let's do", "lets do", "mistake", "not that",
)

# Whole-message commands (after lower-casing and trimming punctuation).
COMMANDS: dict[str, str] = {
    "start over": "start_over", "restart": "start_over", "start again": "start_over",
    "begin again": "start_over", "reset": "start_over", "start from scratch": "start_over",
    "never mind": "never_mind", "nevermind": "never_mind", "nvm": "never_mind",
    "forget it": "never_mind", "forget about it": "never_mind",
    "back": "back", "go back": "back", "previous": "back", "undo": "back",
}

# Words around a corrected value ("no the address is wrong, should be ..."), trimmed off it.
GLUE: frozenset[str] = frozenset({
    "no", "nope", "the", "my", "is", "it's", "its", "it", "to", "for", "be", "should",
    "please", "that", "was", "oh", "i", "and", "so", "but", "um", "hey", "ok", "okay", "just",
    "go", "with", "on", "at", "use", "sorry", "wait", "yeah"})
# The answer the cancel question itself asks for ("reply ... CANCEL REQUEST"): said first,
# it needs no question. "cancel my appointment" still gets the question (SPEC).
CANCEL_REPLIES: frozenset[str] = frozenset({"cancel request", "cancel the request"})
# After "stop the texts or cancel the request?": words that choose the request.
REQUEST_WORDS: tuple[str, ...] = ("request", "appointment", "appt", "booking", "visit", "job",
                                  "order", "the second", "2")
# Common English words: a message with two of them is clearly English (to switch back).
FUNCTION_WORDS: frozenset[str] = frozenset({
    "the", "is", "my", "i", "need", "can", "you", "and", "it", "to", "of", "we", "our",
    "please", "with", "have", "has", "not", "in", "on", "at", "this", "that", "there",
    "would", "like", "want"})

# A person is asked for (beside the reader's own handoff phrases), as whole messages.
HANDOFF: tuple[str, ...] = (
    r"(?:(?:actually|also|and|oh|wait|sorry|ok|okay|hey|hi|so|well),? )*"
    r"(?:(?:please|can you|could you|can someone|could someone|have someone|pls) )*"
    r"(?:call me(?: back)?|give me a call)(?: please| pls| asap| now| when you can| back)*",
)
