"""Executable spec for consent.keywords: what counts as opt-out, help, opt-in or cancel talk."""


import pytest

from consent.keywords import Classification, Intent, classify, detect_language, normalize

OUT, HELP, IN, CXL, NONE = (Intent.OPT_OUT, Intent.HELP, Intent.OPT_IN,
                            Intent.CANCEL_AMBIGUOUS, Intent.NONE)


def intent(text: str, *, opted_out: bool = False) -> Intent:
    return classify(text, opted_out=opted_out).intent


# --- normalize ---------------------------------------------------------------------------


def test_normalize_casefolds_strips_accents_and_surrounding_punctuation() -> None:
    assert normalize("  ¡¡BÓRRENME de la Lista!!  ") == "borrenme de la lista"


def test_normalize_drops_emoji_and_collapses_whitespace() -> None:
    assert normalize("🛑 STOP \n\t now 🛑") == "stop now"


def test_normalize_keeps_inner_punctuation_and_apostrophes() -> None:
    assert normalize("Don\u2019t   text me, please.") == "don't text me, please"


def test_normalize_folds_fullwidth_letters() -> None:
    assert normalize("ＳＴＯＰ") == "stop"


# --- per-se keywords ---------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "STOP", "stop", "Stop.", "stop!!!", "  STOP  ", "🛑STOP🛑", '"Stop"', "STOPALL", "UNSUBSCRIBE",
    "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "opt out", "Opt-Out", "OPT OUT",
])
def test_english_keyword_alone_is_an_opt_out_keyword(text: str) -> None:
    assert classify(text) == Classification(OUT, "keyword", "en")


@pytest.mark.parametrize("text", ["PARAR", "alto", "Cancelar", "BAJA", "detener."])
def test_spanish_keyword_alone_is_a_spanish_opt_out_keyword(text: str) -> None:
    assert classify(text) == Classification(OUT, "keyword", "es")


def test_cancel_alone_is_an_opt_out() -> None:
    assert classify("Cancel") == Classification(OUT, "keyword", "en")


@pytest.mark.parametrize("text", ["STOP please", "please stop", "stop pls", "STOP. Thanks",
                                  "stop stop stop", "Stopp", "ok stop"])
def test_keyword_with_only_courtesy_still_counts_as_keyword(text: str) -> None:
    assert classify(text) == Classification(OUT, "keyword", "en")


def test_keyword_with_spanish_courtesy_is_spanish() -> None:
    assert classify("alto por favor") == Classification(OUT, "keyword", "es")


def test_opt_out_beats_help_in_the_same_message() -> None:
    assert classify("STOP HELP").intent is OUT
    assert classify("help, stop texting me").intent is OUT


def test_opt_out_keyword_works_while_already_opted_out() -> None:
    assert intent("STOP", opted_out=True) is OUT


# --- free-text revocation -----------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "please stop texting me", "remove me from your list", "don't text me again", "take me off",
    "lose my number", "unsubscribe me", "stop messaging me", "stop sending me messages",
    "leave me alone", "no more texts", "do not contact me", "wrong number, stop",
    "quit texting me", "I revoke consent", "Who is this? STOP", "wrong number",
    "How do I unsubscribe?", "cancel these texts", "cancel my subscription to texts",
    "stop calling me", "I never signed up for this", "Stop msging me", "pls dont text",
])
def test_english_free_text_revocation_is_an_opt_out(text: str) -> None:
    assert classify(text) == Classification(OUT, "free_text", "en")


@pytest.mark.parametrize("text", [
    "ya no me escriban", "no me manden mensajes", "dejen de enviarme mensajes",
    "bórrenme de la lista", "No me envíen más", "no me envien mas", "quiero darme de baja",
    "no quiero recibir más mensajes", "número equivocado", "no me vuelvan a escribir",
])
def test_spanish_free_text_revocation_is_a_spanish_opt_out(text: str) -> None:
    assert classify(text) == Classification(OUT, "free_text", "es")


def test_negated_revocation_is_not_an_opt_out() -> None:
    assert intent("please don't unsubscribe me, I want the reminders") is NONE
    assert intent("Don't remove me from the list") is NONE


def test_time_limited_texting_preference_is_service_talk() -> None:
    assert intent("Don't text me after 9pm please") is NONE
    assert intent("Please stop texting me after 8pm") is NONE
    assert intent("No me llamen antes de las 9") is NONE


def test_dont_call_text_me_instead_is_service_talk() -> None:
    assert intent("Stop calling me, just text") is NONE
    assert intent("Don't call, just text me") is NONE


def test_stop_texting_someone_else_is_service_talk() -> None:
    assert intent("Stop texting my wife, text me instead") is NONE


def test_stop_sending_me_something_other_than_texts_is_service_talk() -> None:
    assert intent("Quit sending me the invoices by mail, email is better") is NONE
    assert intent("stop sending me these") is OUT


def test_giving_a_corrected_number_is_not_wrong_number_revocation() -> None:
    assert intent("Sorry, I gave you the wrong number. It's 555-302-1188") is NONE


def test_asking_whether_you_lost_my_number_is_service_talk() -> None:
    assert intent("Did you lose my number? Nobody called back") is NONE


# --- service talk with trap words ----------------------------------------------------------


def test_leak_wont_stop_is_service_talk() -> None:
    assert classify("the leak won't stop") == Classification(NONE, None, "en")


@pytest.mark.parametrize("text", [
    "can you stop by friday", "my name is Justin Stoppard", "end of the driveway",
    "the water won't stop running", "stop by anytime after 3", "it's at the end of the street",
    "I want to quit paying so much for heating", "please don't cancel",
    "the faucet started leaking", "is there a stop valve", "Westend Ave",
    "take off my old water heater", "Can I opt out of the extended warranty?",
    "Do you charge a cancellation fee?", "The AC quit working", "la presión está muy baja",
    "El agua no deja de salir", "Vivo en la calle Alto Verde",
])
def test_trap_words_in_service_talk_are_not_opt_outs(text: str) -> None:
    assert intent(text) is NONE


# --- help ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text,lang", [("HELP", "en"), ("info?", "en"), ("Ayuda!", "es"),
                                       ("help please", "en")])
def test_help_keyword_alone_is_help(text: str, lang: str) -> None:
    assert classify(text) == Classification(HELP, "keyword", lang)


def test_help_inside_a_sentence_is_service_talk() -> None:
    assert intent("I need help with my furnace") is NONE
    assert intent("Necesito ayuda con mi calefacción") is NONE


# --- opt-in --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["START", "unstop", "Comenzar", "INICIAR", "start please"])
def test_start_keywords_opt_in_regardless_of_state(text: str) -> None:
    assert intent(text) is IN
    assert intent(text, opted_out=True) is IN


@pytest.mark.parametrize("text", ["YES", "yes please", "Sí", "SI", "alta"])
def test_yes_and_si_only_opt_in_while_opted_out(text: str) -> None:
    assert intent(text, opted_out=True) is IN
    assert intent(text, opted_out=False) is NONE


def test_yes_with_a_sentence_is_not_an_opt_in() -> None:
    assert intent("Yes, Tuesday works", opted_out=True) is NONE


def test_spanish_opt_in_reports_spanish() -> None:
    assert classify("Sí", opted_out=True).language == "es"


# --- cancel --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "cancel my appointment", "cancel the request", "I need to cancel",
    "can I cancel the visit?", "We found someone else, please cancel", "cancel it",
])
def test_cancel_with_service_words_is_ambiguous(text: str) -> None:
    assert classify(text) == Classification(CXL, "free_text", "en")


def test_spanish_cancel_of_appointment_is_ambiguous_in_spanish() -> None:
    assert classify("Quiero cancelar la cita") == Classification(CXL, "free_text", "es")


def test_negated_or_conditional_cancel_is_service_talk() -> None:
    assert intent("I don't want to cancel, just move it") is NONE
    assert intent("What happens if I cancel? Is there a fee?") is NONE
    assert intent("No quiero cancelar, solo cambiar la hora") is NONE


def test_cancel_plus_texting_words_is_an_opt_out() -> None:
    assert classify("cancel these texts") == Classification(OUT, "free_text", "en")
    assert classify("Quiero cancelar los mensajes") == Classification(OUT, "free_text", "es")


def test_leaving_the_waitlist_is_cancel_talk_not_a_revocation() -> None:
    assert intent("take me off the waitlist, we fixed it") is CXL


# --- language ------------------------------------------------------------------------------


def test_detect_language_spots_spanish_markers() -> None:
    assert detect_language("Hola, tengo una fuga debajo del fregadero") == "es"
    assert detect_language("Hi, my kitchen sink is clogged") == "en"


def test_detect_language_defaults_to_english() -> None:
    assert detect_language("") == "en"
    assert detect_language("👍") == "en"
    assert detect_language("123 Main") == "en"


# --- robustness ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "", " ", "🛑", "👍👍👍", "\x00\x01\x1f", "\ud800", "\u202e\u200b", "\r\n\r\n", "a" * 1600,
    "!" * 1600, "don't " * 266, "cancel the " * 145, "no me " * 266, "🛑" * 1600,
])
def test_never_raises_and_returns_a_classification(text: str) -> None:
    result = classify(text)
    assert isinstance(result, Classification)
    assert result.language in ("en", "es")
    assert (result.method is None) == (result.intent is NONE)


def test_empty_and_emoji_only_messages_are_none() -> None:
    assert classify("") == Classification(NONE, None, "en")
    assert classify("🛑👍") == Classification(NONE, None, "en")


def test_long_message_is_still_classified_as_free_text() -> None:
    text = "Hi, about the water heater quote. " * 40 + "Anyway please stop texting me."
    assert len(text) > 1300
    assert classify(text) == Classification(OUT, "free_text", "en")


def test_control_characters_do_not_hide_a_keyword() -> None:
    assert intent("\x00STOP\x07") is OUT
    assert intent("stop\u200b") is OUT


def test_long_adversarial_messages_are_classified() -> None:
    # How fast is measured by bench/parsers.py, not asserted here (timed tests flake).
    for text in ["a " * 800, "don't " * 266, "cancel the " * 145, "ya no me " * 177,
                 "stop by " * 200, ". " * 800]:
        assert classify(text).intent is not OUT


# --- disguised keywords (2026-12-01) ---------------------------------------------------------


@pytest.mark.parametrize("text", [
    "S T O P", "S.T.O.P", "s.t.o.p", "S-T-O-P", "st0p", "5TOP", "$top", "STOP!!!", "Stop.",
    "stop 🛑", "s\u00adtop",
    "s\u0442op",  # Cyrillic small te
    "S\u0422\u041e\u0420",  # Cyrillic capital Te, O, Er
    "ST\u039fP",  # Greek capital Omicron
    "\uff33\uff34\uff2f\uff30",  # full-width
    "\U0001d412\U0001d413\U0001d40e\U0001d40f",  # mathematical bold
    "QU\u0406T",  # Ukrainian capital I, which confusables lists as "l"
    "o p t o u t", "0pt 0ut", "unsubscr1be",
])
def test_disguised_keyword_is_an_opt_out_keyword(text: str) -> None:
    assert classify(text) == Classification(OUT, "keyword", "en")


def test_a_disguised_stop_inside_a_revocation_is_free_text() -> None:
    assert classify("st0p texting me") == Classification(OUT, "free_text", "en")
    assert classify("S T O P sending me messages") == Classification(OUT, "free_text", "en")


def test_disguised_help_and_start_are_recognised_too() -> None:
    assert classify("H E L P").intent is HELP
    assert classify("\uff28\uff25\uff2c\uff30").intent is HELP
    assert classify("S T A R T").intent is IN


@pytest.mark.parametrize("text", [
    "Unit 4B, 2nd floor", "Come at 4pm", "A B C Plumbing sent me", "St. Paul, MN 55101",
    "s t o p by after 3", "the pipe under the s.i.n.k", "$40 service fee is fine",
    "Email me at stop.leaks@example.com", "\u0422he water heater is leaking",
    "I need a new stop valve, the 5/8 one",
])
def test_disguise_folding_adds_no_false_positive(text: str) -> None:
    assert intent(text) is not OUT


def test_undisguising_changes_only_what_spells_a_keyword() -> None:
    assert normalize("a b c at 4pm, 2nd floor") == "a b c at 4pm, 2nd floor"
    assert normalize("S T O P, st0p") == "stop, stop"


# --- short Spanish revocations (2026-12-01) ----------------------------------------------


@pytest.mark.parametrize("text", [
    "basta", "¡Basta!", "BASTA YA", "basta por favor", "no más", "No mas", "¡No más!",
    "no más, gracias", "ya no", "Ya no.", "ya no, gracias", "No, ya no", "ya no más",
    "ya no me escriban",
])
def test_short_spanish_revocation_is_a_spanish_opt_out(text: str) -> None:
    assert classify(text) == Classification(OUT, "free_text", "es")


@pytest.mark.parametrize("text", [
    "no más de 2 horas", "ya no sale agua caliente", "Ya no gotea, gracias",
    "Basta con que vengan el lunes", "Con una visita basta", "No más tarde de las 5",
    "Tengo no más una pregunta", "¿Ya no vienen hoy?", "ya no funciona el calentador",
])
def test_ya_no_and_no_mas_inside_service_talk_are_not_opt_outs(text: str) -> None:
    assert intent(text) is NONE
