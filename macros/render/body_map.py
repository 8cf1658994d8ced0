"""The body map: a front and a back figure, drawn for the project as inline SVG, each body region
a named link to its page (keyboard and screen readers reach every region by its name).

The figures are simple rounded shapes on a 420 x 400 grid; each region is one link holding its shapes
on both figures. Region keys are the vocabulary's, so a renamed region keeps its shapes; a region
without shapes (whole body) is a plain link under the figures.
"""
from __future__ import annotations

from markupsafe import Markup, escape

# Shapes per region: ("rect", x, y, width, height, corner radius) or ("ellipse", cx, cy, rx, ry).
# The front figure is centred on x = 105, the back one on x = 315.
def _both(make):
    return make(105) + make(315)


SHAPES: dict[str, list[tuple]] = {
    "head-and-face": _both(lambda cx: [("ellipse", cx, 38, 22, 26)]),
    "neck-and-shoulders": _both(lambda cx: [("rect", cx - 10, 62, 20, 14, 4),
                                            ("rect", cx - 52, 74, 104, 18, 9)]),
    "chest-and-abdomen": [("rect", 105 - 40, 94, 80, 96, 10)],
    "upper-back": [("rect", 315 - 40, 94, 80, 50, 10)],
    "lower-back": [("rect", 315 - 40, 146, 80, 44, 10)],
    "arms-and-hands": _both(lambda cx: [("rect", cx - 66, 94, 20, 104, 10), ("rect", cx + 46, 94, 20, 104, 10),
                                        ("ellipse", cx - 56, 210, 11, 14), ("ellipse", cx + 56, 210, 11, 14)]),
    "hips-and-pelvis": _both(lambda cx: [("rect", cx - 40, 192, 80, 36, 12)]),
    "legs-and-feet": _both(lambda cx: [("rect", cx - 38, 230, 33, 140, 14), ("rect", cx + 5, 230, 33, 140, 14),
                                       ("ellipse", cx - 24, 378, 18, 8), ("ellipse", cx + 24, 378, 18, 8)]),
}


def _shape(shape: tuple) -> str:
    if shape[0] == "rect":
        _, x, y, w, h, r = shape
        return f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{r}"/>'
    _, cx, cy, rx, ry = shape
    return f'<ellipse cx="{cx}" cy="{cy}" rx="{rx}" ry="{ry}"/>'


def svg(regions: dict[str, str], url_of) -> Markup:
    """The map for a page: ``regions`` maps region keys to their labels, ``url_of(region)`` gives
    each region page's address from the page the map is on."""
    links = []
    for region, shapes in SHAPES.items():
        if region not in regions:
            continue
        label = escape(regions[region])
        paths = "".join(_shape(shape) for shape in shapes)
        links.append(f'<a href="{escape(url_of(region))}" aria-label="{label}" class="kb-region">'
                     f"<title>{label}</title>{paths}</a>")
    others = [f'<a href="{escape(url_of(r))}">{escape(label)}</a>'
              for r, label in regions.items() if r not in SHAPES]
    figure = ('<figure class="kb-body-map"><svg viewBox="0 0 420 400" role="group" '
              'aria-label="Body map: choose where it hurts">'
              '<text x="105" y="398" text-anchor="middle">Front</text>'
              '<text x="315" y="398" text-anchor="middle">Back</text>'
              + "".join(links) + "</svg>"
              '<figcaption>Choose a part of the body to see its conditions and techniques.'
              + (" Or see " + ", ".join(others) + "." if others else "") + "</figcaption></figure>")
    return Markup(figure)
