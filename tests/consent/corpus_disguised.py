"""Labelled messages added on 2026-12-01, written before the classifier learned them.

Disguised keywords (spaced, dotted, digits for letters, look-alike letters from other
alphabets, full-width and styled letters) and short Spanish revocations, with the service
talk that looks like them. Same rules as corpus.py: labels say what a careful human wants.
Judgment calls: "ya no", "no más" and "basta" on their own (or with courtesy) revoke; inside
a sentence about the job they do not. "3nd floor" style typos are not disguised keywords.
"""

from consent.keywords import Intent
from tests.consent.labels import HELP, IN, NONE, OUT

DISGUISED_OPT_OUTS: list[tuple[str, Intent]] = [
    ("S T O P", OUT),
    ("s t o p", OUT),
    ("S  T  O  P", OUT),
    ("S.T.O.P", OUT),
    ("s.t.o.p.", OUT),
    ("S-T-O-P", OUT),
    ("s_t_o_p", OUT),
    ("S*T*O*P", OUT),
    ("S T O P please", OUT),
    ("st0p", OUT),
    ("ST0P", OUT),
    ("5TOP", OUT),
    ("$top", OUT),
    ("$T0P!!", OUT),
    ("qu1t", OUT),
    ("3ND", OUT),
    ("c4ncel", OUT),
    ("unsubscr1be", OUT),
    ("0pt 0ut", OUT),
    ("o p t o u t", OUT),
    ("U N S U B S C R I B E", OUT),
    ("Stop.", OUT),
    ("STOP!!!", OUT),
    ("stop 🛑", OUT),
    ("🛑 stop 🛑", OUT),
    ("STOP ✋", OUT),
    ("stop\u200b", OUT),
    ("s\u00adtop", OUT),
    ("sтop", OUT),  # Cyrillic te
    ("SТОР", OUT),  # Cyrillic Te, O, Er
    ("ЅТОР", OUT),  # Cyrillic Dze too
    ("STΟP", OUT),  # Greek Omicron
    ("stοp", OUT),  # Greek omicron
    ("ＳＴＯＰ", OUT),  # full-width
    ("ｓｔｏｐ ｐｌｅａｓｅ", OUT),
    ("𝐒𝐓𝐎𝐏", OUT),  # mathematical bold
    ("𝓼𝓽𝓸𝓹", OUT),  # mathematical script
    ("Ⓢⓣⓞⓟ", OUT),  # circled
    ("Сancel", OUT),  # Cyrillic Es
    ("ЕND", OUT),  # Cyrillic Ie
    ("QUІT", OUT),  # Ukrainian I
    ("st0p texting me", OUT),
    ("S T O P texting me", OUT),
    ("plz st0p", OUT),
    ("ѕтop sending me messages", OUT),
    ("P A R A R", OUT),
    ("ALT0", OUT),
    ("B4JA", OUT),
]

SHORT_OPT_OUTS_ES: list[tuple[str, Intent]] = [
    ("basta", OUT),
    ("Basta", OUT),
    ("¡Basta!", OUT),
    ("BASTA YA", OUT),
    ("basta, gracias", OUT),
    ("basta por favor", OUT),
    ("no más", OUT),
    ("No mas", OUT),
    ("¡No más!", OUT),
    ("NO MAS POR FAVOR", OUT),
    ("no más, gracias", OUT),
    ("ya no", OUT),
    ("Ya no.", OUT),
    ("ya no, gracias", OUT),
    ("No, ya no", OUT),
    ("ya no más", OUT),
    ("Ya no más por favor", OUT),
    ("ya no me escriban", OUT),
    ("Ya no me manden mensajes", OUT),
    ("ya no me envíen nada", OUT),
    ("Ya no quiero recibir mensajes", OUT),
    ("b a s t a", OUT),
]

DISGUISE_LOOKALIKE_SERVICE_TALK: list[tuple[str, Intent]] = [
    ("the leak won't stop", NONE),
    ("can you stop by Friday", NONE),
    ("Justin Stoppard", NONE),
    ("My name is Justin Stoppard", NONE),
    ("no más de 2 horas", NONE),
    ("No más de 2 horas por favor, tengo que salir", NONE),
    ("ya no sale agua caliente", NONE),
    ("Ya no sale agua caliente de la regadera", NONE),
    ("ya no funciona el calentador", NONE),
    ("Ya no gotea, gracias", NONE),
    ("ya no hace falta que vengan temprano, a las 10 está bien", NONE),
    ("¿Ya no vienen hoy?", NONE),
    ("Basta con que vengan el lunes", NONE),
    ("Con una visita basta", NONE),
    ("No más tarde de las 5", NONE),
    ("Tengo no más una pregunta", NONE),
    ("no más el baño de arriba", NONE),
    ("Ya no tengo presión en la cocina", NONE),
    ("Unit 4B, 2nd floor", NONE),
    ("Come at 4pm", NONE),
    ("1st floor apartment, code 7355", NONE),
    ("A B C Plumbing sent me", NONE),
    ("I'm at 12 S. T. Ave", NONE),
    ("St. Paul, MN 55101", NONE),
    ("Stoppard & Sons", NONE),
    ("I need a new stop valve, the 5/8 one", NONE),
    ("The stop-cock is stuck", NONE),
    ("It's on Alto Dr", NONE),
    ("Email me at stop.leaks@example.com", NONE),
    ("Bus stop at the corner, white house", NONE),
    ("Тhe water heater is leaking", NONE),  # Cyrillic Te in service talk
    ("ＰＬＵＭＢＩＮＧ ＨＥＬＰ ＮＥＥＤＥＤ ＴＯＤＡＹ", NONE),
    ("s t o p by after 3", NONE),
    ("the pipe under the s.i.n.k", NONE),
    ("End of the cul-de-sac, blue door", NONE),
    ("Yes, 3 bathrooms", NONE),
    ("$40 service fee is fine", NONE),
    ("Apt 5 top floor", NONE),
    ("quit 2 minutes ago, the compressor", NONE),
    ("La presión está baja desde ayer", NONE),
]

DISGUISED_HELP_AND_START: list[tuple[str, Intent]] = [
    ("H E L P", HELP),
    ("h3lp", HELP),
    ("ＨＥＬＰ", HELP),
    ("1NFO", HELP),
    ("S T A R T", IN),
    ("ＳＴＡＲＴ", IN),
    ("st4rt", IN),
]

DISGUISED: list[tuple[str, Intent]] = (
    DISGUISED_OPT_OUTS + SHORT_OPT_OUTS_ES + DISGUISE_LOOKALIKE_SERVICE_TALK
    + DISGUISED_HELP_AND_START
)
