"""Reading a site's ``mkdocs.yml`` without MkDocs: the settings the data layer and the command line
need (navigation, name, address, disclaimer, ``exclude_docs``), through the files it inherits
(``INHERIT``), merged as MkDocs merges them. Tags such as ``!ENV`` read as nothing."""
from __future__ import annotations

from pathlib import Path

import yaml


def config_name(language: str = "en") -> str:
    """The config file that builds a site in ``language``: ``mkdocs.yml`` for English,
    ``mkdocs.<lang>.yml`` for another (the shipped Spanish edition's ``mkdocs.es.yml``)."""
    return "mkdocs.yml" if language == "en" else f"mkdocs.{language}.yml"


def _config_chain(folder: Path, name: str = "mkdocs.yml") -> list[tuple[dict, Path]] | None:
    """The site's ``mkdocs.yml`` (or ``name``) and the files it inherits (``INHERIT``), nearest
    first, each with its path; None where one cannot be read."""
    chain, seen = [], set()
    path = folder / name
    while path.is_file() and path not in seen:
        seen.add(path)
        try:
            config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
        except yaml.YAMLError:
            return None
        if not isinstance(config, dict):
            return None
        chain.append((config, path))
        parent = config.get("INHERIT")
        if not isinstance(parent, str):
            break
        path = (path.parent / parent).resolve()
    return chain


def site_settings(folder: Path, name: str = "mkdocs.yml") -> dict | None:
    """The site's ``mkdocs.yml`` merged over the files it inherits as MkDocs merges them
    (mappings merge, other values replace), for what the command line needs without MkDocs: the
    site's name, address and disclaimer, the navigation. None where there is none to read."""
    chain = _config_chain(folder, name)
    if not chain:
        return None
    merged: dict = {}
    for config, _ in reversed(chain):
        merged = _merge(merged, config)
    return merged


def mkdocs_setting(folder: Path, key: str, name: str = "mkdocs.yml"):
    """``(value, file)`` of a top-level setting of the site's ``mkdocs.yml`` (or ``name``), or of
    the file it inherits when it does not set it; ``(None, None)`` where there is none to read."""
    for config, path in _config_chain(folder, name) or ():
        if key in config:
            return config[key], path
    return None, None


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        both = isinstance(value, dict) and isinstance(out.get(key), dict)
        out[key] = _merge(out[key], value) if both else value
    return out


def nav_sections(folder: Path) -> list[str] | None:
    """The titles of the navigation's top-level items, or None where there is none to read."""
    nav, _ = mkdocs_setting(folder, "nav")
    if not isinstance(nav, list):
        return None
    return [next(iter(item)) for item in nav if isinstance(item, dict) and item]


class _ConfigLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` for its navigation only: tags such as ``!ENV`` become None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
