"""The command line: `python -m macros check`, `new` and the errors of `packet` (its PDFs: test_packet)."""
from __future__ import annotations

import subprocess
import sys

from sitebuild import ROOT, copy_fixture


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "macros", *args], cwd=cwd, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_check_passes_on_good_data_and_fails_with_every_error(tmp_path):
    folder = copy_fixture("mini", tmp_path / "site")
    ok = run("check", cwd=folder)
    assert ok.returncode == 0 and ok.stdout.startswith("ok: 12 entries"), ok.stdout + ok.stderr
    (folder / "data/faq/does-it-hurt.yml").write_text("title: [\n", encoding="utf-8")
    (folder / "data/glossary/fascia.yml").write_text("title: Fascia\n", encoding="utf-8")
    bad = run("check", cwd=folder)
    assert bad.returncode == 1
    assert "data/faq/does-it-hurt.yml:2: (file): YAML syntax error" in bad.stderr
    assert "data/glossary/fascia.yml:1: definition: required field is missing" in bad.stderr
    assert "errors in the knowledge base data; nothing was built." in bad.stderr


def test_new_writes_an_entry_from_its_template(tmp_path):
    folder = copy_fixture("mini", tmp_path / "site")
    made = run("new", "glossary", "tendon", cwd=folder)
    assert made.returncode == 0, made.stderr
    text = (folder / "data/glossary/tendon.yml").read_text(encoding="utf-8")
    assert text == (ROOT / "data/templates/glossary.yml").read_text(encoding="utf-8")
    assert run("check", cwd=folder).returncode == 0  # a new entry validates before it is filled in
    again = run("new", "glossary", "tendon", cwd=folder)
    assert again.returncode == 1 and "already exists" in again.stderr
    assert run("new", "recipe", "x", cwd=folder).returncode == 2
    assert run("new", "glossary", "Bad Id", cwd=folder).returncode == 2


def test_packet_names_every_entry_it_cannot_print_and_writes_nothing(tmp_path):
    target = tmp_path / "packet.pdf"
    bad = run("packet", "condition/low-bak-pain", "source/lbp-furlan-2015", "swedish-massage",
              "technique/swedish-massage", "technique/swedish-massage", "-o", str(target), cwd=ROOT)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.splitlines() == [
        "condition/low-bak-pain: there is no condition 'low-bak-pain' in this site (did you mean "
        "'condition/low-back-pain'?)",
        "source/lbp-furlan-2015: a packet holds technique, condition, therapy, faq, context entries, "
        "named kind/id (e.g. condition/low-back-pain)",
        "swedish-massage: a packet holds technique, condition, therapy, faq, context entries, named "
        "kind/id (e.g. condition/low-back-pain)",
        "technique/swedish-massage: listed twice",
        "4 problems; nothing was written"]
    assert list(tmp_path.iterdir()) == []
    missing = run("packet", "faq/what-is-medical-massage", "-o", str(tmp_path / "no" / "x.pdf"), cwd=ROOT)
    assert missing.returncode == 2 and f"there is no folder {tmp_path / 'no'}" in missing.stderr
    assert "Traceback" not in bad.stderr + missing.stderr
