"""Walk the site as a person does: sign in, follow every link the pages show, and check each page.

Used by `test_crawl.py` (against the test server with the demo loaded) and runnable by hand
against a running samspil:

    .venv/bin/python -m tests.browser.crawl http://127.0.0.1:8000 operator konsulent2

A page fails when it answers a server error, 403 or 404 (a link or button the site showed the
user must work for them), writes an error to the console or throws, has an axe-core violation
of impact serious or critical, or draws a chart without data or without its table.
"""

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

# At most this many addresses per address pattern (numbers replaced) and persona: the crawl
# sees every kind of page without visiting every record.
PER_PATTERN = 2

# Never followed: signing out, switching language, Django's admin (not samspil's pages) and
# the API (JSON; its docs are tested on their own).
SKIP = re.compile(r"^/(log-ud|sprog|admin|api|static|media)/")

CHART_CHECK = """() => Array.from(document.querySelectorAll('canvas')).map(canvas => {
  const chart = window.Chart && window.Chart.getChart(canvas);
  const sets = chart ? chart.data.datasets : [];
  const points = sets.reduce((n, set) => n + (set.data || []).filter(v => v !== null).length, 0);
  let drawn = 0;
  try {
    const ctx = canvas.getContext('2d');
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4) { if (pixels[i]) { drawn++; } }
  } catch (e) { drawn = -1; }
  const labels = sets.map(set => String(set.label));
  return {id: canvas.id, chart: !!chart, sets: sets.length, points, drawn, labels,
          table: !!document.querySelector('main table')};
})"""

# Forms whose buttons the crawl checks by asking their address with GET: the view refuses a
# person who may not act with 403 before it looks at the method (a 405 is fine).
FORM_ACTIONS = """() => Array.from(document.querySelectorAll('main form'))
  .filter(form => form.method === 'post').map(form => form.action).filter(Boolean)"""


def pattern(url: str) -> str:
    parts = urlsplit(url)
    path = re.sub(r"/\d+/", "/<n>/", parts.path)
    path = re.sub(r"/\d+/", "/<n>/", path)
    path = re.sub(r"/spoergeskema/[^/]+/", "/spoergeskema/<token>/", path)
    path = re.sub(r"/api-noegler/[^/]+/", "/api-noegler/<digest>/", path)
    keys = sorted({pair.split("=", 1)[0] for pair in parts.query.split("&") if pair})
    return path + ("?" + "&".join(keys) if keys else "")


@dataclass
class Failure:
    persona: str
    url: str
    problems: list
    screenshot: str = ""

    def __str__(self):
        shot = f" [screenshot {self.screenshot}]" if self.screenshot else ""
        return f"{self.persona} {self.url}{shot}\n    " + "\n    ".join(self.problems)


@dataclass
class Crawl:
    base: str
    shots: Path
    axe_checked: set = field(default_factory=set)
    failures: list = field(default_factory=list)
    visited: int = 0

    def sign_in(self, page, username, password):
        page.goto(self.base + "/log-ind/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        if "/log-ind/" in page.url:
            raise AssertionError(f"{username} could not sign in")

    def walk(self, page, persona, axe=None, limit=400):
        from playwright.sync_api import Error

        host = urlsplit(self.base).netloc
        errors = []
        page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
        page.on(
            "console",
            lambda msg: (
                errors.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None
            ),
        )
        queue = [self.base + "/"]
        seen = {self.base + "/"}
        per_pattern = {}
        forms_checked = set()
        while queue and limit:
            url = queue.pop(0)
            limit -= 1
            self.visited += 1
            errors.clear()
            problems = []
            try:
                response = page.goto(url, wait_until="load")
                status = response.status if response else 0
                # A PDF shown inline is a document, not a page: its status is what counts.
                html = "text/html" in (response.headers.get("content-type", "") if response else "")
            except Error as exc:  # a download (XLSX, CSV, PDF, a workshop's file)
                if "Download" not in str(exc) and "ERR_ABORTED" not in str(exc):
                    problems.append(f"could not open: {exc}")
                status = page.request.get(url).status
                html = False
            if status >= 400:
                problems.append(f"answers {status}")
            if html and status < 400:
                page.wait_for_timeout(50)
                problems += [e for e in errors if "favicon" not in e]
                for chart in page.evaluate(CHART_CHECK):
                    if not chart["chart"]:
                        problems.append(f"chart #{chart['id']}: not drawn (no Chart object)")
                        continue
                    if not chart["sets"] or not chart["points"]:
                        problems.append(f"chart #{chart['id']}: no data")
                    if chart["drawn"] == 0:
                        problems.append(f"chart #{chart['id']}: nothing drawn on the canvas")
                    if any(label in ("undefined", "null", "") for label in chart["labels"]):
                        problems.append(f"chart #{chart['id']}: series named {chart['labels']}")
                    if not chart["table"]:
                        problems.append(f"chart #{chart['id']}: no table alternative")
                key = pattern(url)
                if axe and key not in self.axe_checked:
                    self.axe_checked.add(key)
                    try:
                        axe(page)
                    except AssertionError as exc:
                        problems.append(f"axe: {exc}")
                for action in page.evaluate(FORM_ACTIONS):
                    action = action.split("#")[0]
                    if urlsplit(action).netloc != host or action in forms_checked:
                        continue
                    forms_checked.add(action)
                    if (
                        SKIP.match(urlsplit(action).path)
                        or action.split("?")[0] == url.split("?")[0]
                    ):
                        continue
                    answer = page.request.get(action, max_redirects=0).status
                    if answer in (403, 404) or answer >= 500:
                        problems.append(f"a form posts to {action}, which answers {answer}")
                for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
                    href = urljoin(url, href).split("#")[0]
                    parts = urlsplit(href)
                    if parts.scheme not in ("http", "https") or parts.netloc != host:
                        continue
                    if SKIP.match(parts.path) or href in seen:
                        continue
                    seen.add(href)
                    key = pattern(href)
                    if per_pattern.get(key, 0) >= PER_PATTERN:
                        continue
                    per_pattern[key] = per_pattern.get(key, 0) + 1
                    queue.append(href)
            if problems:
                failure = Failure(persona, url, problems)
                if html:
                    self.shots.mkdir(parents=True, exist_ok=True)
                    name = re.sub(r"[^A-Za-z0-9]+", "-", urlsplit(url).path + urlsplit(url).query)
                    shot = self.shots / f"{persona}{name.rstrip('-')}.png"
                    try:
                        page.screenshot(path=str(shot), full_page=True)
                        failure.screenshot = str(shot)
                    except Error:
                        pass
                self.failures.append(failure)


def axe_check(page):
    """Fail on an axe-core violation of impact serious or critical."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
    assert not serious, "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + ", ".join(str(node["target"][0]) if node["target"] else "?" for node in v["nodes"][:5])
        for v in serious
    )


SERIOUS = ("serious", "critical")


def main(base, personas, password="demo"):
    import os
    import shutil

    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("SAMSPIL_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"]
    crawl = Crawl(base.rstrip("/"), Path("var/crawl-failures"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=args)
        for persona in personas:
            context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.set_default_timeout(15_000)
            crawl.sign_in(page, persona, password)
            crawl.walk(page, persona, axe=axe_check)
            context.close()
        browser.close()
    print(f"{crawl.visited} addresses visited, {len(crawl.failures)} failing")
    for failure in crawl.failures:
        print(failure)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
