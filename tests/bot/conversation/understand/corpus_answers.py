"""Short answers: yes/no, skip, chatter, phones, emails and "How did you hear about us?"."""

from __future__ import annotations

from tests.bot.conversation.understand.cases import C

YES_NO = [
    # yes with extra words
    *(C(t, "yes", "yes") for t in [
        "yes", "Yes!", "yes thats correct", "yeah that works", "sure, go ahead", "yup all set",
        "great, send it over", "correct", "looks good", "perfect", "ok 👍", "👍", "yep",
        "Yes, that is the best number", "yes please", "yeah", "ya", "sure thing",
        "that's right", "absolutely", "of course", "sounds good", "yes yes", "k", "okay!",
        "yes sir", "alright, go for it", "Yes, looks good, thanks!", "yea all good", "Yes 😊",
        "yes it is", "yes, that's the one", "yeah go ahead and book it", "yesss", "YES",
        "yes ma'am", "ok sounds good", "sure 👍", "yes i agree", "yes that's me"]),
    *(C(t, "yes", "yes, spanish") for t in [
        "si", "sí", "sí, correcto", "claro", "claro que sí", "está bien", "de acuerdo",
        "perfecto", "Sí, gracias", "dale", "vale", "si por favor", "correcto"]),
    # no with extra words
    *(C(t, "no", "no") for t in [
        "no", "No.", "nope", "no thanks", "not now", "nah", "No thank you!", "wrong",
        "that's not right", "incorrect", "no no", "negative", "👎", "nah I'm good", "noo",
        "nope, that's all", "no, maybe later", "nope not interested"]),
    *(C(t, "no", "no, spanish") for t in ["no gracias", "mejor no", "ahora no", "No, gracias.",
                                          "para nada", "negativo"]),
    # more than a yes or a no: the caller must read the rest
    *(C(t, None, "mixed or other") for t in [
        "yes but the address is wrong", "no, the address is wrong", "my sink is leaking",
        "maybe", "i'm not sure", "what?", "42 Elm St", "Kim Lee", "", "call me",
        "nope use 617-555-0199 instead", "si pero cambia la hora", "not sure", "yeah no"]),
]

SPLIT = [
    C("no, the address is wrong", ("no", "the address is wrong"), "split"),
    C("yes but the time should be 3pm", ("yes", "the time should be 3pm"), "split"),
    C("nope use 617-555-0199 instead", ("no", "use 617-555-0199 instead"), "split"),
    C("No - it's 14 Birch Rd", ("no", "it's 14 Birch Rd"), "split"),
    C("si pero cambia la hora", ("yes", "cambia la hora"), "split"),
    C("yes thats correct", ("yes", ""), "split"),
    C("my name is Kim", (None, "my name is Kim"), "split"),
]

SKIPS = [
    *(C(t, True, "skip") for t in [
        "skip", "none", "no email", "i don't have one", "n/a", "pass", "Skip please!", "no",
        "nope", "I dont have an email", "don't have one", "no thanks", "rather not",
        "prefer not to say", "next", "nothing", "no, I don't have email", "no email sorry",
        "nah skip", "don't have one sorry", "skip that", "not needed"]),
    *(C(t, True, "skip, spanish") for t in ["omitir", "no tengo", "ninguno", "saltar",
                                            "no tengo correo", "nada", "paso",
                                            "no tengo correo electrónico", "no uso email"]),
    *(C(t, False, "not a skip") for t in ["kim@example.com", "my email is kim@x.com", "",
                                          "tomorrow", "yes", "Kim Lee"]),
]

# expected: (strip_chatter, is_chatter, is_acknowledgement)
CHATTER = [
    C("Good morning!", ("", True, False), "greeting"),
    C("hi there 👋", ("", True, False), "greeting"),
    C("hola buenos días", ("", True, False), "greeting"),
    C("hello", ("", True, False), "greeting"),
    C("Good afternoon.", ("", True, False), "greeting"),
    C("thanks!", ("", True, True), "acknowledgement"),
    C("ok", ("", True, True), "acknowledgement"),
    C("👍", ("", True, True), "acknowledgement"),
    C("great, see you then", ("great", True, True), "acknowledgement"),
    C("gracias", ("", True, True), "acknowledgement"),
    C("ok thank you so much!", ("", True, True), "acknowledgement"),
    C("perfect, thanks 🙏", ("perfect", True, True), "acknowledgement"),
    C("muchas gracias, hasta luego", ("", True, True), "acknowledgement"),
    C("Hiii!!", ("", True, False), "greeting"),
    C("hey 👋🏽", ("", True, False), "greeting"),
    C("Buenas", ("", True, False), "greeting"),
    C("Thank you!!!", ("", True, True), "acknowledgement"),
    C("k thx", ("k", True, True), "acknowledgement"),
    C("👍👍", ("", True, True), "acknowledgement"),
    C("ok see you tomorrow", ("", True, True), "acknowledgement"),
    C("sounds good, thanks!", ("sounds good", True, True), "acknowledgement"),
    C("hi, sorry for the late reply", ("sorry for the late reply", False, False), "service"),
    C("Hi my water heater is leaking", ("my water heater is leaking", False, False), "service"),
    C("hey so um the toilet is running", ("the toilet is running", False, False), "service"),
    C("Good morning! My AC stopped working, thanks", ("My AC stopped working", False, False),
      "service"),
    C("hola, tengo una fuga", ("tengo una fuga", False, False), "service"),
    C("leak under the sink", ("leak under the sink", False, False), "service"),
    C("cancel my appointment", ("cancel my appointment", False, False), "service"),
]

PHONES = [
    C("nah use +1 646 555 0123 instead", "+16465550123", "in words"),
    C("use 617-555-0199 for the phone instead", "+16175550199", "in words"),
    C("my cell is (555) 123-4567", "+15551234567", "in words"),
    C("5551234567", "+15551234567", "bare"),
    C("555.123.4567", "+15551234567", "bare"),
    C("+44 20 7946 0958", "+442079460958", "international"),
    C("call me at 555 123 4567 after 5", "+15551234567", "in words"),
    C("mi número es 555-123-4567", "+15551234567", "in words"),
    C("617 555 0199", "+16175550199", "bare"),
    C("(617)555-0199", "+16175550199", "bare"),
    C("1 (800) 555-0199", "+18005550199", "bare"),
    C("+52 55 1234 5678", "+525512345678", "international"),
    C("my number: 617.555.0199 thx", "+16175550199", "in words"),
    C("call 6175550199 anytime", "+16175550199", "in words"),
    C("apt 12, 617-555-0199", "+16175550199", "in words"),
    C("my zip is 02139", None, "not a phone"),
    C("order #123456789", None, "not a phone"),
    C("my number is 555 1234", None, "not a phone"),
    C("42 Elm St Springfield IL 62704", None, "not a phone"),
    C("tomorrow at 3", None, "not a phone"),
    C("12/3 at 10", None, "not a phone"),
]

EMAILS = [
    C("my email is actually Kim.Lee@Example.com", "kim.lee@example.com", "in words"),
    C("kim@gmail.com", "kim@gmail.com", "bare"),
    C(" Ann.Lee+jobs@Example.co.uk. ", "ann.lee+jobs@example.co.uk", "bare"),
    C("kim@gmail,com", "kim@gmail.com", "typo"),
    C("kim at gmail dot com", "kim@gmail.com", "typo"),
    C("mi correo es ana@correo.mx", "ana@correo.mx", "spanish"),
    C("email: jo@site.io thanks", "jo@site.io", "in words"),
    C("KIM@EXAMPLE.COM", "kim@example.com", "bare"),
    C("kim.lee @ gmail.com", "kim.lee@gmail.com", "typo"),
    C("ana@correo.com.mx", "ana@correo.com.mx", "bare"),
    C("email me at kim@example.com", "kim@example.com", "in words"),
    C("my email is kim at gmail dot com", "kim@gmail.com", "typo"),
    C("mi correo es ana arroba gmail punto com", "ana@gmail.com", "spanish"),
    C("my email is kim lee at yahoo dot com", None, "not an email"),
    C("we're at home dot com", None, "not an email"),
    C("kim@gmail", None, "not an email"),
    C("bob@x", None, "not an email"),
    C("skip", None, "not an email"),
    C("meet me at the house", None, "not an email"),
]

REFERRALS = [
    C("my neighbor told me", ("Referral", "my neighbor told me"), "referral"),
    C("un amigo", ("Referral", "un amigo"), "referral"),
    C("my sister recommended you", ("Referral", "my sister recommended you"), "referral"),
    C("word of mouth", ("Referral", "word of mouth"), "referral"),
    C("saw you on google", ("Google", "saw you on google"), "google"),
    C("Google", ("Google", "Google"), "google"),
    C("I googled plumbers near me", ("Google", "I googled plumbers near me"), "google"),
    C("FB", ("Facebook", "FB"), "facebook"),
    C("lo vi en facebook", ("Facebook", "lo vi en facebook"), "facebook"),
    C("Yelp!", ("Yelp", "Yelp"), "yelp"),
    C("used you before", ("Repeat customer", "used you before"), "repeat"),
    C("you guys fixed my heater last year", ("Repeat customer",
                                             "you guys fixed my heater last year"), "repeat"),
    C("your website", ("Website", "your website"), "website"),
    C("drove by your shop", ("Walk-in", "drove by your shop"), "walk-in"),
    C("nextdoor", ("Other", "nextdoor"), "other"),
    C("Angi", ("Other", "Angi"), "other"),
    C("my realtor", ("Referral", "my realtor"), "referral"),
    C("my landlord gave me your number", ("Referral", "my landlord gave me your number"),
      "referral"),
    C("google maps", ("Google", "google maps"), "google"),
    C("i've used you guys before", ("Repeat customer", "i've used you guys before"), "repeat"),
    C("instagram", ("Other", "instagram"), "other"),
    C("a flyer", ("Other", "a flyer"), "other"),
    C("Angie's list", ("Other", "Angie's list"), "other"),
    C("saw your truck", ("Other", "saw your truck"), "other"),
    C("skip", None, "nothing"),
    C("ok", None, "nothing"),
    C("no", None, "nothing"),
]
