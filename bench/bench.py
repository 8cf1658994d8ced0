"""The benchmark: build synthetic knowledge bases of N entries through the project's own models,
templates and config, and the same rendered pages as plain MkDocs Markdown (no data layer) in the
same run; print medians of repeated builds. `make bench` runs it. Nothing here is a test."""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

import synthetic  # noqa: E402
from macros import kinds  # noqa: E402
from macros.kb import site as site_mod  # noqa: E402
from macros.outputs.site_output import SiteOutput  # noqa: E402

BASE = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
NAV = [{"Home": "index.md"}] + [{kind.name.capitalize(): f"{kind.folder}/index.md"}
                                for kind in kinds.KINDS.values()
                                if kind.name in synthetic.SHARE]
INDEX_MD = "---\ntitle: Home\n---\n# Synthetic knowledge base\n\nBrowse the kinds in the navigation.\n"
EXTENSIONS = ["admonition", "attr_list", "def_list", "md_in_html", "tables", {"toc": {"permalink": True}}]


def knowledge_base_site(folder: Path, n: int) -> Path:
    synthetic.write(folder, n)
    (folder / "content").mkdir(parents=True, exist_ok=True)
    (folder / "content" / "index.md").write_text(INDEX_MD + '\n{{ index_link("condition") }}\n',
                                                 encoding="utf-8")
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"), "docs_dir": "content", "nav": NAV,
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        "hooks": [str(ROOT / "macros" / "mkdocs_hooks.py")],
        "plugins": ["search", "tags", {"macros": {"module_name": str(ROOT / "macros"),
                                                  "on_undefined": "strict", "on_error_fail": True}}],
    }
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def plain_page(page) -> str:
    """A generated page as a plain Markdown file: its metadata as front matter, its finished HTML
    as the body (Markdown passes block HTML through). Plain MkDocs indexes every page itself, so
    an entry page gets its search boost instead of the ``exclude`` under which the data layer
    indexes it from the data."""
    meta = {key: value for key, value in page.meta.items() if key not in ("jsonld", "kb_qr")}
    meta["title"] = page.title
    if meta.get("search", {}).get("exclude") and meta.get("kb_kind") in kinds.KINDS:
        meta["search"] = {"boost": kinds.get(meta["kb_kind"]).boost}  # other pages stay out, as on the site
    return "---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n\n" + str(page.html)


def plain_site(folder: Path, kb_folder: Path) -> Path:
    """The same rendered pages as plain Markdown files, built by MkDocs with no data layer."""
    site = site_mod.load(kb_folder)
    build = SiteOutput(site, site_name="Synthetic", site_url=BASE["site_url"])
    docs = folder / "docs"
    for page in build.pages():
        target = docs / page.src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain_page(page), encoding="utf-8")
    (docs / "index.md").write_text(INDEX_MD + "\n[Conditions](conditions/index.md)\n", encoding="utf-8")
    (folder / "glossary.json").write_text(json.dumps(build.glossary.dump()), encoding="utf-8")
    config = {
        "site_name": "Synthetic", "site_url": BASE["site_url"], "docs_dir": "docs", "nav": NAV,
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides"), "font": False,
                  "features": BASE["theme"]["features"],
                  "kb_disclaimer": BASE["extra"]["disclaimer"], "kb_clinic": None},
        "extra_css": BASE["extra_css"], "extra_javascript": BASE["extra_javascript"],
        "extra": {"disclaimer": BASE["extra"]["disclaimer"]},
        "plugins": ["search", "tags"], "hooks": [str(ROOT / "bench" / "plain_hooks.py")],
        "markdown_extensions": EXTENSIONS,
    }
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def run(config: Path, site_dir: Path, env: dict | None = None) -> dict:
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "measure.py"), str(config), str(site_dir)],
                         capture_output=True, text=True, check=True, cwd=config.parent,
                         env={**os.environ, **(env or {})})
    return json.loads(out.stdout.strip().splitlines()[-1])


def sizes(site_dir: Path, n_entries: int) -> dict:
    pages = [p for p in site_dir.rglob("*.html")]
    entry_pages = [p.stat().st_size for p in pages
                   if p.parent.parent.name in {k.folder for k in kinds.KINDS.values()}]
    index = site_dir / "search" / "search_index.json"
    return {"html_mb": sum(p.stat().st_size for p in pages) / 1e6,
            "median_page_kb": statistics.median(entry_pages) / 1024,
            "search_kb_per_entry": index.stat().st_size / 1024 / n_entries}


def bench(ns: list[int], repeats: int, work: Path) -> list[dict]:
    rows = []
    for n in ns:
        kb_config = knowledge_base_site(work / f"kb-{n}", n)
        plain_config = plain_site(work / f"plain-{n}", work / f"kb-{n}")
        kb_runs, plain_runs = [], []
        for _ in range(repeats):  # alternate, so machine noise falls on both alike
            kb_runs.append(run(kb_config, work / f"kb-{n}" / "site"))
            plain_runs.append(run(plain_config, work / f"plain-{n}" / "site"))
        kb_time = statistics.median(r["wall"] for r in kb_runs)
        plain_time = statistics.median(r["wall"] for r in plain_runs)
        rows.append({"n": n, "time": kb_time, "baseline": plain_time, "ratio": kb_time / plain_time,
                     "peak_mb": statistics.median(r["peak_mb"] for r in kb_runs),
                     "baseline_peak_mb": statistics.median(r["peak_mb"] for r in plain_runs),
                     **sizes(work / f"kb-{n}" / "site", n)})
    return rows


def scaling(repeats: int, work: Path) -> dict:
    """Build time against the text in the data and against the size of the glossary. On a
    100-entry base site: 50, 100 and 200 FAQ answers of 5,000 characters dense with markup (0.25,
    0.5 and 1 million characters); and 5,000 glossary terms against 5,000 FAQ entries (the
    glossary once cost terms x pages)."""
    def timed(name: str, kind: str | None = None, count: int = 0, dense: bool = False) -> float:
        folder = work / name
        config = knowledge_base_site(folder, 100)
        if kind:
            synthetic.add(folder, kind, count, dense)
        return statistics.median(run(config, folder / "site")["wall"] for _ in range(repeats))

    base = timed("scale-base")
    text = {count: timed(f"scale-text-{count}", "faq", count, dense=True) for count in (50, 100, 200)}
    return {"base": base, "text": text,
            "faq": timed("scale-faq", "faq", 5000), "glossary": timed("scale-glossary", "glossary", 5000)}


def scaling_report(scale: dict) -> str:
    lines = ["\n| dense text added | build (s) | added time per 100,000 characters (s) |", "|---|---|---|"]
    for count, seconds in scale["text"].items():
        chars = count * 4990
        lines.append(f"| {chars:,} characters ({count} answers) | {seconds:.2f} | "
                     f"{(seconds - scale['base']) / chars * 1e5:.3f} |")
    lines.append(f"\n5,000 glossary terms: {scale['glossary']:.2f} s; 5,000 FAQ entries: "
                 f"{scale['faq']:.2f} s; ratio {scale['glossary'] / scale['faq']:.2f} (target ≤ 1.3); "
                 f"base site {scale['base']:.2f} s")
    return "\n".join(lines)


_ASSET_KB: dict[Path, float] = {}


def first_load(site_dir: Path, page: str) -> tuple[float, float]:
    """(HTML KB, KB compressed of the page and every asset it loads from the site)."""
    from html.parser import HTMLParser

    class Assets(HTMLParser):
        found: list[str] = []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "script" and a.get("src"):
                self.found.append(a["src"])
            if tag == "link" and a.get("rel") in ("stylesheet", "icon") and a.get("href"):
                self.found.append(a["href"])

    path = site_dir / page
    parser = Assets()
    parser.found = []
    parser.feed(path.read_text(encoding="utf-8"))
    total = len(gzip.compress(path.read_bytes()))
    total /= 1024
    for src in parser.found:
        asset = (path.parent / src.split("?")[0]).resolve()
        if asset.is_file():
            if asset not in _ASSET_KB:
                _ASSET_KB[asset] = len(gzip.compress(asset.read_bytes())) / 1024
            total += _ASSET_KB[asset]
    return path.stat().st_size / 1024, total


def shipped(repeats: int, work: Path) -> dict:
    times, both = [], []
    for _ in range(repeats):  # alternating: English alone, then both as `make build` builds them
        times.append(run(ROOT / "mkdocs.yml", work / "shipped")["wall"])
        both.append(run(ROOT / "mkdocs.yml", work / "shipped-both", {"KB_EDITIONS": "all"})["wall"])
    site_dir = work / "shipped"
    return {"time": statistics.median(times), "both": statistics.median(both),
            "weights": {"English": entry_weights(site_dir), "Spanish": entry_weights(work / "shipped-both" / "es")},
            "home": first_load(site_dir, "index.html"),
            "entry": first_load(site_dir, "conditions/low-back-pain/index.html"),
            "search_kb": (site_dir / "search" / "search_index.json").stat().st_size / 1024}


def entry_weights(site_dir: Path) -> dict:
    """Every entry page's HTML KB, and its KB compressed with all its assets, each sorted."""
    folders = {k.folder for k in kinds.KINDS.values()}
    pages = [p for p in site_dir.glob("*/*/index.html") if p.parent.parent.name in folders]
    loads = [first_load(site_dir, p.relative_to(site_dir).as_posix()) for p in pages]
    return {"html": sorted(html for html, _ in loads), "load": sorted(load for _, load in loads)}


def report(rows: list[dict], ship: dict) -> str:
    lines = ["| N | build (s) | plain MkDocs (s) | ratio | overhead (s) | budget: 0.25 s + 5 % (s) | "
             "peak memory (MB) | HTML total (MB) | median entry page (KB) | search index per entry (KB) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        overhead, budget = r["time"] - r["baseline"], 0.25 + 0.05 * r["baseline"]
        lines.append(f"| {r['n']} | {r['time']:.2f} | {r['baseline']:.2f} | {r['ratio']:.3f} | "
                     f"{overhead:+.2f} {'(met)' if overhead <= budget else '(NOT met)'} | {budget:.2f} | "
                     f"{r['peak_mb']:.0f} (plain {r['baseline_peak_mb']:.0f}) | {r['html_mb']:.1f} | "
                     f"{r['median_page_kb']:.1f} | {r['search_kb_per_entry']:.2f} |")
    by_n = {r["n"]: r for r in rows}
    if 500 in by_n and 2000 in by_n:
        lines.append(f"\ntime(2000) / time(500) = {by_n[2000]['time'] / by_n[500]['time']:.2f} (target ≤ 4.4)")
    if 100 in by_n and 2000 in by_n:
        growth = by_n[2000]["median_page_kb"] / by_n[100]["median_page_kb"] - 1
        lines.append(f"median entry page at 2000 vs 100: {growth:+.1%} (target within ±10 %)")
    lines.append(f"\nshipped site: build {ship['time']:.2f} s; home page {ship['home'][0]:.1f} KB HTML, "
                 f"{ship['home'][1]:.1f} KB compressed with its assets; an entry page "
                 f"{ship['entry'][0]:.1f} KB HTML, {ship['entry'][1]:.1f} KB compressed with its assets; "
                 f"search index {ship['search_kb']:.0f} KB")
    lines.append(f"both languages (make build: English, then Spanish in the same process): {ship['both']:.2f} s = "
                 f"{ship['both'] / ship['time']:.2f} x English alone (target ≤ 2.1; under 20 s: "
                 f"{'met' if ship['both'] < 20 else 'NOT met'})")
    for edition, weights in ship["weights"].items():
        html, load = weights["html"], weights["load"]
        lines.append(f"{edition} entry pages: {len(html)}, HTML median {statistics.median(html):.1f} KB, "
                     f"largest {html[-1]:.1f} KB (target ≤ 45), {sum(kb > 45 for kb in html)} over 45 KB; "
                     f"heaviest with all its assets {load[-1]:.1f} KB compressed (target ≤ 80), "
                     f"{sum(kb > 80 for kb in load)} over 80 KB")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-scaling", action="store_true", help="skip the text and glossary scaling runs")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    try:
        rows = bench(args.n, args.repeats, work)
        print(report(rows, shipped(args.repeats, work)))
        if not args.no_scaling:
            print(scaling_report(scaling(args.repeats, work)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
