"""Where a page's time goes with the whole-page cache off.

For each page measured with wrk, the median server time in-process (Django's
test client, the whole middleware stack, production's caches) three ways,
alternating in blocks so the machine's drift falls on all three: the whole
page; the page with its filter form (includes/_filter_form.html) not drawn
(lists); and the request with nothing drawn at all: the view runs, its
queries run and its rows (model instances) are read, but no template is
rendered. What is left when nothing is drawn bounds what any faster drawing
could reach. Run by bench/run.py in the environment of the server with the
page cache off; prints one JSON line.
"""

import contextlib
import json
import sys
from unittest import mock

import django

django.setup()

from django.template.loader_tags import IncludeNode  # noqa: E402
from django.template.response import SimpleTemplateResponse  # noqa: E402

from bench.optimisations import alternate  # noqa: E402

FILTER_FORM = "includes/_filter_form.html"
include_render = IncludeNode.render


def render_but_the_form(self, context):
    # A constant template name's FilterExpression holds the name itself.
    if getattr(self.template, "var", None) == FILTER_FORM:
        return ""
    return include_render(self, context)


def without_form():
    """The page with its filter form not drawn."""
    return mock.patch.object(IncludeNode, "render", render_but_the_form)


def read_rows_only(self):
    """A response's content with nothing drawn: the rows a template would
    read are read, so their query still runs."""
    list((self.context_data or {}).get("object_list") or ())
    return ""


def nothing_drawn():
    return mock.patch.object(
        SimpleTemplateResponse, "rendered_content", property(read_rows_only)
    )


def main():
    pages = json.loads(sys.argv[1])
    rows = {}
    for name, path in pages.items():
        variants = {"whole page": contextlib.nullcontext}
        if name.startswith("list"):
            variants["without the filter form"] = without_form
        variants["nothing drawn"] = nothing_drawn
        rows[name] = [path, alternate(path, variants)]
    print(json.dumps(rows))


if __name__ == "__main__":
    sys.exit(main())
