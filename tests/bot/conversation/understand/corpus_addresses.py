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
