"""The path of one list request, held against docs/ARCHITECTURE.md.

Following `/ordinances/?state=CA` in English on a cache miss, the project's
own Python files whose code runs (and the two URLconfs) and the project's own
templates drawn must be the ones the architecture page names, and no more
than issue 29 allows: 12 Python files, 8 templates.
"""

import re
import sys
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.test import TestCase, override_settings
from django.test.signals import template_rendered

from .factories import make_jurisdiction, make_ordinance, make_provision

ROOT = Path(settings.BASE_DIR)
URLCONFS = {"tracker/urls.py", "jurisdictions/urls.py"}
ARCHITECTURE = ROOT / "docs" / "ARCHITECTURE.md"


def own(path):
    """`path` relative to the project, if it is the project's own code."""
    if not path.endswith((".py", ".html")):
        return None
    try:
        relative = Path(path).resolve().relative_to(ROOT)
    except ValueError:
        return None
    if relative.parts[0] in {".venv", "tests"}:
        return None
    return relative.as_posix()


def documented(section):
    """The `code` items listed under the architecture page's `section`."""
    text = ARCHITECTURE.read_text()
    body = text.split(f"# {section}\n", 1)[1].split("\n#", 1)[0]
    return set(re.findall(r"^\d+\. `([^`]+)`", body, re.MULTILINE))


@override_settings(PUBLIC_CACHE_SECONDS=300)
class ListRequestPathTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        provision = make_provision()
        state = make_jurisdiction(name="California", kind="state", state="CA")
        city = make_jurisdiction(name="Los Angeles", parent=state, state="CA")
        make_ordinance(jurisdiction=city, provisions=[provision])

    def follow(self, url):
        """(Python files, templates) of the project's own that `url` runs."""
        self.client.get(url)  # imports and first-use setup aside
        for cache in caches.all():
            cache.clear()
        files, templates = set(URLCONFS), []
        self.calls = calls = {}

        def profile(frame, event, arg):
            if event == "call" and frame.f_code.co_name != "<module>":
                path = own(frame.f_code.co_filename)
                if path:
                    files.add(path)
                    calls.setdefault(path, set()).add(frame.f_code.co_name)

        def rendered(sender, template, **kwargs):
            path = own(template.origin.name)
            if path and path not in templates:
                templates.append(path)

        template_rendered.connect(rendered)
        sys.setprofile(profile)
        try:
            response = self.client.get(url)
        finally:
            sys.setprofile(None)
            template_rendered.disconnect(rendered)
        self.assertEqual(response.status_code, 200)
        return files, set(templates)

    def test_a_list_request_runs_what_the_architecture_page_names(self):
        files, templates = self.follow("/ordinances/?state=CA")
        self.assertLessEqual(len(files), 12, self.calls)
        self.assertLessEqual(len(templates), 8, sorted(templates))
        self.assertEqual(files, documented("Python files on the path"))
        self.assertEqual(templates, documented("Templates on the path"))
