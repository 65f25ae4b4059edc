"""The text of a CSV cell, as every CSV the tracker writes makes it safe."""

from django.db import models
from django.db.models import Func

# Spreadsheets read the byte-order mark as "this file is UTF-8".
BOM = "\ufeff"
# OWASP's CSV injection guidance: spreadsheets run a cell starting with any of
# these as a formula (tab, CR and LF can precede one), so such a cell is
# prefixed with an apostrophe to make it plain text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def neutralise(text):
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


class FormulaSafe(Func):
    """Text that never starts with a formula trigger, as its maker vouches
    (with a test): its cell needs no formula test, and names it once."""

    template = "%(expressions)s"
    output_field = models.TextField()
