"""Pure readers of what a texter wrote: one module per kind of answer, no I/O.

The engine imports the modules (``from bot.conversation.understand import names, yesno``);
docs/conversation-understanding.md lists what each one understands.
"""
