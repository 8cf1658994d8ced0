"""Shared fixtures: the project's paths and the shipped site's knowledge base, loaded once."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from macros.kb import site as site_mod  # noqa: E402


@pytest.fixture(scope="session")
def shipped():
    """The shipped site (data/ and content/ of this repository)."""
    return site_mod.load(ROOT)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: the shared folder must sit beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The shipped site in both languages (English at the root, Spanish in es/), built once
    with --strict into a temporary folder, as ``make build`` builds it."""
    from sitebuild import built_editions, shared
    return shared(tmp_path_factory, "shipped", lambda folder: built_editions(
        ROOT / "mkdocs.yml", folder / "site"))


@pytest.fixture(scope="session")
def clinic_editions(tmp_path_factory):
    """The example clinic in both languages (English at the root, Spanish in es/, as deployed
    under /learn/), built once per run with --strict into a temporary folder."""
    from sitebuild import built_editions, shared
    example = ROOT / "examples" / "harbour-clinic"
    return shared(tmp_path_factory, "clinic", lambda folder: built_editions(
        example / "mkdocs.yml", folder / "site"))


# The two big shared builds, in the order the workers start them.
FIRST_BUILDS = ["built_site", "clinic_editions"]


@pytest.fixture(scope="session", autouse=True)
def builds_start_on_different_workers(request):
    """Under pytest-xdist, worker *i* makes ``FIRST_BUILDS[i]`` before its first test, when any
    collected test needs it. Otherwise both workers ask for the shipped site first, and one
    waits idle on the lock while the other builds it."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw") or int(worker[2:]) >= len(FIRST_BUILDS):
        return
    name = FIRST_BUILDS[int(worker[2:])]
    if any(name in item.fixturenames for item in request.session.items):
        request.getfixturevalue(name)
