"""Answers to "What's your name?": expected (first, last, company) or a reason code."""

from __future__ import annotations

from tests.bot.conversation.understand.cases import C


def P(first: str | None, last: str | None = None,  # noqa: N802
      company: str | None = None) -> dict[str, str | None]:
    """The expected name fields."""
    return {"first": first, "last": last, "company": company}


NAMES = [
    # plain, cased as typed
    C("Maria Lopez", P("Maria", "Lopez"), "plain"),
    C("DeShawn McDonald", P("DeShawn", "McDonald"), "plain"),
    C("Jean-Luc O'Neil", P("Jean-Luc", "O'Neil"), "plain"),
    C("Mary-Jane Smith-Jones", P("Mary-Jane", "Smith-Jones"), "plain"),
    C("Mary Church", P("Mary", "Church"), "plain"),
    C("Bob E Smith", P("Bob", "E Smith"), "plain"),
    # lower and upper case
    C("maria de la cruz", P("Maria", "de la Cruz"), "lowercase"),
    C("sean o'brien", P("Sean", "O'Brien"), "lowercase"),
    C("john mcdonald", P("John", "McDonald"), "lowercase"),
    C("MARIA LOPEZ", P("Maria", "Lopez"), "lowercase"),
    C("kim lee", P("Kim", "Lee"), "lowercase"),
    C("ray macdonald", P("Ray", "MacDonald"), "lowercase"),
    # multi-word last names
    C("Martin Van Buren", P("Martin", "Van Buren"), "multi-word last"),
    C("José García Márquez", P("José", "García Márquez"), "multi-word last"),
    C("juan de la cruz lópez", P("Juan", "de la Cruz López"), "multi-word last"),
    C("Ludwig van Beethoven", P("Ludwig", "van Beethoven"), "multi-word last"),
    C("Ana St. John", P("Ana", "St. John"), "multi-word last"),
    # framing and fillers
    C("its kim lee", P("Kim", "Lee"), "framing"),
    C("it's Kim Lee", P("Kim", "Lee"), "framing"),
    C("this is kim lee", P("Kim", "Lee"), "framing"),
    C("sam ortiz here", P("Sam", "Ortiz"), "framing"),
    C("um yeah it's dana wu", P("Dana", "Wu"), "framing"),
    C("I'm Raj Patel and the fridge is making a noise", P("Raj", "Patel"), "framing"),
    C("my name is bob smith", P("Bob", "Smith"), "framing"),
    C("name's Jo Kent", P("Jo", "Kent"), "framing"),
    C("Hi, Maria Lopez here", P("Maria", "Lopez"), "framing"),
    C("hey this is Tom Baker, thanks", P("Tom", "Baker"), "framing"),
    C("yes, it's Ann Lee", P("Ann", "Lee"), "framing"),
    C("Kim Lee again", P("Kim", "Lee"), "framing"),
    C("ok my name is Priya Shah.", P("Priya", "Shah"), "framing"),
    # titles and suffixes
    C("Mrs. Kim Lee", P("Kim", "Lee"), "titles"),
    C("mr john smith", P("John", "Smith"), "titles"),
    C("dr ana ruiz", P("Ana", "Ruiz"), "titles"),
    C("John Smith Jr.", P("John", "Smith Jr."), "titles"),
    C("robert king III", P("Robert", "King III"), "titles"),
    # emoji and punctuation
    C("Kim Lee 🙂", P("Kim", "Lee"), "emoji"),
    C("Dana Wu!!", P("Dana", "Wu"), "emoji"),
    C("👋 Carlos Mendez", P("Carlos", "Mendez"), "emoji"),
    C("Tom Baker 👍🏽", P("Tom", "Baker"), "emoji"),
    # Spanish
    C("me llamo maria de la cruz", P("Maria", "de la Cruz"), "spanish"),
    C("soy Luis García Márquez", P("Luis", "García Márquez"), "spanish"),
    C("mi nombre es Ana Ruiz", P("Ana", "Ruiz"), "spanish"),
    C("Hola, soy Carmen Díaz", P("Carmen", "Díaz"), "spanish"),
    C("yo soy pedro gonzález", P("Pedro", "González"), "spanish"),
    # businesses, and a person with one
    C("this is Kevin with Summit Realty", P("Kevin", None, "Summit Realty"), "business"),
    C("Kevin from ABC Plumbing", P("Kevin", None, "ABC Plumbing"), "business"),
    C("Tony's Deli", P(None, None, "Tony's Deli"), "business"),
    C("Riverside Vet Clinic", P(None, None, "Riverside Vet Clinic"), "business"),
    C("Acme LLC", P(None, None, "Acme LLC"), "business"),
    C("Smith Plumbing Inc", P(None, None, "Smith Plumbing Inc"), "business"),
    C("Oak Street Properties LLC", P(None, None, "Oak Street Properties LLC"), "business"),
    C("first baptist church", P(None, None, "First Baptist Church"), "business"),
    C("it's for Greenway Property Management", P(None, None, "Greenway Property Management"),
      "business"),
    # one name only: asked again for the last name
    C("it's kim", "single", "single"),
    C("Kim 🙂", "single", "single"),
    C("Bob", "single", "single"),
    C("Mrs. Lee", "single", "single"),
    # never a name
    C("hi", "chatter", "not a name"),
    C("hello there", "chatter", "not a name"),
    C("good morning", "chatter", "not a name"),
    C("Good morning!", "chatter", "not a name"),
    C("yes", "chatter", "not a name"),
    C("ok", "chatter", "not a name"),
    C("thanks", "chatter", "not a name"),
    C("👍", "chatter", "not a name"),
    C("hola buenos días", "chatter", "not a name"),
    C("skip", "chatter", "not a name"),
    C("my sink is leaking", "invalid", "not a name"),
    C("leak under the kitchen sink", "invalid", "not a name"),
    C("R2D2 Unit", "invalid", "not a name"),
    C("bob@example.com", "invalid", "not a name"),
    C("a b c d e f g", "invalid", "not a name"),
    C("", "empty", "not a name"),
    C("   ", "empty", "not a name"),
]

FOUND_NAMES = [
    C("This is Bob Smith, 42 Elm St Springfield IL, leaky faucet", P("Bob", "Smith"), "intro"),
    C("hi i'm kim, my sink is clogged", P("Kim"), "intro"),
    C("Bob Smith, 42 Elm St Springfield IL 62704, water heater leaking", P("Bob", "Smith"),
      "leading name"),
    C("Sam Ortiz here, my AC is out", P("Sam", "Ortiz"), "leading name"),
    C("This is Kevin with Summit Realty, a tenant has no heat", P("Kevin", None, "Summit Realty"),
      "intro"),
    C("my name is ana ruiz and my toilet is clogged", P("Ana", "Ruiz"), "intro"),
    C("hey it's Maria, AC broken at 4521 NE Sandy Blvd Portland OR", P("Maria"), "intro"),
    C("Hola, me llamo Ana Ruiz, tengo una fuga", P("Ana", "Ruiz"), "intro"),
    C("i'm looking for a plumber", None, "service talk"),
    C("I'm having a leak under the sink", None, "service talk"),
    C("Hi my water heater is leaking", None, "service talk"),
    C("this is urgent", None, "service talk"),
    C("It's leaking again", None, "service talk"),
    C("I'm sick of this leak", None, "service talk"),
    C("Leaky faucet, 42 Elm St", None, "service talk"),
    C("Water Heater, 42 Elm St", None, "service talk"),
    C("im at work till 5", None, "service talk"),
    C("this is the second time it broke", None, "service talk"),
]
