"""Where each page lives, and links between pages (as Markdown paths or as site URLs)."""
from __future__ import annotations

import posixpath

from .. import kinds


def entry_page(kind: str, entry_id: str) -> str:
    return kinds.page_path(kind, entry_id)


def index_page(kind: str) -> str:
    return kinds.page_path(kind)


def region_page(region: str) -> str:
    return f"regions/{region}.md"


EVIDENCE_PAGE = "evidence.md"
REGIONS_INDEX = "regions/index.md"
REVIEW_PAGE = "review.md"
OPEN_DATA_PAGE = "open-data.md"


def md_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative Markdown link target from one source page to another (MkDocs checks these)."""
    if from_page == to_page:
        return f"#{anchor}" if anchor else ""
    from_dir, to_dir = posixpath.dirname(from_page), posixpath.dirname(to_page)
    if from_dir == to_dir:  # the common cases first: relpath is slow and runs for every link
        rel = posixpath.basename(to_page)
    elif from_dir and "/" not in from_dir:
        rel = "../" + to_page
    else:
        rel = posixpath.relpath(to_page, from_dir or ".")
    return rel + (f"#{anchor}" if anchor else "")


def page_url(page: str, directory_urls: bool) -> str:
    """The URL path of a source page, as MkDocs writes it."""
    if not directory_urls:
        return page[:-3] + ".html"
    if page == "index.md" or page.endswith("/index.md"):
        return page[: -len("index.md")]
    return page[:-3] + "/"


def html_link(from_page: str, to_page: str, directory_urls: bool, anchor: str = "") -> str:
    """A relative URL for raw HTML (which MkDocs does not rewrite)."""
    src, dst = page_url(from_page, directory_urls), page_url(to_page, directory_urls)
    base = posixpath.dirname(src) if not src.endswith("/") else src.rstrip("/")
    rel = posixpath.relpath(dst or ".", base or ".") if dst else posixpath.relpath(".", base or ".")
    if dst.endswith("/") or dst == "":
        rel = rel.rstrip("/") + "/"
    return rel + (f"#{anchor}" if anchor else "")


def file_link(from_page: str, site_file: str, directory_urls: bool) -> str:
    """A relative URL from a page to a file the build writes (a PDF, a JSON export)."""
    src = page_url(from_page, directory_urls)
    base = src.rstrip("/") if src.endswith("/") else posixpath.dirname(src)
    return posixpath.relpath(site_file, base or ".")
