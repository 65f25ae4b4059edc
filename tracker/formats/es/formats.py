"""Spanish number formats as US Spanish writes them: 3,898,747 and 2.5.

Django's own `es` groups with a non-breaking space and a decimal comma (the
RAE's style); US Spanish news writes a comma and a point, as Django's `es_MX`
does (docs/GLOSSARY.md, "numbers"). Dates keep Django's `es` formats.
"""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
