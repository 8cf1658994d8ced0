"""Lighthouse scores (mobile) for the home page and one page of each kind, served on 127.0.0.1
and measured with Debian's Chromium. `make lighthouse` runs it; the figures go in bench/README.md.
Targets: accessibility, best practices and SEO 100; performance at least 95."""
from __future__ import annotations

import json
import os
import statistics
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


RUNS = 3


def _report(lighthouse: Path, url: str, out: Path) -> dict:
    subprocess.run([str(lighthouse), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--chrome-flags={FLAGS}", "--only-categories=" + ",".join(CATEGORIES),
                    "--form-factor=mobile"], check=True, env=dict(os.environ, CHROME_PATH=CHROMIUM))
    return json.loads(out.read_text(encoding="utf-8"))


def main(pages: list[str]) -> int:
    work = Path(tempfile.mkdtemp(prefix="kb-lighthouse-"))
    result = mkdocs_build(ROOT / "mkdocs.yml", work / "site")
    if result.returncode:
        print(result.stdout + result.stderr)
        return 1
    lighthouse = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
    print("| page | " + " | ".join(CATEGORIES) + " |\n|---|" + "---|" * len(CATEGORIES))
    worst = {c: 100 for c in CATEGORIES}
    with serve(work / "site") as base:
        for page in pages:
            # Lighthouse's own advice: scores vary from run to run, take the median of several
            # (performance moves by 5 to 10 points between runs on this shared machine).
            reports = [_report(lighthouse, base + page, work / f"report-{i}.json") for i in range(RUNS)]
            scores = {c: statistics.median(round(r["categories"][c]["score"] * 100) for r in reports)
                      for c in CATEGORIES}
            report = min(reports, key=lambda r: r["categories"]["performance"]["score"])
            for c in CATEGORIES:
                worst[c] = min(worst[c], scores[c])
            print(f"| /{page} | " + " | ".join(f"{scores[c]:g}" for c in CATEGORIES) + " |")
            for c in CATEGORIES:
                if scores[c] < 100:
                    failed = [a["id"] for a in report["categories"][c]["auditRefs"]
                              if report["audits"][a["id"]].get("score") not in (None, 1)
                              and a.get("weight", 0) > 0]
                    print(f"    {c} below 100: {', '.join(failed[:8])}", file=sys.stderr)
                    if c != "performance":  # which elements: performance has no such list
                        for audit in failed:
                            items = report["audits"][audit].get("details", {}).get("items", [])
                            nodes = [i.get("node", {}).get("selector", "") for i in items]
                            print(f"      {audit}: {', '.join(n for n in nodes if n)[:300]}", file=sys.stderr)
    print(f"\nmedians of {RUNS} runs; worst: " + ", ".join(f"{c} {worst[c]}" for c in CATEGORIES))
    return 0


if __name__ == "__main__":
    # `bench/lighthouse.py evidence/ packet/` measures only those pages
    sys.exit(main(sys.argv[1:] or PAGES))
