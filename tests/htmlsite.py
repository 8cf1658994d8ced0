"""Read a built site the way a browser would: pages, their ids, and every link they make."""
from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Page:
    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (attribute, url)
    text: list[str] = field(default_factory=list)
    scripts: list[dict] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.page.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.page.ids.add(attrs["name"])
        for name in ("href", "src"):
            if name in attrs and attrs[name] is not None:
                self.page.links.append((f"{tag}.{name}", attrs[name]))
        if tag == "script":
            self._script = {"attrs": attrs, "body": ""}

    def handle_data(self, data):
        if self._script is not None:
            self._script["body"] += data
        else:
            self.page.text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.page.scripts.append(self._script)
            self._script = None


def parse(path: Path) -> Page:
    page = Page(path)
    _Parser(page).feed(path.read_text(encoding="utf-8"))
    return page


def pages(site: Path) -> dict[str, Page]:
    """Every page of a built site, parsed once per test process (built sites are read, never
    changed, by the tests that parse them; the caller must not change what it gets)."""
    return _pages(Path(site).resolve())


@functools.lru_cache(maxsize=3)
def _pages(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}


def resolve(site: Path, from_rel: str, url: str) -> tuple[str | None, str]:
    """The site-relative file a relative URL points to (``None`` for other sites), and its fragment."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None, parts.fragment
    target = unquote(parts.path)
    if not target:
        return from_rel, parts.fragment
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_rel), target))
    if (site / joined).is_dir() or target.endswith("/"):
        joined = posixpath.join(joined, "index.html")
    return joined, parts.fragment


_LANGUAGE_LINK = re.compile(r'<a href="([^"]+)" hreflang="([a-z-]+)" lang="\2" class="md-select__link"')


def language_links(site: Path, from_rel: str, html: str) -> dict[str, str]:
    """Where the language selector of the page ``from_rel`` (whose HTML is ``html``) leads, by
    language: the site-relative files."""
    return {lang: posixpath.normpath(resolve(site, from_rel, href)[0])
            for href, lang in _LANGUAGE_LINK.findall(html)}


def broken_links(site: Path, parsed: dict[str, Page] | None = None,
                 base_path: str = "/massage-kb/") -> list[str]:
    """Every internal link or anchor that does not resolve, and every external link that is not
    a well-formed https URL. Root-relative URLs (the 404 page uses them) must start with the
    site's ``base_path``."""
    parsed = parsed or pages(site)
    problems = []
    for rel, page in parsed.items():
        for attribute, url in page.links:
            scheme = urlsplit(url).scheme
            if scheme in ("mailto", "tel"):
                continue
            if scheme or url.startswith("//"):
                parts = urlsplit(url)
                if parts.scheme != "https" or not parts.netloc or " " in url:
                    problems.append(f"{rel}: {attribute}={url}: external links must be https")
                continue
            if url.startswith("/"):
                if not url.startswith(base_path):
                    problems.append(f"{rel}: {attribute}={url}: outside the site's path {base_path}")
                    continue
                target, fragment = resolve(site, "index.html", url[len(base_path):])
            else:
                target, fragment = resolve(site, rel, url)
            if target.startswith("../") or not (site / target).exists():
                problems.append(f"{rel}: {attribute}={url}: no such file ({target})")
                continue
            if fragment and target.endswith(".html"):
                ids = parsed[target].ids if target in parsed else parse(site / target).ids
                if unquote(fragment) not in ids:
                    problems.append(f"{rel}: {attribute}={url}: no anchor #{fragment} in {target}")
    return problems
