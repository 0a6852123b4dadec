"""Short names for the labels of the hand-labelled corpora."""

from consent.keywords import Intent

OUT = Intent.OPT_OUT
HELP = Intent.HELP
IN = Intent.OPT_IN
CXL = Intent.CANCEL_AMBIGUOUS
NONE = Intent.NONE
