"""Shared test fixtures: reference data, the personas of permission tests, the browser.

The personas follow one story across the suite: a programme officer sees every
country; the Lao PDR and Bhutan focal points each see only their own country; a
trainer and a learner see no country's records; an anonymous visitor sees only
what is public.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import translation

from capdev.accounts.roles import Role
from capdev.accounts.services import roles_sync, user_create
from capdev.core.models import Country
from capdev.core.services import reference_load

# Embedding every record that a test saves would make the whole suite crawl; the
# semantic search tests switch embeddings back on for themselves.
os.environ.setdefault("CAPDEV_SEMANTIC", "0")

PASSWORD = "a-Long-test-passw0rd"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load countries, taxonomies and roles once into the test database."""
    with django_db_blocker.unblock():
        reference_load()
        roles_sync()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Login throttling counts failures in the cache; no test may inherit another's.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    # A request in French activates French for the thread; the next test starts in English.
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def reference_data(db):
    """Reference data for tests whose database was flushed (transactional tests)."""
    if not Country.objects.exists():
        reference_load()
        roles_sync()


def country(iso3: str) -> Country:
    return Country.objects.get(iso3=iso3)


@pytest.fixture
def officer(reference_data):
    return user_create(
        email="officer@example.org",
        password=PASSWORD,
        first_name="Olga",
        last_name="Officer",
        roles=[Role.PROGRAMME_OFFICER],
    )


@pytest.fixture
def focal_lao(reference_data):
    return user_create(
        email="focal.lao@example.org",
        password=PASSWORD,
        first_name="Khamla",
        roles=[Role.FOCAL_POINT],
        country=country("LAO"),
    )


@pytest.fixture
def focal_bhutan(reference_data):
    return user_create(
        email="focal.bhutan@example.org",
        password=PASSWORD,
        first_name="Tshering",
        roles=[Role.FOCAL_POINT],
        country=country("BTN"),
    )


@pytest.fixture
def trainer(reference_data):
    return user_create(
        email="trainer@example.org",
        password=PASSWORD,
        roles=[Role.TRAINER],
        country=country("KOR"),
    )


@pytest.fixture
def learner(reference_data):
    return user_create(
        email="learner@example.org",
        password=PASSWORD,
        roles=[Role.LEARNER],
        country=country("LAO"),
    )


@pytest.fixture
def client_for(client):
    """A test client signed in as the given user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


# End-to-end tests in Debian's Chromium, driven by Playwright (no browser download).


@pytest.fixture(scope="session")
def chromium_executable():
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        message = "No Chromium found: install Debian's 'chromium' or set CHROMIUM_PATH."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser(chromium_executable):
    # Playwright's sync API runs an event loop in this thread; Django would otherwise
    # refuse the ORM calls the tests make beside it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, reference_data):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
