"""Where each page lives, and links between pages (as Markdown paths or as site URLs)."""
from __future__ import annotations

import posixpath
import urllib.parse

from .. import kinds
from .escape import url_segment


def entry_page(kind: str, entry_id: str) -> str:
    return kinds.page_path(kind, entry_id)


def index_page(kind: str) -> str:
    return kinds.page_path(kind)


def region_page(region: str) -> str:
    return f"regions/{region}.md"


def code_page(code: str) -> str:
    """The page of an ICD-10-CM code or category (``code/M54.50.md``, at ``code/M54.50/``). Codes
    are checked against the code list's format before they get here; the segment is escaped all
    the same."""
    return f"code/{url_segment(code)}.md"


EVIDENCE_PAGE = "evidence.md"
REGIONS_INDEX = "regions/index.md"
REVIEW_PAGE = "review.md"
OPEN_DATA_PAGE = "open-data.md"
PACKET_PAGE = "packet.md"

# The second-level names RFC 2606 reserves for documentation: the shipped mkdocs.yml and the
# clinic scaffold use one until a clinic sets its own address.
PLACEHOLDER_HOSTS = ("example.com", "example.net", "example.org")


def public_address(site_url: str | None) -> str:
    """``site_url`` if it is where the site lives, or "" when it is missing or a placeholder: a
    printed QR code or address must never send a patient to a documentation name."""
    host = (urllib.parse.urlsplit(site_url or "").hostname or "").lower().rstrip(".")
    if not host or any(host == name or host.endswith("." + name) for name in PLACEHOLDER_HOSTS):
        return ""
    return site_url


def no_address(site_url: str | None) -> str:
    """What a build or the command line says when ``public_address`` is empty."""
    what = f"{site_url}, a placeholder" if site_url else "not set"
    return (f"site_url is {what}: printed pages, handouts and packets get no QR code or web "
            "address until site_url in mkdocs.yml names the address the site will live at")


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


def alternates(url: str, language: str, editions: list[dict], site_url: str = "") -> list[dict]:
    """The page at ``url`` (relative to its edition's root) in every edition (``{lang, name}``):
    English is the root and every other language lives in ``<lang>/`` beside it, so each
    ``href`` is relative to the page (it works offline), and ``address`` is its full address
    from ``site_url`` (empty when that names no host)."""
    here = "" if language == "en" else f"{language}/"
    to_english = "../" * url.count("/") + ("../" if here else "")
    parts = urllib.parse.urlsplit(site_url)
    root = parts.path or "/"
    root = root if root.endswith("/") else root + "/"
    root = root[: -len(here)] if here and root.endswith("/" + here) else root
    host = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    out = []
    for edition in editions:
        prefix = "" if edition["lang"] == "en" else f"{edition['lang']}/"
        out.append({"lang": edition["lang"], "name": edition["name"],
                    "current": edition["lang"] == language,
                    "href": to_english + prefix + url or "./",
                    "address": host + root + prefix + url if host else ""})
    return out
