"""Disclosure, HELP and confirmation texts, versioned, in English and Spanish."""

from __future__ import annotations

from dataclasses import dataclass

DISCLOSURE_VERSION = "2026-11-23.en-es.2"


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
                "Pueden aplicarse tarifas de mensajes y datos. Responda AYUDA para ayuda, "
                "PARAR para no recibir más mensajes.")
    return (f"{business.name}: we'll text you about your service request. "
            "Msg & data rates may apply. Reply HELP for help, STOP to opt out.")


def consent_question(business: Business, lang: str = "en") -> str:
    """The question whose YES is recorded as an express opt-in."""
    if lang == "es":
        return (f"¿Podemos enviarle mensajes de {business.name} con novedades sobre este trabajo "
                "(citas, avisos de llegada)? Responda SI o NO. Pueden aplicarse tarifas. "
                "Responda PARAR en cualquier momento.")
    return (f"May {business.name} text you updates about this job (appointment times, "
            "arrival notices)? Reply YES or NO. Msg & data rates may apply. "
            "Reply STOP anytime to opt out.")


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
        return (f"{business.name}: volverá a recibir mensajes. Pueden aplicarse tarifas. "
                "Responda AYUDA para ayuda, PARAR para cancelar.")
    return (f"{business.name}: you're subscribed again. Msg & data rates may apply. "
            "Reply HELP for help, STOP to opt out.")
