"""``python -m macros new-clinic PATH``: scaffold a clinic site that overlays the shipped one.

The clinic keeps only its own files; the shipped data, pages, theme and code are reached through
relative paths, so the clinic takes upstream updates by updating this repository.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

MKDOCS_YML = """\
# This clinic's site. It inherits everything from the shipped knowledge base ({base}); the
# clinic's name, logo and contact details come from clinic.yml.
INHERIT: {base}/mkdocs.yml
site_name: {name}
# A placeholder: set your site's address (a sub-path is fine). Until then, printed pages have no
# QR code and no web address.
site_url: https://example.org/learn/
docs_dir: content
theme:
  custom_dir: {base}/overrides
hooks:
  - {base}/macros/mkdocs_hooks.py
plugins:
  - search:
      lang: en
  - tags
  - macros:
      module_name: {base}/macros
      on_undefined: strict
      on_error_fail: true
  - offline:
      enabled: !ENV [KB_OFFLINE, false]
"""

MKDOCS_ES_YML = """\
# This clinic's Spanish edition (new-clinic --spanish wrote it): mkdocs.yml, in Spanish, built
# into site/es/ and served under <site_url>es/. Its navigation is the shipped Spanish one, with
# clinic.yml's pages titled from data/translations/es/clinic.yml; its pages are content/es/ (a
# page with no Spanish version shows in English, marked as such). Delete this file, and the
# site is English only (no language selector).
INHERIT: mkdocs.yml
site_url: https://example.org/learn/es/   # mkdocs.yml's site_url, with es/ at the end
docs_dir: content/es
site_dir: site/es
exclude_docs: ""
theme:
  language: es
plugins:
  - search:
      lang: es
      separator: '[\\s\\-]+|^(?:de|del|la|las|el|los|en|con|por|para|un|una|que|se|su|sus|lo|al)$'
  - tags
  - macros:
      module_name: {base}/macros
      on_undefined: strict
      on_error_fail: true
  - offline:
      enabled: !ENV [KB_OFFLINE, false]
"""

CLINIC_ES_YML = """\
# clinic.yml's text in Spanish; every field is optional (the English shows where one is left out).
# Only name, tagline, hours, disclaimer and pages: facts (address, phone, logo...) stay in
# clinic.yml. hours and pages keep clinic.yml's number and order; pages translate only titles.
name: {name}
hours:
  - Lunes a viernes de 9:00 a 17:00
disclaimer: >-
  Ofrecemos esta información para aprender. No diagnostica ni reemplaza a su médico.
pages:
  - Sobre nosotros: about.md
  - Nuestros terapeutas: therapists/index.md
"""

CLINIC_YML = """\
# Your clinic: name, contact details, colours and choices. See the README's "Clinic edition".
base: {base}
name: {name}
# tagline: Clinical massage for pain and recovery    # shown on the home page and printed pages
# logo: logo.png      # a PNG, JPEG, WebP or plain SVG in this folder; the path is relative to
                      # this folder (where clinic.yml is), and the image must be a local file
address: Your street address
phone: "Your phone number"
# email: you@clinic.example
# booking_url: https://clinic.example/book
hours:
  - Monday to Friday 9:00 to 17:00
colors: {{primary: "#1f5f8b", accent: "#0f766e"}}
disclaimer: >-
  We provide this information for education. It does not diagnose or replace your doctor.
hide: {{}}              # shipped entries to leave out: {{condition: [alcohol-withdrawal]}}, or a
                       # whole kind: {{history: all}}
hide_sections: []      # navigation sections to leave out, by title, e.g. [Tags]
pages:                 # your own pages for the navigation
  - About us: about.md
  - Our therapists: therapists/index.md   # the roster: one file per therapist in data/therapists/
"""

INDEX_MD = """\
---
title: Home
description: Our patient library explains massage in plain words.
---
# {{{{ clinic("name") }}}}

{{{{ clinic("tagline") }}}}

Welcome to our patient library. It explains massage in plain words and tells you when to see a
doctor first.

- {{{{ index_link("condition") }}}}
- {{{{ index_link("technique") }}}}
- {{{{ index_link("therapist", "Our therapists") }}}}
- [About us](about.md)
"""

ABOUT_MD = """\
---
title: About us
---
# About us

Tell patients who you are, where you are and how to book. Your name, address and phone number
from clinic.yml show at the foot of every page: {{{{ clinic("name") }}}}, {{{{ clinic("address") }}}}.
"""

INDEX_ES_MD = """\
---
title: Inicio
description: Nuestra biblioteca para pacientes explica el masaje con palabras sencillas.
---
# {{{{ clinic("name") }}}}

{{{{ clinic("tagline") }}}}

Bienvenido a nuestra biblioteca para pacientes. Explica el masaje con palabras sencillas y le dice
cuándo debe ver primero a un médico.

- {{{{ index_link("condition") }}}}
- {{{{ index_link("technique") }}}}
- {{{{ index_link("therapist", "Nuestros terapeutas") }}}}
- [Sobre nosotros](about.md)
"""

ABOUT_ES_MD = """\
---
title: Sobre nosotros
---
# Sobre nosotros

Cuente a sus pacientes quiénes son, dónde están y cómo pedir una cita: {{{{ clinic("name") }}}},
{{{{ clinic("address") }}}}.
"""

GITIGNORE = "site/\n"


def scaffold(path: Path, spanish: bool = False) -> int:
    target = Path(path)
    if target.exists() and any(target.iterdir()):
        print(f"{target} exists and is not empty", file=sys.stderr)
        return 1
    base = os.path.relpath(PROJECT_ROOT, target.resolve() if target.exists() else
                           target.parent.resolve() / target.name).replace(os.sep, "/")
    name = target.name.replace("-", " ").title()
    files = {
        "mkdocs.yml": MKDOCS_YML.format(base=base, name=name),
        "clinic.yml": CLINIC_YML.format(base=base, name=name),
        "content/index.md": INDEX_MD.format(),
        "content/about.md": ABOUT_MD.format(),
        "data/therapists/.gitkeep": "",
        ".gitignore": GITIGNORE,
    }
    if spanish:
        files["mkdocs.es.yml"] = MKDOCS_ES_YML.format(base=base)
        files["data/translations/es/clinic.yml"] = CLINIC_ES_YML.format(name=name)
        files["content/es/index.md"] = INDEX_ES_MD.format()
        files["content/es/about.md"] = ABOUT_ES_MD.format()
    for rel, text in files.items():
        out = target / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    python = os.path.relpath(sys.executable)
    print(f"wrote {target}: edit clinic.yml, add therapists under data/therapists/ "
          f"(python -m macros new therapist ID --data {target}/data), then\n"
          f"  {python} -m mkdocs serve -f {target}/mkdocs.yml")
    if spanish:
        print(f"Spanish too: edit {target}/data/translations/es/clinic.yml, add pages under "
              f"{target}/content/es/, and build {target}/mkdocs.es.yml")
    else:
        print("Spanish too: new-clinic --spanish writes mkdocs.es.yml and "
              "data/translations/es/clinic.yml (the README's \"In Spanish too\")")
    return 0
