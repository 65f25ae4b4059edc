import os

import pytest
from django.core.management import call_command


def pytest_configure(config):
    from django.conf import settings

    # Tests run without collectstatic, so there is no manifest of hashed names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    # Tests speak plain HTTP to the test client and the live server; the
    # production defaults are checked by tests/test_deploy.py.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # Page caching would hide each test's fresh data and change query counts;
    # tests/test_caching.py turns it on where it is the subject.
    settings.PUBLIC_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def forget_summaries():
    """Start each test with no list summary, no remembered data version and
    an empty local cache.

    Tests roll the data version back with their transactions, so two tests
    can reach the same version, and inside one PostgreSQL transaction the
    same change time, with different rows; a running site never goes back.
    """
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    from jurisdictions import summaries
    from jurisdictions.models.changes import recent_version

    summaries.forget()
    recent_version.forget()
    # Never flush a Redis a developer's REDIS_URL points the tests at.
    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()


@pytest.fixture(autouse=True)
def english_by_default():
    """Start each test in English: a request to /es/ leaves Spanish active in
    its thread, and reverse() would then give /es/ addresses."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def seed(db):
    """The LA article, DOJ list and provision taxonomy, as `make run` loads them."""
    call_command("load_seed", verbosity=0)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    from .browser import CHROMIUM_ARGS, require_chromium

    executable = require_chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; Django's ORM
    # calls from the test body are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page that records console errors in `page.console_errors`."""
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda msg: msg.type == "error" and page.console_errors.append(msg.text),
    )
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    context.close()


# Hypothesis profiles for tests/test_fuzz.py, which picks one by the
# HYPOTHESIS_PROFILE environment variable. Registered, not loaded, so other
# property-based tests keep their own settings.
from hypothesis import HealthCheck  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402

_FUZZ_HEALTH_CHECKS = [HealthCheck.too_slow, HealthCheck.data_too_large]
# The suite: a few dozen examples per URL, the same ones on every run.
hypothesis_settings.register_profile(
    "fuzz-bounded",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=_FUZZ_HEALTH_CHECKS,
)
# `make fuzz`: fresh examples each run, failures kept in .hypothesis/.
hypothesis_settings.register_profile(
    "fuzz",
    max_examples=2_000,
    deadline=None,
    suppress_health_check=_FUZZ_HEALTH_CHECKS,
)


def pytest_terminal_summary(terminalreporter):
    """After `make fuzz` (HYPOTHESIS_PROFILE set), print requests per URL."""
    profile = os.environ.get("HYPOTHESIS_PROFILE")
    if not profile:
        return
    totals = {}
    for reports in terminalreporter.stats.values():
        for report in reports:
            for name, value in getattr(report, "user_properties", ()):
                if name == "fuzz_requests" and report.when == "call":
                    url, count = value
                    totals[url] = totals.get(url, 0) + count
    if not totals:
        return
    failed = len(terminalreporter.stats.get("failed", []))
    terminalreporter.section(f"fuzz totals (profile {profile})")
    width = max(map(len, totals))
    for url, count in sorted(totals.items()):
        terminalreporter.write_line(f"{url:<{width}}  {count:>7,} requests")
    terminalreporter.write_line(
        f"{'all ' + str(len(totals)) + ' URLs':<{width}}  {sum(totals.values()):>7,}"
        f" requests; {failed} failed test{'s' if failed != 1 else ''}"
    )
