"""Lighthouse scores (mobile) for the home page and one page of each kind, served on 127.0.0.1
and measured with Debian's Chromium. `make lighthouse` runs it; the figures go in bench/README.md.
Targets: accessibility, best practices and SEO 100; performance at least 95."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]

import contextlib  # noqa: E402
import functools  # noqa: E402
import gzip  # noqa: E402
import http.server  # noqa: E402
import threading  # noqa: E402

from browser import CHROMIUM  # noqa: E402
from sitebuild import mkdocs_build  # noqa: E402


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files gzip-compressed, as any real static host does (Python's server does not)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or \
                path.suffix not in (".html", ".css", ".js", ".json", ".svg", ".xml"):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        import io
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(folder):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()

PAGES = ["", "conditions/low-back-pain/", "techniques/neuromuscular-therapy/", "therapies/yoga/",
         "history/per-henrik-ling/", "credentials/mblex/", "sources/lbp-furlan-2015/",
         "glossary/fascia/", "faq/what-is-medical-massage/", "conditions/", "contexts/pregnancy/",
         "evidence/", "regions/lower-back/", "before-your-visit/", "code/M54.5/", "packet/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking " \
        "--disable-component-update --disable-sync --no-first-run --disable-quic"


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="kb-lighthouse-"))
    result = mkdocs_build(ROOT / "mkdocs.yml", work / "site")
    if result.returncode:
        print(result.stdout + result.stderr)
        return 1
    lighthouse = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
    print("| page | " + " | ".join(CATEGORIES) + " |\n|---|" + "---|" * len(CATEGORIES))
    worst = {c: 100 for c in CATEGORIES}
    with serve(work / "site") as base:
        for page in PAGES:
            out = work / "report.json"
            subprocess.run([str(lighthouse), base + page, "--quiet", "--output=json",
                            f"--output-path={out}", f"--chrome-flags={FLAGS}",
                            "--only-categories=" + ",".join(CATEGORIES), "--form-factor=mobile"],
                           check=True, env=dict(os.environ, CHROME_PATH=CHROMIUM))
            report = json.loads(out.read_text(encoding="utf-8"))
            scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
            for c in CATEGORIES:
                worst[c] = min(worst[c], scores[c])
            print(f"| /{page} | " + " | ".join(str(scores[c]) for c in CATEGORIES) + " |")
            for c in CATEGORIES:
                if scores[c] < 100:
                    failed = [a["id"] for a in report["categories"][c]["auditRefs"]
                              if report["audits"][a["id"]].get("score") not in (None, 1)
                              and a.get("weight", 0) > 0]
                    print(f"    {c} below 100: {', '.join(failed[:8])}", file=sys.stderr)
    print("\nworst: " + ", ".join(f"{c} {worst[c]}" for c in CATEGORIES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
