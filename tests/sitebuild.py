"""Build a real site into a temporary folder, as a reader's browser would get it."""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

NAV = [{"Home": "index.md"}, {"Techniques": "techniques/index.md"},
       {"Conditions": "conditions/index.md"}, {"Evidence": "evidence.md"}]


def write_config(folder: Path, **overrides) -> Path:
    """An mkdocs.yml that inherits the shipped one, with absolute paths to its code."""
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "site_name": "Test site",
        "docs_dir": "content",
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        "hooks": [str(ROOT / "macros" / "mkdocs_hooks.py")],
        "plugins": ["search", {"macros": {"module_name": str(ROOT / "macros"),
                                          "on_undefined": "strict", "on_error_fail": True}}],
        "nav": NAV,
    }
    config.update(overrides)
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def copy_fixture(name: str, dest: Path) -> Path:
    shutil.copytree(FIXTURES / name, dest, dirs_exist_ok=True)
    return dest


def mkdocs_build(config: Path, site_dir: Path, strict: bool = True, env: dict | None = None,
                 extra_args: list[str] | None = None) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site_dir),
            *(extra_args or [])]
    if strict:
        args.append("--strict")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run(args, capture_output=True, text=True, cwd=config.parent, env=env,
                          timeout=600)


def built(config: Path, site_dir: Path, **options) -> Path:
    """Build with ``mkdocs_build`` and fail the test with MkDocs' output if the build fails."""
    result = mkdocs_build(config, site_dir, **options)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


def built_editions(config: Path, site_dir: Path) -> Path:
    """Every edition of a site built as ``make build`` builds them: ``KB_EDITIONS=all``, so the
    English build (``config``) writes ``site_dir`` and then, in the same process, each other
    language into ``site_dir/<lang>``."""
    return built(config, site_dir, env={"KB_EDITIONS": "all"})


def hostile_site(tmp: Path) -> Path:
    """The attacker's clinic (``fixtures/hostile``) over a copy of ``mini``, built; returns the
    built site's folder."""
    copy_fixture("mini", tmp / "site")
    clinic = copy_fixture("hostile", tmp / "clinic")
    config = write_config(clinic, site_url="https://clinic.example/learn/",
                          nav=[{"Home": "index.md"}, {"Techniques": "techniques/index.md"}])
    return built(config, clinic / "built")


def shared(tmp_path_factory, name: str, make) -> Path:
    """What ``make(folder)`` builds (it returns the built site's path inside ``folder``), made
    once per test run: with pytest-xdist every worker gets the same build, the first to ask
    makes it while the others wait on a lock. Tests read it and never change it."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, done = root / f"shared-{name}", root / f"shared-{name}.done"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir()
            done.write_text(str(make(folder).relative_to(folder)), encoding="utf-8")
    return folder / done.read_text(encoding="utf-8")
