"""Answers to "When would you like us to come?", said on Monday 2026-11-23 at 09:30 (New York).

expected: (kind, start, end) with kind "exact", "window", "asap", "any" (no preference) or
"error:<reason>"; start and end as "MM-DD HH:MM" in New York time, None where not given.
"""

from __future__ import annotations

from tests.bot.conversation.understand.cases import C

W, X = "window", "exact"

WHEN = [
    # no preference
    *(C(t, ("any", None, None), "no preference") for t in [
        "whenever", "whenever works", "any time", "anytime", "no preference",
        "Whenever is fine, thanks!", "anytime works for me", "i'm flexible", "doesn't matter",
        "no rush", "up to you", "first available"]),
    *(C(t, ("any", None, None), "no preference, spanish") for t in [
        "cuando sea", "cualquier día", "a cualquier hora", "me da igual", "cuando puedan"]),
    # as soon as possible
    *(C(t, ("asap", None, None), "asap") for t in [
        "asap", "ASAP please!", "as soon as possible", "right away", "emergency",
        "lo antes posible", "cuanto antes", "ahora mismo"]),
    # days and parts of days
    C("tomorrow", (W, "11-24 08:00", "11-24 17:00"), "day"),
    C("tmrw morning", (W, "11-24 08:00", "11-24 12:00"), "day"),
    C("monday morning", (W, "11-30 08:00", "11-30 12:00"), "day"),
    C("friday afternoon", (W, "11-27 12:00", "11-27 17:00"), "day"),
    C("this weekend", (W, "11-28 08:00", "11-29 17:00"), "day"),
    C("sometime next week", (W, "11-30 08:00", "12-04 17:00"), "day"),
    C("next tuesday at 3pm", (X, "12-01 15:00", None), "day"),
    C("on the 9th", (W, "12-09 08:00", "12-09 17:00"), "day"),
    C("the 30th", (W, "11-30 08:00", "11-30 17:00"), "day"),
    C("12/3 at 10", (X, "12-03 10:00", None), "day"),
    C("can we do monday morning instead", (W, "11-30 08:00", "11-30 12:00"), "day"),
    C("make it thursday", (W, "11-26 08:00", "11-26 17:00"), "day"),
    C("tonight", (W, "11-23 17:00", "11-23 20:00"), "day"),
    # clock times and windows
    C("after 5", (W, "11-23 17:00", "11-23 20:00"), "clock"),
    C("anytime after 3", (W, "11-23 15:00", "11-23 17:00"), "clock"),
    C("tomorrow after 2pm", (W, "11-24 14:00", "11-24 17:00"), "clock"),
    C("before noon", (W, "11-23 09:30", "11-23 12:00"), "clock"),
    C("between 2 and 4", (W, "11-23 14:00", "11-23 16:00"), "clock"),
    C("tomorrow 2-4pm", (W, "11-24 14:00", "11-24 16:00"), "clock"),
    C("3pm", (X, "11-23 15:00", None), "clock"),
    C("tomorrow at 9", (X, "11-24 09:00", None), "clock"),
    C("in 2 hours", (X, "11-23 11:30", None), "clock"),
    # Spanish
    C("mañana por la tarde", (W, "11-24 12:00", "11-24 17:00"), "spanish"),
    C("el lunes", (W, "11-30 08:00", "11-30 17:00"), "spanish"),
    C("hoy", (W, "11-23 09:30", "11-23 17:00"), "spanish"),
    C("el viernes en la mañana", (W, "11-27 08:00", "11-27 12:00"), "spanish"),
    C("después de las 5", (W, "11-23 17:00", "11-23 20:00"), "spanish"),
    C("el 9", (W, "12-09 08:00", "12-09 17:00"), "spanish"),
    C("mañana a las 10", (X, "11-24 10:00", None), "spanish"),
    # more of how people answer
    C("tomorrow morning pls", (W, "11-24 08:00", "11-24 12:00"), "day"),
    C("tmrw after 3", (W, "11-24 15:00", "11-24 17:00"), "clock"),
    C("anytime tomorrow", (W, "11-24 08:00", "11-24 17:00"), "day"),
    C("tuesday or wednesday", (W, "11-24 08:00", "11-24 17:00"), "day"),
    C("this afternoon if possible", (W, "11-23 12:00", "11-23 17:00"), "day"),
    C("sat morning", (W, "11-28 08:00", "11-28 12:00"), "day"),
    C("next friday", (W, "12-04 08:00", "12-04 17:00"), "day"),
    C("december 5th at 2", (X, "12-05 14:00", None), "day"),
    C("the 5th at 2pm", (X, "12-05 14:00", None), "day"),
    C("anytime this week", (W, "11-23 09:30", "11-27 17:00"), "day"),
    C("mornings are best", (W, "11-23 09:30", "11-23 12:00"), "day"),
    C("after work", (W, "11-23 17:00", "11-23 20:00"), "clock"),
    C("by 5 today", (W, "11-23 09:30", "11-23 17:00"), "clock"),
    C("around noon tomorrow", (X, "11-24 12:00", None), "clock"),
    C("any time after 10 on wed", (W, "11-25 10:00", "11-25 17:00"), "clock"),
    C("wednesday between 1 and 3", (W, "11-25 13:00", "11-25 15:00"), "clock"),
    C("I'm free after 3 tomorrow", (W, "11-24 15:00", "11-24 17:00"), "clock"),
    C("can you send someone tomorrow", (W, "11-24 08:00", "11-24 17:00"), "day"),
    C("whenever you can", ("any", None, None), "no preference"),
    C("any day of the week", ("any", None, None), "no preference"),
    C("cualquier día de la semana", ("any", None, None), "no preference, spanish"),
    C("lunes por la mañana", (W, "11-30 08:00", "11-30 12:00"), "spanish"),
    C("el martes a las 3", (X, "11-24 15:00", None), "spanish"),
    C("esta tarde", (W, "11-23 12:00", "11-23 17:00"), "spanish"),
    C("la próxima semana", (W, "11-30 08:00", "12-04 17:00"), "spanish"),
    C("mañana temprano", (W, "11-24 08:00", "11-24 12:00"), "spanish"),
    C("como a las 3", (X, "11-23 15:00", None), "spanish"),
    C("hoy mismo", (W, "11-23 09:30", "11-23 17:00"), "spanish"),
    C("pasado mañana", (W, "11-25 08:00", "11-25 17:00"), "spanish"),
    C("weekday mornings", (W, "11-24 08:00", "11-24 12:00"), "day",
      known="a recurring preference ('weekday mornings') has no single window"),
    C("any day but monday", (W, "11-24 08:00", "11-24 17:00"), "day",
      known="exclusions ('but monday') are not understood"),
    C("end of the week", (W, "11-27 08:00", "11-27 17:00"), "day"),
    # greetings around a time
    C("Hi! tomorrow at 3 works", (X, "11-24 15:00", None), "greeting first"),
    C("good morning, friday works", (W, "11-27 08:00", "11-27 17:00"), "greeting first"),
    # not a time
    C("Good morning!", ("error:unparsed", None, None), "greeting"),
    C("Good afternoon.", ("error:unparsed", None, None), "greeting"),
    C("buenas tardes", ("error:unparsed", None, None), "greeting"),
    C("hello", ("error:unparsed", None, None), "greeting"),
    C("blue", ("error:unparsed", None, None), "refused"),
    C("yesterday", ("error:past", None, None), "refused"),
    C("today at 7am", ("error:past", None, None), "refused"),
    C("11/1", ("error:past", None, None), "refused"),
    C("next month", ("error:unparsed", None, None), "refused"),
    C("when the kids are at school", ("error:unparsed", None, None), "refused"),
]
