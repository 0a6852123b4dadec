"""Answers to "What's the service address?": expected Address fields (None: not an address)."""

from __future__ import annotations

from tests.bot.conversation.understand.cases import C


def A(line1: str, line2: str | None = None, city: str | None = None,  # noqa: N802
      state: str | None = None, postal_code: str | None = None) -> dict[str, str | None]:
    """The expected address fields."""
    return {"line1": line1, "line2": line2, "city": city, "state": state,
            "postal_code": postal_code}


ADDRESSES = [
    C("123 Main St", A("123 MAIN ST"), "plain"),
    C("42 Elm St, Springfield, IL 62704", A("42 ELM ST", None, "SPRINGFIELD", "IL", "62704"),
      "plain"),
    C("1600 Pennsylvania Avenue NW, Washington, DC 20500",
      A("1600 PENNSYLVANIA AVE NW", None, "WASHINGTON", "DC", "20500"), "plain"),
    C("7 Oak Ln Unit 3 Dallas TX 75201", A("7 OAK LN", "UNIT 3", "DALLAS", "TX", "75201"),
      "plain"),
    C("500 W 5th Ave Suite 200", A("500 W 5TH AVE", "STE 200"), "plain"),
    C("12B Baker Street", A("12B BAKER ST"), "plain"),
    # lower case and abbreviations
    C("123 main street", A("123 MAIN ST"), "lowercase"),
    C("12 elm st.", A("12 ELM ST"), "lowercase"),
    C("123 main st apt 4b springfield il 62704",
      A("123 MAIN ST", "APT 4B", "SPRINGFIELD", "IL", "62704"), "lowercase"),
    C("88 n. oak ave, chicago il", A("88 N OAK AVE", None, "CHICAGO", "IL"), "lowercase"),
    C("5 lakeview drive", A("5 LAKEVIEW DR"), "lowercase"),
    C("19 maple ct", A("19 MAPLE CT"), "lowercase"),
    C("310 river road", A("310 RIVER RD"), "lowercase"),
    # unit before the street
    C("Apt 4, 22 Oak St", A("22 OAK ST", "APT 4"), "unit first"),
    C("unit 3 - 18 Main St", A("18 MAIN ST", "UNIT 3"), "unit first"),
    C("#4 22 oak st", A("22 OAK ST", "# 4"), "unit first"),
    C("Suite 200, 500 W 5th Ave, Austin TX", A("500 W 5TH AVE", "STE 200", "AUSTIN", "TX"),
      "unit first"),
    C("apt 12 at 9 Pine Ave", A("9 PINE AVE", "APT 12"), "unit first"),
    # chatty prefixes and remarks
    C("it's 14 birch rd", A("14 BIRCH RD"), "chatty"),
    C("the address is 9 Pine Ave", A("9 PINE AVE"), "chatty"),
    C("we're at 77 Lake Dr apt 2", A("77 LAKE DR", "APT 2"), "chatty"),
    C("we're on 40 Cedar Lane in Durham NC", A("40 CEDAR LN", None, "DURHAM", "NC"), "chatty"),
    C("42 Elm St (blue house) Springfield IL 62704",
      A("42 ELM ST", None, "SPRINGFIELD", "IL", "62704"), "chatty"),
    C("hi! my address is 5 Oak street, thanks", A("5 OAK ST"), "chatty"),
    C("My address is 123 Main St", A("123 MAIN ST"), "chatty"),
    C("I live at 42 Elm St", A("42 ELM ST"), "chatty"),
    C("Yes, it's 300 Bay Rd", A("300 BAY RD"), "chatty"),
    C("ok it's at 61 Hill St", A("61 HILL ST"), "chatty"),
    C("123 Main St thanks", A("123 MAIN ST"), "chatty"),
    C("come to 8 Spruce Ct please", A("8 SPRUCE CT"), "chatty"),
    C("the house is at 210 Birch Ave (side door)", A("210 BIRCH AVE"), "chatty"),
    C("we're on 40 Cedar Lane, Durham, NC 27701", A("40 CEDAR LN", None, "DURHAM", "NC",
                                                    "27701"), "chatty"),
    # more of how people answer
    C("42 elm street springfield", A("42 ELM ST", None, "SPRINGFIELD"), "lowercase"),
    C("1234 W. Grand Ave. Chicago, Il. 60622", A("1234 W GRAND AVE", None, "CHICAGO", "IL",
                                                 "60622"), "plain"),
    C("my address is 500 n michigan ave apt 1203 chicago il 60611",
      A("500 N MICHIGAN AVE", "APT 1203", "CHICAGO", "IL", "60611"), "chatty"),
    C("55 Water St, 2nd floor", A("55 WATER ST", "FL 2"), "plain"),
    C("12 elm st, apt 3, springfield il", A("12 ELM ST", "APT 3", "SPRINGFIELD", "IL"),
      "lowercase"),
    C("its 9 pine ave apartment 2", A("9 PINE AVE", "APT 2"), "chatty"),
    C("I'm at 1 Infinite Loop Cupertino CA 95014",
      A("1 INFINITE LOOP", None, "CUPERTINO", "CA", "95014"), "chatty"),
    C("2200 Broadway Apt 5C New York NY 10024",
      A("2200 BROADWAY", "APT 5C", "NEW YORK", "NY", "10024"), "plain"),
    C("100 Main St. Apt. 2", A("100 MAIN ST", "APT 2"), "plain"),
    C("14 Birch Rd, Durham NC 27701 (gate code 1234)",
      A("14 BIRCH RD", None, "DURHAM", "NC", "27701"), "chatty"),
    C("123 Main St - back door", A("123 MAIN ST"), "chatty"),
    C("12 Oak Ave -- use the side gate", A("12 OAK AVE"), "chatty"),
    C("unit B, 4 Oak Ct", A("4 OAK CT", "UNIT B"), "unit first"),
    C("Apt. 3B 215 W 88th St NY NY 10024", A("215 W 88TH ST", "APT 3B", "NY", "NY", "10024"),
      "unit first"),
    C("215 west 88th street apt 3b", A("215 W 88TH ST", "APT 3B"), "lowercase"),
    C("It's 42 Elm St, Springfield IL 62704. Thanks!",
      A("42 ELM ST", None, "SPRINGFIELD", "IL", "62704"), "chatty"),
    C("600 Oak Street, Springfield Illinois", A("600 OAK ST", None, "SPRINGFIELD", "IL"),
      "plain"),
    C("the blue house on 12 Elm", A("12 ELM"), "chatty",
      known="a description before the address hides it from the answer reader"),
    C("calle 5 #123", A("123 CALLE 5"), "spanish",
      known="Latin American street-first addresses are not read"),
    # Spanish
    C("mi dirección es 45 Pine St", A("45 PINE ST"), "spanish"),
    C("vivo en 12 Elm Ave apt 3", A("12 ELM AVE", "APT 3"), "spanish"),
    C("estamos en 900 Grand Blvd, Miami FL", A("900 GRAND BLVD", None, "MIAMI", "FL"),
      "spanish"),
    # not an address
    C("Main Street", None, "not an address"),
    C("my house", None, "not an address"),
    C("PO Box 12", None, "not an address"),
    C("2 kids and a dog", None, "not an address"),
    C("leak under the kitchen sink", None, "not an address"),
    C("same as before", None, "not an address"),
    C("2 toilets clogged", None, "not an address"),
    C("apt 4, 2 kids", None, "not an address"),
    C("it's 3 o'clock", None, "not an address"),
    C("123 O'Hara Way", A("123 O'HARA WAY"), "plain"),
    C("idk", None, "not an address"),
    C("", None, "not an address"),
]

SAME_AS_BEFORE = [
    *(C(t, True, "same") for t in ["same spot as before", "same address", "same place",
                                   "same as last time", "la misma", "same", "yes same address",
                                   "the same one", "same as before thanks", "no change",
                                   "la misma de antes", "same address as last time"]),
    *(C(t, False, "different") for t in ["42 Elm St", "no", "a different one", "same time",
                                         "new address", ""]),
]
