"""`mkdocs serve` re-reads the data on every rebuild: an edit to one YAML file shows after one
rebuild, with nothing stale cached."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from sitebuild import copy_fixture, write_config


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("timed out")


def test_an_edit_to_one_yaml_file_shows_after_one_rebuild(tmp_path):
    folder = copy_fixture("mini", tmp_path / "site")
    config = write_config(folder)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"], cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    try:
        url = f"http://127.0.0.1:{port}/massage-kb/techniques/kneading/"
        assert "The therapist lifts and squeezes muscle." in wait_for(lambda: fetch(url))
        entry = folder / "data" / "techniques" / "kneading.yml"
        entry.write_text(entry.read_text(encoding="utf-8").replace(
            "The therapist lifts and squeezes muscle.", "Edited while serving."), encoding="utf-8")
        wait_for(lambda: "Edited while serving." in fetch(url))
        search = fetch(f"http://127.0.0.1:{port}/massage-kb/search/search_index.json")
        assert "Edited while serving." in search  # search was rebuilt from the new data too
    finally:
        server.terminate()
        server.wait(timeout=10)
