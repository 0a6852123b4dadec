"""Answers to "How did you hear about us?": a preset for the office, the texter's words kept."""

from __future__ import annotations

import re

from bot.conversation.understand.chatter import is_chatter, strip_chatter
from bot.conversation.understand.skip import is_skip
from bot.conversation.understand.text import MAX_ANSWER, fold

PRESETS = ("Google", "Referral", "Facebook", "Yelp", "Repeat customer", "Website", "Walk-in",
           "Other")
# First match wins: "my neighbor saw you on google" is a referral, "your website" a website.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((preset, re.compile(p)) for preset, p in (
    ("Repeat customer", r"\b(?:used (?:you|u|your \w+)|(?:you|u) (?:guys )?(?:did|fixed|came|"
     r"installed|were here|helped)|before|again|last (?:time|year|month)|repeat|returning|"
     r"past customer|existing customer|customer already|already (?:a )?customer|previous|"
     r"ya (?:los|les) (?:he )?(?:use|llame|contrate)|otra vez|antes|cliente)\b"),
    ("Referral", r"\b(?:friend|friends|neighbou?r\w*|famil\w*|referr\w*|refer\w*|recommend\w*|"
     r"word of mouth|coworker|co-worker|colleague|boss|landlord|realtor|mom|mother|dad|father|"
     r"brother|sister|son|daughter|cousin|aunt|uncle|wife|husband|partner|someone told|"
     r"told me|amig[oa]s?|vecin[oa]s?|familia\w*|recomend\w*|herman[oa]|mama|papa|prim[oa]|"
     r"tio|tia|espos[oa]|compañer[oa]|me dijo|me dijeron)\b"),
    ("Google", r"\b(?:google\w*|googl|gogle|search\w*|searched|search engine|bing|"
     r"internet|online search|maps|busque|busqueda)\b"),
    ("Facebook", r"\b(?:facebook|fb|face book|meta|marketplace)\b"),
    ("Yelp", r"\byelp\w*\b"),
    ("Website", r"\b(?:website|web site|your site|site|web|online|pagina|sitio|pagina web)\b"),
    ("Walk-in", r"\b(?:walk[- ]?in|walked (?:in|by|past)|stopped by|came in|drove by|"
     r"passed by|your (?:shop|store|office)|pase por)\b"),
))


def read_referral(text: str) -> tuple[str, str] | None:
    """(preset, the texter's words), or None when the answer says nothing ("", "ok", "skip")."""
    if len(text) > MAX_ANSWER:
        return "Other", text.strip()[:MAX_ANSWER]  # a story: the office reads the words
    words = strip_chatter(text).strip(" \t\n.!?,;")
    if not words or is_chatter(text) or is_skip(text):
        return None
    folded = fold(words)
    for preset, pattern in _RULES:
        if pattern.search(folded):
            return preset, words
    return "Other", words
