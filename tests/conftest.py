import collections
import dataclasses
import os

import pytest
from django.core.management import call_command

PRODUCTION_HASHERS = []


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
    # A password costs 0.4 s with the production hasher (PBKDF2, a million
    # rounds) and the suite makes dozens: tests hash with MD5 instead, as
    # Django's testing docs advise. No test is about the hasher's strength.
    # Processes the tests start (tests/test_scale_out.py) keep the production
    # list, so a password they check is hashed with it (PRODUCTION_HASHERS).
    PRODUCTION_HASHERS[:] = settings.PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fresh_today(request):
    """Set the test module's TODAY to the date the code under test reads now.
    Taken once at import, it went stale when a run crossed midnight (UTC):
    records dated from it fell a day off the code's own "today"."""
    from django.utils import timezone

    request.module.TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def forget_summaries():
    """Start each test with empty caches: no list summary and no remembered
    data version.

    Tests roll the data version back with their transactions, so two tests
    can reach the same version, and inside one PostgreSQL transaction the
    same change time, with different rows; a running site never goes back.
    Clearing the cache also drops each process's copy of a summary
    (counting.kept() checks the cache's build token).
    """
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    # Never flush a Redis a developer's REDIS_URL points the tests at.
    for cache in caches.all(initialized_only=False):
        if isinstance(cache, LocMemCache):
            cache.clear()


@pytest.fixture(autouse=True)
def english_by_default():
    """Start each test in English: a request to /es/ leaves Spanish active in
    its thread, and reverse() would then give /es/ addresses."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="module")
def module_seed(django_db_setup, django_db_blocker):
    """The seed, for one test module; a test that does not ask for it never
    sees it, as the tests that ask run last in their module
    (`pytest_collection_modifyitems`), and each test's own transaction rolls
    back what it writes.

    On the in-memory SQLite of `make test`, the database is copied aside
    (SQLite's backup API, milliseconds), the seed is copied in from the
    worker's seeded copy (loaded once per worker: 4 s) and the copy aside is
    put back when the module ends. Elsewhere the seed is loaded inside a
    transaction that rolls back when the module ends, each test's own
    transaction being a savepoint inside it.
    """
    from django.db import connection, transaction

    with django_db_blocker.unblock():
        connection.ensure_connection()
        in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
        if in_memory:
            before = sqlite_copy(connection.connection)
            if SEEDED_SQLITE:
                SEEDED_SQLITE[0].backup(connection.connection)
            else:
                try:
                    call_command("load_seed", verbosity=0)
                except BaseException:
                    before.backup(connection.connection)
                    raise
                SEEDED_SQLITE.append(sqlite_copy(connection.connection))
            forget_content_types()
        else:
            module = transaction.atomic()
            module.__enter__()
            try:
                call_command("load_seed", verbosity=0)
            except BaseException:
                module.__exit__(None, None, None)
                raise
    yield
    with django_db_blocker.unblock():
        if in_memory:
            before.backup(connection.connection)
            before.close()
            forget_content_types()
        else:
            transaction.set_rollback(True)
            module.__exit__(None, None, None)


# The worker's seeded SQLite database, copied in by `module_seed`.
SEEDED_SQLITE = []


def sqlite_copy(source):
    """An in-memory copy of a SQLite database, by SQLite's backup API."""
    import sqlite3

    copy = sqlite3.connect(":memory:", check_same_thread=False)
    source.backup(copy)
    return copy


def forget_content_types():
    """Content type ids are cached per process; a copied-in database may
    number them otherwise (a flush in between renumbers them)."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture
def seed(module_seed, db):
    """The LA article, DOJ list and provision taxonomy, as `make run` loads them."""


DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
    "module_seed",
}


def uses_database(item):
    """Whether a test can reach the database: a database fixture or mark, or
    a Django test class that allows queries (SimpleTestCase does not)."""
    if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    if item.get_closest_marker("django_db"):
        return True
    return bool(getattr(getattr(item, "cls", None), "databases", None))


def pytest_itemcollected(item):
    """Mark every test that cannot depend on the database engine; keep every
    browser test in a tests/test_*_browser.py file, where the scheduler below
    finds it (it sees test ids, not marks)."""
    if item.get_closest_marker("browser"):
        if not item.path.name.endswith("_browser.py"):
            raise pytest.UsageError(
                f"{item.nodeid}: browser tests live in tests/test_*_browser.py"
            )
        item.add_marker(pytest.mark.engine_independent)
    elif not uses_database(item):
        item.add_marker(pytest.mark.engine_independent)


# Units of work that take the longest (docs/TESTING.md, "The slowest tests"):
# every browser test, and the migration round trip (45-50 s in one test).
LONGEST_UNITS = ("browser", "tests/test_migrations.py")


def unit_of_work(nodeid):
    """The unit xdist hands out whole: "browser" for every browser test, else
    the test's file."""
    path = nodeid.split("::", 1)[0]
    return "browser" if path.endswith("_browser.py") else path


def longest_first(units):
    """The units of `LONGEST_UNITS`, in its order."""
    return [unit for first in LONGEST_UNITS for unit in units if unit == first]


def pytest_xdist_make_scheduler(config, log):
    """`--dist loadscope`, a unit of work a test file, and every browser test
    in one unit.

    A file goes whole to one worker and runs in its collected order, so its
    seed is set up once, and after the tests that do not ask for it: were a
    file's TestCase classes units of their own (loadscope's way), a class
    could run after the file's seeded tests on the same worker, with the
    module's seed still loaded. Every tests/test_*_browser.py file goes to
    the same worker, which starts one Chromium and one live server. (xdist's
    own `loadgroup` cannot do this under pytest 9, whose test ids xdist 3.8
    can no longer rename.)
    """
    if config.getoption("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class BrowserTestsTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return unit_of_work(nodeid)

        def _assign_work_unit(self, node):
            # The longest units first, then xdist's order (most tests first):
            # a long unit handed out last leaves one worker running alone.
            for scope in reversed(longest_first(self.workqueue)):
                self.workqueue.move_to_end(scope, last=False)
            super()._assign_work_unit(node)

    return BrowserTestsTogether(config, log)


def unique_ids(items):
    """Schemathesis 4 under pytest 9 gives the test of every API operation the
    same id (the operation is only in its name), and xdist, which hands out
    tests by id, would run one operation of ten. Give each the operation its
    name ends with, and refuse any id still shared, so no test is dropped."""
    counts = collections.Counter(item.nodeid for item in items)
    for item in items:
        node_id = getattr(item, "_id", None)
        if counts[item.nodeid] > 1 and node_id is not None and node_id.params is None:
            name, bracket, params = item.name.partition("[")
            if bracket and params.endswith("]"):
                item._id = dataclasses.replace(node_id, params=params[:-1])
    shared = [
        n
        for n, count in collections.Counter(i.nodeid for i in items).items()
        if count > 1
    ]
    if shared:
        raise pytest.UsageError(f"tests share an id, and xdist would run one: {shared}")


def pytest_collection_modifyitems(config, items):
    """Within each module, run the tests that ask for the seed after those
    that do not: the seed stays loaded from its first test to the module's
    end. Give every test its own id, which xdist needs to run each one."""
    unique_ids(items)
    for item in items:
        refuse_a_flush_of_the_seed(item)
    first_of_module = {}
    for index, item in enumerate(items):
        first_of_module.setdefault(item.path, index)
    order = {item: index for index, item in enumerate(items)}
    items.sort(key=lambda item: (first_of_module[item.path], seeded(item), order[item]))


def seeded(item):
    return "module_seed" in getattr(item, "fixturenames", ())


def refuse_a_flush_of_the_seed(item):
    """A transactional test flushes every table when it ends."""
    marker = item.get_closest_marker("django_db")
    if seeded(item) and marker and marker.kwargs.get("transaction"):
        raise pytest.UsageError(
            f"{item.nodeid}: the seed is shared by the module's tests, "
            "and a transactional test's flush would empty it"
        )


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


@pytest.fixture(scope="session")
def site_server(django_db_setup, django_db_blocker):
    """One live server for the session (for each xdist worker).

    It shares the test thread's connection to the in-memory SQLite test
    database, as Django's LiveServerThread does, so it serves what the
    running test's transaction holds, seed included, and each test still
    rolls back: browser tests need no commits and no table flushes. They run
    on SQLite only (they carry `engine_independent`); on another engine the
    server could not see a test's uncommitted rows, so they refuse to run.
    """
    from django.db import connection
    from pytest_django.live_server_helper import LiveServer

    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        pytest.fail(
            "browser tests share the in-memory SQLite test database with the live "
            "server: run them with `make test`, not on another engine"
        )
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    server._live_server_modified_settings.enable()
    yield server
    server._live_server_modified_settings.disable()
    server.stop()


@pytest.fixture
def page(browser, site_server, db):
    """A fresh page that records console errors in `page.console_errors`."""
    context = browser.new_context(base_url=site_server.url)
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
# The suite: the fixed EXAMPLES and 12 generated per URL, the same on every
# run, sized to CI's budget (docs/TESTING.md); `make fuzz` goes deep.
hypothesis_settings.register_profile(
    "fuzz-bounded",
    max_examples=12,
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
