"""Disclosure, HELP and confirmation texts, versioned, in English and Spanish."""

from __future__ import annotations

from dataclasses import dataclass

# Bumped with every change of wording; events keep the version (and text) they were shown.
# .3 (2026-12-01): "Message frequency varies", as carriers' opt-in language expects.
DISCLOSURE_VERSION = "2026-12-01.en-es.3"
FREQUENCY = {"en": "Message frequency varies.", "es": "La frecuencia de los mensajes varía."}


@dataclass(frozen=True)
class Business:
    """Who is texting: used in every compliance text."""

    name: str
    phone: str = ""


def _contact(business: Business, lang: str) -> str:
    if not business.phone:
        return ""
    return f" Llame al {business.phone}." if lang == "es" else f" Call {business.phone}."


def disclosure(business: Business, lang: str = "en") -> str:
    """The opt-in disclosure carried by the first reply to a new texter."""
    if lang == "es":
        return (f"{business.name}: le enviaremos mensajes sobre su solicitud de servicio. "
                f"{FREQUENCY['es']} Pueden aplicarse tarifas de mensajes y datos. Responda "
                "AYUDA para ayuda, PARAR para no recibir más mensajes.")
    return (f"{business.name}: we'll text you about your service request. "
            f"{FREQUENCY['en']} Msg & data rates may apply. Reply HELP for help, STOP to "
            "opt out.")


def consent_question(business: Business, lang: str = "en") -> str:
    """The question whose YES is recorded as an express opt-in."""
    if lang == "es":
        return (f"¿Podemos enviarle mensajes de {business.name} con novedades sobre este trabajo "
                f"(citas, avisos de llegada)? Responda SI o NO. {FREQUENCY['es']} Pueden "
                "aplicarse tarifas. Responda PARAR en cualquier momento.")
    return (f"May {business.name} text you updates about this job (appointment times, "
            f"arrival notices)? Reply YES or NO. {FREQUENCY['en']} Msg & data rates may "
            "apply. Reply STOP anytime to opt out.")


def help_text(business: Business, lang: str = "en") -> str:
    """The HELP / INFO reply."""
    if lang == "es":
        return (f"{business.name}: mensajes sobre su solicitud de servicio."
                f"{_contact(business, lang)}"
                " Pueden aplicarse tarifas de mensajes y datos. Responda PARAR para no recibir "
                "más mensajes.")
    return (f"{business.name}: texts about your service request.{_contact(business, lang)}"
            " Msg & data rates may apply. Reply STOP to opt out.")


def opt_out_confirmation(business: Business, lang: str = "en") -> str:
    """The single confirmation sent after an opt-out."""
    if lang == "es":
        return (f"{business.name}: no recibirá más mensajes. Responda COMENZAR para volver a "
                "suscribirse.")
    return (f"{business.name}: you're unsubscribed and will get no more texts. "
            "Reply START to resubscribe.")


def opt_in_confirmation(business: Business, lang: str = "en") -> str:
    """The confirmation after START / UNSTOP / YES while opted out."""
    if lang == "es":
        return (f"{business.name}: volverá a recibir mensajes. {FREQUENCY['es']} Pueden "
                "aplicarse tarifas. Responda AYUDA para ayuda, PARAR para cancelar.")
    return (f"{business.name}: you're subscribed again. {FREQUENCY['en']} Msg & data rates "
            "may apply. Reply HELP for help, STOP to opt out.")
