"""Which of the project's scripts and stylesheets a page loads: each only where there is something
for it to work on, found in the page's finished HTML. A patient's phone then downloads the level
switch's script on an entry page, and not the packet picker's, the index filters' or the evidence
map's (a quarter of our assets, and four requests).

The markers are attributes and classes our templates and page macros write. If an entry's text
happens to contain one (as escaped text), the page loads a script that finds no element of its
own and does nothing: harmless. A clinic's own page that uses a page macro gets its script too.
"""
from __future__ import annotations

SCRIPTS = "assets/javascripts/"
STYLES = "assets/stylesheets/"
# (file, a marker in the HTML of every page that needs it)
_SCRIPTS = (("kb-filters.js", "data-kb-index"), ("kb-map.js", "data-kb-map"),
            ("kb-level.js", "kb-level-switch"), ("kb-visit.js", "data-kb-visit-form"),
            ("kb-packet.js", "data-kb-packet-tool"))
_STYLES = (("kb-packet.css", "data-kb-packet"),)


def page_assets(html: str) -> dict[str, list[str]]:
    """The site paths of the scripts and of the extra stylesheets (beyond ``extra_css``) that
    the page with body ``html`` needs."""
    return {"scripts": [SCRIPTS + name for name, marker in _SCRIPTS if marker in html],
            "styles": [STYLES + name for name, marker in _STYLES if marker in html]}
