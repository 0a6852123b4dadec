"""The office texts its customers: office messages, templates, automatic texts, the thread.

- `channel`: which channel and recipient an office message goes to (the texter's own).
- `send`: write the message row and its outbox row at once; refusals known now are told now.
- `templates`: the default texts in English and Spanish, the office's edits, filling fields.
- `auto`: the confirmation, the day-before reminder and the follow-up, each switchable.
- `verdict`: what the dispatcher's outcome does to the message row (held, refused, sent).
- `view`: the Message JSON and each message's state in words.
"""
