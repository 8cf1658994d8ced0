"""Serve a built site on 127.0.0.1 and drive Debian's Chromium through Playwright."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def require_chromium() -> None:
    """Skip (with the reason) where there is no Chromium; under CI a missing browser fails."""
    if os.path.exists(CHROMIUM):
        return
    message = ("Debian's chromium is not installed: run `make test` as root (it installs it) or "
               "`apt-get install chromium`")
    if os.environ.get("CI"):
        pytest.fail("CI=true and " + message)
    pytest.skip(message)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that drops a connection (a page left mid-load) is not an error."""
        import sys
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(folder):
    """An HTTP server for ``folder`` on a free port of 127.0.0.1; yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def search_results(page, query: str):
    """Run ``query`` in Material's search box on the open page and wait for its results.

    Material searches on keyup, and ``fill`` sends none: a filled query only ran when a
    focus-timer happened to fire after it. Typing key by key searches every prefix, and under
    load the first results seen can be a prefix's ("dolor de" for "dolor de espalda"). So: the
    whole query at once, then one key that moves nothing, whose keyup searches the whole query."""
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.locator(".md-search-result__item a")
