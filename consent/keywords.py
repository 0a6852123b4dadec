"""Classify inbound texts as opt-out / help / opt-in / ambiguous-cancel under TCPA rules.

Pure and regex-based: every pattern is compiled once at import, nothing does I/O.

Decisions (see tests/consent/test_keywords.py for the executable version):
- method "keyword": the message is only carrier keywords plus courtesy filler ("STOP",
  "stop please", "STOP STOP", "alto por favor"); the keyword carries the meaning, so the
  politeness does not demote it to free text. Anything else that revokes is "free_text".
- Opt-in keywords: START, UNSTOP, COMENZAR, INICIAR always; YES, SI and ALTA only while the
  texter is opted out, because otherwise they are ordinary answers to intake questions.
- BAJA/ALTO are mandated whole-message keywords even though "baja"/"alto" are also
  adjectives; inside longer text they only count as "darme de baja".
- Time-limited or channel preferences ("stop texting me after 8pm", "don't call, text me")
  are not revocations; "wrong number" on its own is (the texter never consented).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from consent.normalize import fold, skeleton, squash, undisguise


class Intent(str, Enum):  # noqa: UP042 - public interface is fixed as (str, Enum)
    OPT_OUT = "opt_out"
    HELP = "help"
    OPT_IN = "opt_in"
    CANCEL_AMBIGUOUS = "cancel_ambiguous"
    NONE = "none"


@dataclass(frozen=True)
class Classification:
    intent: Intent
    method: str | None  # "keyword" or "free_text"; None when intent is NONE
    language: str  # "en" or "es"


OPT_OUT_EN = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke",
                        "optout"})
OPT_OUT_ES = frozenset({"parar", "alto", "cancelar", "baja", "detener"})
HELP_EN = frozenset({"help", "info"})
HELP_ES = frozenset({"ayuda"})
OPT_IN_EN = frozenset({"start", "unstop"})
OPT_IN_ES = frozenset({"comenzar", "iniciar"})
OPT_IN_IF_OPTED_OUT = frozenset({"yes", "si", "alta"})
_OPT_OUT_ALL = OPT_OUT_EN | OPT_OUT_ES
_HELP_ALL = HELP_EN | HELP_ES
_OPT_IN_ALL = OPT_IN_EN | OPT_IN_ES
_OPT_IN_OPTED_OUT = _OPT_IN_ALL | OPT_IN_IF_OPTED_OUT
_SPANISH_KEYWORDS = OPT_OUT_ES | HELP_ES | OPT_IN_ES | {"si", "alta"}
# Politeness and repetition that do not change what a keyword means.
_COURTESY = frozenset({"please", "pls", "plz", "thanks", "thank", "you", "thx", "ty", "ok",
                       "okay", "now", "just", "again", "no", "all", "asap", "por", "favor",
                       "porfa", "gracias", "ya"})
_KEYWORDS = (OPT_OUT_EN | OPT_OUT_ES | HELP_EN | HELP_ES | OPT_IN_EN | OPT_IN_ES
             | OPT_IN_IF_OPTED_OUT)
# Keywords unlikely to be a sentence of their own in service talk ("Presión: baja" is).
_STRONG = frozenset({"stop", "stopall", "unsubscribe", "quit", "revoke", "optout", "parar",
                     "detener"})

_CLAUSE_SPLIT = re.compile(r"[.,!?;:\n]+|\s-+\s")
_TOKEN = re.compile(r"\w+(?:'\w+)?")
_OPT_OUT_WORD = re.compile(r"\bopt[\s_-]*out\b")
# Spanish revocations of a word or two: only a whole message ("Ya no", "¡No más!", "Basta,
# gracias"), never inside one ("ya no sale agua caliente", "no más de 2 horas").
_ES_SHORT = frozenset({"basta", "nomas", "yano"})
# What a disguised word may turn back into ("0pt 0ut" is two words, "b a s t a" one).
_SPELLABLE = _KEYWORDS | {"basta", "opt", "out"}
_ES_PHRASES = re.compile(r"\b(?:no\s+mas|ya\s+no)\b")
_STRETCHED_STOP = re.compile(r"s+t+o+p+")

_TXT = (r"(?:texts?|txts?|texting|txting|messages?|msgs?|messaging|msging|sms|notifications?|"
        r"alerts?|reminders?|spam|marketing|promos?|promotions?|communications?)")
_ES_TXT = r"(?:mensajes?|mensajitos|textos?|sms|notificaciones|recordatorios|llamadas|correos)"
_ME = r"(?:me|us|this\s+(?:number|phone|cell|#))"
_ES_VERBS = (r"(?:envien|envie|envies|manden|mande|mandes|escriban|escriba|escribas|contacten|"
             r"contacte|contactes|texteen|textee|molesten|moleste|molestes)")
_ES_STOP_VERBS = r"(?:enviar|mandar|escribir|contactar|textear|molestar|recibir)\w*"

# Free-text revocations. Each entry: (pattern, language or None = detect, check qualifiers).
_EN_FREE: list[tuple[re.Pattern[str], bool]] = [(re.compile(p), q) for p, q in [
    (rf"\b(?:stop|quit|cease|end|halt|enough\s+with)\s+(?:(?:just|please|pls|the|all|these|this|"
     rf"those|your|ur|of|with|fucking|freaking)\s+){{0,3}}{_TXT}\b"
     r"(?!\s+(?:my|his|her|their)\s+(?!number|phone|cell)\w)", True),
    (r"\b(?:stop|quit|cease)\s+(?:just\s+)?(?:contacting|emailing|bugging|bothering|harassing|"
     rf"spamming|pestering|hounding)(?:\s+(?:{_ME}|these|them|{_TXT})\b|$)", True),
    # "stop sending me" only with texts or nothing after it: "...me the invoices by mail" is not.
    (rf"\b(?:stop|quit|cease)\s+(?:just\s+)?sending\s+(?:(?:{_ME}|these|this|those|the|your|ur|"
     rf"all|any|more)\s+){{0,3}}(?:{_TXT}|stuff|crap|junk)\b|\b(?:stop|quit|cease)\s+sending\s+"
     r"(?:me|us)(?:\s+(?:these|this|that|those|them|anything))?$", True),
    (rf"\b(?:stop|quit|cease)\s+(?:receiving|getting)\s+(?:\w+\s+){{0,2}}(?:{_TXT}|these|them)\b",
     False),
    (rf"\b(?:don'?t|do\s+not|never)\s+(?:ever\s+)?(?:call\s+(?:or|and)\s+)?(?:text|txt|message|"
     rf"msg|contact|sms|e-?mail)(?:\s+or\s+(?:call|text|e-?mail|message))?(?:\s+(?:{_ME}|again|"
     rf"anymore|any\s+more)\b(?:\s+(?:again|anymore|any\s+more|ever\s+again))?|$)", True),
    (rf"\b(?:don'?t|do\s+not|never)\s+send\s+(?:me|us)\s+(?:any\s+)?(?:more\s+)?{_TXT}", True),
    (rf"\b(?:don'?t|do\s+not|no\s+longer|never)\s+(?:want|wish)\s+(?:to\s+(?:get|receive|keep\s+"
     rf"getting)\s+(?:\w+\s+){{0,3}}{_TXT}|(?:\w+\s+){{0,2}}{_TXT}|to\s+be\s+(?:texted|"
     r"contacted|messaged|bothered))", True),
    (r"\b(?:(?:remove|delete|erase|unsubscribe|unsub|opt)\s+(?:me|us)|take\s+(?:me|us|this\s+"
     r"number|my\s+number)\s+(?:off|out))\b(?!\s+(?:off\s+|from\s+)?(?:of\s+)?(?:the\s+|your\s+)?"
     r"(?:wait\s*list|waiting\s+list|schedule|calendar|route)\b)", False),
    (r"(?<!did you )(?<!did u )(?<!you guys )(?<!you )\b(?:lose|forget|delete|remove|erase|toss)"
     r"\s+(?:my|this)\s+(?:phone\s+|cell\s+)?(?:number|#|info|information|contact\s+info)\b",
     False),
    (rf"\bno\s+more\s+(?:\w+\s+)?{_TXT}\b", False),
    (r"\bunsub\w*", False),
    (rf"\bopt(?:ing|ed)?[\s-]*out\b(?!\s+of\s+(?!(?:this|these|all|everything|it|{_TXT}|"
     rf"(?:the|your|ur)\s+(?:list|{_TXT}))\b))", False),
    (rf"\brevok\w*\s+(?:my\s+|all\s+|your\s+)?(?:consent|permission|authori[sz]ation|{_TXT})|"
     r"\bi\s+revoke\b|\b(?:withdraw\w*|rescind\w*)\s+(?:my\s+|all\s+)?consent\b", False),
    (r"\bleave\s+(?:me|us)\s+alone\b|\b(?:fuck|piss|f+)\s+off\b|^(?:please\s+|pls\s+|just\s+)?"
     r"(?:go\s+away|get\s+lost|buzz\s+off)\b", False),
    (r"\b(?:told|asked)\s+(?:you|u|y'?all)(?:\s+guys)?\s+(?:\w+\s+)?to\s+stop\b(?!\s+(?:by|in|at|"
     r"over|on)\b)|\bsaid\s+stop\b", False),
    (r"(?:^|\s)(?:please|pls|plz|just|omg|seriously|already|lord|god)\s+(?:stop|quit)$", False),
    (r"^(?:stop|stopall|quit)\s+(?:it|now|already|asap|i|im|i'm|ive|i've|never|who|wrong|right\s+"
     r"now|immediately)\b", False),
    (r"\b(?:never|didn'?t|did\s+not)\s+(?:sign|signed|opt|opted)\s+(?:up|in)(?:\s+for\s+(?:this|"
     rf"these|that|any\s+of\s+this|{_TXT}))?$", False),
    (r"\bstop\s+calling\s+and\s+texting\s+(?:me|us|this\s+number)\b", True),
]]
# Revoking calls counts, unless the same message asks for texts instead.
_EN_CALL = re.compile(r"\b(?:stop|quit)\s+calling\s+(?:me|us|this\s+number)\b|\b(?:don'?t|do\s+not|"
                      r"never)\s+call\s+(?:me|us|this\s+number)\s+(?:again|anymore|ever)\b")
_ES_FREE: list[tuple[re.Pattern[str], bool]] = [(re.compile(p), q) for p, q in [
    (rf"\bno\s+(?:me|nos)\s+(?:{_ES_VERBS}\b|(?:vuelvan|vuelva|vuelvas)\s+a\s+{_ES_STOP_VERBS})"
     rf"(?:\s+(?:mas\s+)?{_ES_TXT})?", True),
    (r"\bno\s+(?:me|nos)\s+(?:vuelvan\s+a\s+)?llamen\s+(?:mas|nunca)\b", False),
    (rf"\b(?:dej|par|deten)(?:a|e|en|ar|ad|es|go|gan)\s+de\s+{_ES_STOP_VERBS}", True),
    (r"\b(?:borr|saqu|sac|quit|elimin|remuev)\w*me\s+de\s+(?:la\s+|su\s+|tu\s+|sus\s+|esta\s+)?"
     rf"(?:lista|base|sistema|contactos|{_ES_TXT})", False),
    (r"\b(?:borr|elimin|quit)\w*\s+(?:mi|este)\s+(?:numero|telefono|celular|cel|contacto)\b",
     False),
    (r"\bde\s+baja\b|\bdesuscri\w*|\bdesinscri\w*|\bdej\w*me\s+en\s+paz\b", False),
    (rf"\bbasta\s+(?:ya\s+)?(?:de|con)\s+(?:\w+\s+)?{_ES_TXT}", False),
    (rf"\bno\s+(?:quiero|deseo)\s+(?:seguir\s+)?(?:recibir\s+|recibiendo\s+)?(?:mas\s+)?(?:sus\s+|"
     rf"estos\s+|los\s+)?{_ES_TXT}|\bno\s+mas\s+{_ES_TXT}", False),
    (rf"\bno\s+(?:quiero|deseo)\s+que\s+(?:me|nos)\s+(?:sigan\s+)?{_ES_VERBS}", True),
    (r"\b(?:revoco|retiro)\s+(?:mi\s+)?(?:consentimiento|autorizacion|permiso)\b", False),
]]
# A sentence of its own that says "wrong number" (not "I gave you the wrong number").
_WRONG_NUMBER = re.compile(
    r"(?:(?:sorry|sry|hi|lol)\s+)?(?:(?:you\s+have|you've\s+got|you\s+got|u\s+have)\s+(?:the\s+|a\s+)?"
    r"|this\s+is\s+(?:the\s+|a\s+)?)?wrong\s+(?:number|#|person)(?:\s+(?:sorry|buddy|pal|dude|lol))?"
    r"|(?:(?:perdon|disculpe)\s+)?(?:es\s+(?:un\s+)?|tiene\s+(?:el\s+|un\s+)?)?numero\s+equivocado")
# Negation right before a revocation phrase turns it into service talk ("don't unsubscribe me").
_NEGATED = re.compile(r"(?:\b(?:don'?t|do\s+not|no\s+need\s+to|not)\s+(?:\w+\s+){0,2}|\bno\s+)$")
# What follows "don't text me" that makes it a scheduling/channel preference, not a revocation.
_QUALIFIER = re.compile(
    r"\W*(?:(?:me|us)\s+)?(?:(?:after|before|until|till|til|between|during|tonight|today|tomorrow|yet|back|here|"
    r"there|while|when|unless|instead|on\s+weekends?|at\s+(?:night|work)|in\s+the\s+(?:morning|"
    r"evening|afternoon)|so\s+(?:early|late)|this\s+(?:early|late|week|morning)|call|e-?mail|"
    r"for\s+(?:now|a\s+(?:bit|while|few))|antes|despues|hasta|entre|durante|hoy|manana|todavia|"
    r"aun|mejor|sino|solo|llam\w*|por\s+ahora|temprano|por\s+las?|en\s+la)\b|(?:at\s+)?\d)")
# "Text me instead" next to "stop calling" means keep texting.
_TEXT_OK = re.compile(r"\b(?:text|txt)\s+(?:me\s+)?(?:instead|only|is\s+(?:fine|ok|better))\b|"
                      r"\bjust\s+text\b")

_CANCEL = re.compile(r"\bcancel(?:ar|en|e|a|o|es|as)?\b")
_CANCEL_NEGATED = re.compile(
    r"(?:\b(?:don'?t|do\s+not|didn'?t|did\s+not|won'?t|will\s+not|not|never|nunca|if|whether|"
    r"in\s+case|instead\s+of|without|sin|no\s+need\s+to)\s+(?:\w+\s+){0,3}|\bno\s+(?:\w+\s+)?)$")
_CANCEL_NOUN = re.compile(r"\s*(?:policy|fee|fees|charge|window|penalty|politica|cargo)\b")
_CANCEL_TEXTS = re.compile(rf"\s+(?:\w+\s+){{0,3}}?(?:{_TXT}|{_ES_TXT})\b")
_LEAVE_SCHEDULE = re.compile(r"\b(?:take|remove)\s+(?:me|us)\s+(?:off|from)\s+(?:of\s+)?(?:the\s+|"
                             r"your\s+)?(?:wait\s*list|waiting\s+list|schedule|calendar|route)\b")

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ES_MARKERS = _words(
    "hola gracias por favor porfa que quiero necesito tengo mensajes mensaje mas esta estan usted "
    "ustedes para pero cita manana agua calentador llave fuga cuando donde cuanto puede pueden "
    "los las una del con la el y es en se ya nos muy bien envien manden escriban contacten "
    "molesten dejen borren numero lista recibir buenas tardes dias senor senora aqui ahora "
    "hoy tambien casa bano cocina")
_EN_MARKERS = _words(
    "the to and is are my you your i it of for please can this that with on at have need what "
    "when how not don't dont thanks hi hello yes will be stop text texting texts message "
    "messages number call we our in a an do does just get got")


def _fold(text: str) -> str:
    """The folded text with look-alike letters and disguised keywords undone."""
    return undisguise(fold(skeleton(text)), _SPELLABLE)


def normalize(text: str) -> str:
    """Return the accent-free, casefolded, whitespace-collapsed form used for matching."""
    return squash(_fold(text))


def _tokens(norm: str) -> list[str]:
    norm = _ES_PHRASES.sub(lambda m: m.group().replace(" ", ""), _OPT_OUT_WORD.sub("optout", norm))
    toks = _TOKEN.findall(norm)
    return ["stop" if _STRETCHED_STOP.fullmatch(t) else t for t in toks]


def _keyword_soup(tokens: list[str], keywords: frozenset[str]) -> bool:
    """True when every token is a keyword or courtesy and at least one is in `keywords`."""
    return (bool(tokens) and all(t in _KEYWORDS or t in _COURTESY for t in tokens)
            and any(t in keywords for t in tokens))


def detect_language(text: str) -> str:
    """Guess "es" or "en" from marker words and Spanish-only characters; ties go to "en"."""
    words = _TOKEN.findall(normalize(text))
    es = sum(w in _ES_MARKERS for w in words) + any(c in "ñ¿¡áéíóú" for c in text.casefold())
    en = sum(w in _EN_MARKERS for w in words)
    return "es" if es > en else "en"


_DETECT = ""  # sentinel from _free_text_opt_out: ask detect_language


def _keyword_language(tokens: list[str], text: str) -> str:
    return "es" if any(t in _SPANISH_KEYWORDS for t in tokens) else detect_language(text)


def _passes(pattern: re.Pattern[str], norm: str, check_qualifier: bool) -> bool:
    """Any match that is neither negated before nor narrowed by a time/channel after."""
    for m in pattern.finditer(norm):
        if _NEGATED.search(norm[max(0, m.start() - 40) : m.start()]):
            continue
        if check_qualifier and _QUALIFIER.match(norm, m.end()):
            continue
        return True
    return False


def _free_text_opt_out(folded: str, norm: str) -> str | None:
    """None if no revocation; "es" for a Spanish phrase; _DETECT for an English one.

    English phrases turn up inside Spanish messages ("STOP por favor"), so the caller detects
    the message language for those instead of assuming "en".
    """
    for pattern, qualified in _ES_FREE:
        if _passes(pattern, norm, qualified):
            return "es"
    for pattern, qualified in _EN_FREE:
        if _passes(pattern, norm, qualified):
            return _DETECT
    if not _TEXT_OK.search(norm) and _passes(_EN_CALL, norm, True):
        return _DETECT
    tokens = _tokens(norm)
    if tokens and any(t in _ES_SHORT for t in tokens) and all(
            t in _ES_SHORT or t in _COURTESY or t in _OPT_OUT_ALL or t == "mas"
            for t in tokens):
        return "es"
    for part in _CLAUSE_SPLIT.split(folded):
        clause = squash(part)
        if _keyword_soup(_tokens(clause), _STRONG):
            return "es" if any(t in _SPANISH_KEYWORDS for t in _tokens(clause)) else _DETECT
        if _WRONG_NUMBER.fullmatch(clause):
            return "es" if "equivocado" in clause else _DETECT
    for m in _CANCEL.finditer(norm):
        if not _cancel_negated(norm, m) and _CANCEL_TEXTS.match(norm, m.end()):
            return "es" if m.group() != "cancel" else _DETECT
    return None


def _cancel_negated(norm: str, m: re.Match[str]) -> bool:
    before = norm[max(0, m.start() - 40) : m.start()]
    return bool(_CANCEL_NEGATED.search(before) or _CANCEL_NOUN.match(norm, m.end()))


def classify(text: str, *, opted_out: bool = False) -> Classification:
    """Classify one inbound message; opt-out wins over every other intent. Never raises."""
    folded = _fold(text)
    norm = squash(folded)
    tokens = _tokens(norm)
    if _keyword_soup(tokens, _OPT_OUT_ALL):
        return Classification(Intent.OPT_OUT, "keyword", _keyword_language(tokens, text))
    free = _free_text_opt_out(folded, norm)
    if free is not None:
        return Classification(Intent.OPT_OUT, "free_text", free or detect_language(text))
    if _keyword_soup(tokens, _HELP_ALL):
        return Classification(Intent.HELP, "keyword", _keyword_language(tokens, text))
    if _keyword_soup(tokens, _OPT_IN_OPTED_OUT if opted_out else _OPT_IN_ALL):
        return Classification(Intent.OPT_IN, "keyword", _keyword_language(tokens, text))
    if _LEAVE_SCHEDULE.search(norm) or any(
        not _cancel_negated(norm, m) for m in _CANCEL.finditer(norm)
    ):
        return Classification(Intent.CANCEL_AMBIGUOUS, "free_text", detect_language(text))
    return Classification(Intent.NONE, None, detect_language(text))
