"""The whole site walked in Chromium by each demo persona (see `crawl.py` for what fails a page).

Runs once per CI: only on SQLite (DATABASE_URL unset). The pages are the same on PostgreSQL and
the crawl takes minutes, so the PostgreSQL run skips it. Screenshots of failing pages are saved
under var/crawl-failures/ and the failure message prints that path.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.browser.crawl import Crawl, axe_check

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # Once per CI: the SQLite run crawls, the PostgreSQL run (DATABASE_URL set) does not.
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")), reason="the crawl runs on the SQLite run only"
    ),
]

# The personas of the README's table: superuser, operator, consultants of two kinds of
# organisation in two projects, a partnership's coordinator and the evaluator.
PERSONAS = os.environ.get(
    "SAMSPIL_CRAWL_PERSONAS", "admin operator konsulent1 konsulent2 koordinator1 evaluator"
).split()


@pytest.fixture
def demo(reference_data):
    call_command("demo", verbosity=0)


def test_every_page_a_persona_can_reach_works(browser, live_server, demo):
    shots = Path(settings.BASE_DIR) / "var" / "crawl-failures"
    crawl = Crawl(live_server.url, shots)
    for persona in PERSONAS:
        context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        crawl.sign_in(page, persona, "demo")
        crawl.walk(page, persona, axe=axe_check)
        context.close()
    report = "\n".join(str(failure) for failure in crawl.failures)
    assert not crawl.failures, (
        f"{len(crawl.failures)} of {crawl.visited} pages failed (screenshots in {shots}):\n{report}"
    )
    assert crawl.visited > 50 * len(PERSONAS) // 6  # the walk really walked


def test_the_crawl_catches_a_broken_page(browser, live_server, reference_data, tmp_path):
    # Guards the guard: a page whose link answers 404 and whose chart has no data must fail.
    crawl = Crawl(live_server.url, tmp_path)
    context = browser.new_context()
    page = context.new_page()
    page.route(
        live_server.url + "/",
        lambda route: route.fulfill(
            content_type="text/html",
            body=(
                '<html lang="da"><body><main><a href="/findes-ikke/">x</a>'
                "<canvas id=c></canvas><script>console.error('boom')</script></main></body></html>"
            ),
        ),
    )
    crawl.walk(page, "test")
    context.close()
    problems = "\n".join(str(failure) for failure in crawl.failures)
    assert "answers 404" in problems
    assert "chart #c: not drawn" in problems
    assert "console error: boom" in problems
    assert list(tmp_path.glob("*.png"))
