"""Turn us-atlas's projected TopoJSON into the SVG path data the maps draw.

`manage.py build_map <us-atlas directory>` reads `states-albers-10m.json` and
`counties-albers-10m.json` (TopoJSON already projected to Albers USA, Alaska
and Hawaii inset, in a 975×610 box) and writes `jurisdictions/mapdata/`:
states.json, counties.json and README.md. Pure Python: nothing is fetched and
nothing runs in the browser.
"""

import heapq
import itertools
import json
import math
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

MAPDATA = Path(__file__).resolve().parents[2] / "mapdata"
STATES_FILE = "states-albers-10m.json"
COUNTIES_FILE = "counties-albers-10m.json"
# Path data keeps tenths of a unit: a tenth of a pixel on the 975-wide map.
SCALE = 10

README = """\
# Map shapes

`states.json` and `counties.json` hold the SVG path data of the maps
(`jurisdictions/maps.py`). They are generated: do not edit them by hand.

- Source: the npm package `us-atlas` {version}
  (`states-albers-10m.json`, `counties-albers-10m.json`), TopoJSON projected
  with `d3.geoAlbersUsa().scale(1300).translate([487.5, 305])` to fit a
  975×610 box, with Alaska and Hawaii inset.
- Shapes: the U.S. Census Bureau's cartographic boundary files, 2017 edition
  (public domain), simplified by the package.
- Licence: `us-atlas` is ISC-licensed (Copyright 2013-2019 Michael Bostock);
  the boundary data are public domain (U.S. Census Bureau).

`states.json`: `{{state FIPS: {{"name", "d", "bbox": [x0, y0, x1, y1],
"label": [x, y]}}}}`, where `label` is a point inside the state's largest
polygon (its pole of inaccessibility) where the map puts a marker.
`counties.json`: `{{state FIPS: {{county FIPS (5 digits): {{"name", "d"}}}}}}`.
Coordinates are rounded to tenths of a unit. A shape with no area left after
the package's simplification is left out: {dropped}.

## Refresh

    mkdir -p /tmp/usatlas && cd /tmp/usatlas
    npm pack us-atlas@3 && tar xzf us-atlas-*.tgz
    cd -  # back to the project
    .venv/bin/python manage.py build_map /tmp/usatlas/package

Then run `tests/test_maps.py` and commit the three files.
"""


def decode_arcs(topology):
    """Each arc of a topology as a list of absolute (x, y) points."""
    transform = topology.get("transform")
    if transform is None:
        return [[(p[0], p[1]) for p in arc] for arc in topology["arcs"]]
    (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        # Quantized arcs are delta-encoded: each position adds to the last.
        x = y = 0
        points = []
        for position in arc:
            x += position[0]
            y += position[1]
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def stitch(arcs, indexes):
    """One ring from the arcs it names; index ~i is arc i reversed."""
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Each arc starts where the previous one ends.
        points.extend(arc[1:] if points else arc)
    return points


def polygons(arcs, geometry):
    """A Polygon or MultiPolygon as a list of polygons, each a list of rings."""
    kind = geometry.get("type")
    if kind is None:
        return []
    if kind == "Polygon":
        parts = [geometry["arcs"]]
    elif kind == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        raise ValueError(f"{geometry.get('id')}: cannot draw a {kind}")
    return [[stitch(arcs, ring) for ring in polygon] for polygon in parts]


def rounded(ring, scale=SCALE):
    """A ring in integer steps of 1/scale, without repeated points; None when
    degenerate."""
    points = []
    for x, y in ring:
        point = (round(x * scale), round(y * scale))
        if not points or point != points[-1]:
            points.append(point)
    while len(points) > 1 and points[-1] == points[0]:
        points.pop()
    return points if len(points) >= 3 else None


def number(steps, scale=SCALE):
    """Steps of 1/scale as the shortest SVG number: 12, 1.5, .5, -.5."""
    whole, fraction = divmod(abs(steps), scale)
    digits = len(str(scale)) - 1
    text = str(whole)
    if fraction:
        text = f"{whole}.{fraction:0{digits}d}".rstrip("0").removeprefix("0")
    return f"-{text}" if steps < 0 else text


def pair(x, y, scale=SCALE):
    y_text = number(y, scale)
    return number(x, scale) + (y_text if y_text.startswith("-") else f",{y_text}")


def path_data(shapes, scale=SCALE):
    """SVG path data for polygons of rings of points in steps of 1/scale."""
    parts = []
    for polygon in shapes:
        for ring in polygon:
            (x, y), rest = ring[0], ring[1:]
            steps = []
            for nx, ny in rest:
                text = pair(nx - x, ny - y, scale)
                if steps and not text.startswith("-"):
                    text = f" {text}"
                steps.append(text)
                x, y = nx, ny
            parts.append(f"M{pair(*ring[0], scale)}l{''.join(steps)}z")
    return "".join(parts)


def in_steps(shapes, scale=SCALE):
    """Polygons rounded to 1/scale; rings and polygons that vanish are dropped."""
    result = []
    for polygon in shapes:
        outer, *holes = (rounded(ring, scale) for ring in polygon)
        if outer is not None:
            result.append([outer, *(hole for hole in holes if hole is not None)])
    return result


def edges(ring):
    """Each edge of a closed ring as a pair of points."""
    return zip(ring, ring[1:] + ring[:1], strict=True)


def ring_area(ring):
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in edges(ring)) / 2


def polygon_area(polygon):
    outer, *holes = polygon
    return abs(ring_area(outer)) - sum(abs(ring_area(hole)) for hole in holes)


def signed_distance(x, y, polygon):
    """Distance from (x, y) to the polygon's edges; negative outside it."""
    inside = False
    nearest = math.inf
    for ring in polygon:
        for (ax, ay), (bx, by) in edges(ring):
            if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                inside = not inside
            nearest = min(nearest, segment_distance(x, y, ax, ay, bx, by))
    return nearest if inside else -nearest


def segment_distance(x, y, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    if dx or dy:
        t = max(0, min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        ax, ay = ax + t * dx, ay + t * dy
    return math.hypot(x - ax, y - ay)


def label_point(polygon, precision=0.5):
    """The point inside a polygon farthest from its edges (polylabel).

    A centroid can fall outside a concave shape (Maryland's, Florida's);
    this point is inside by construction.
    """
    xs = [x for x, _ in polygon[0]]
    ys = [y for _, y in polygon[0]]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    size = min(x1 - x0, y1 - y0)
    if size == 0:
        return x0, y0
    order = itertools.count()
    queue = []

    def push(x, y, half):
        distance = signed_distance(x, y, polygon)
        potential = distance + half * math.sqrt(2)
        heapq.heappush(queue, (-potential, next(order), x, y, half, distance))

    half = size / 2
    x = x0
    while x < x1:
        y = y0
        while y < y1:
            push(x + half, y + half, half)
            y += size
        x += size
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    best = (signed_distance(cx, cy, polygon), cx, cy)
    while queue:
        negative_potential, _, x, y, half, distance = heapq.heappop(queue)
        if distance > best[0]:
            best = (distance, x, y)
        if -negative_potential - best[0] <= precision:
            continue
        half /= 2
        for sx, sy in ((-1, -1), (1, -1), (-1, 1), (1, 1)):
            push(x + sx * half, y + sy * half, half)
    return best[1], best[2]


def state_entry(name, shapes):
    """A state's name, path data, bounding box and marker point, in units."""
    points = [point for polygon in shapes for ring in polygon for point in ring]
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    largest = max(shapes, key=polygon_area)
    label = label_point(largest, precision=0.5 * SCALE)
    return {
        "name": name,
        "d": path_data(shapes),
        "bbox": [min(xs) / SCALE, min(ys) / SCALE, max(xs) / SCALE, max(ys) / SCALE],
        "label": [round(label[0] / SCALE, 1), round(label[1] / SCALE, 1)],
    }


def build_states(topology):
    """{state FIPS: entry} for every state (and DC) in the topology."""
    arcs = decode_arcs(topology)
    states = {}
    for geometry in topology["objects"]["states"]["geometries"]:
        shapes = in_steps(polygons(arcs, geometry))
        if shapes:
            states[geometry["id"]] = state_entry(geometry["properties"]["name"], shapes)
    return dict(sorted(states.items()))


def build_counties(topology):
    """{state FIPS: {county FIPS: {"name", "d"}}}, and the shapes left out."""
    arcs = decode_arcs(topology)
    counties, dropped = {}, []
    for geometry in topology["objects"]["counties"]["geometries"]:
        geoid, name = geometry["id"], geometry["properties"]["name"]
        # In 3.0.1 three of Virginia's independent cities have no area left
        # in the simplified source.
        if shapes := in_steps(polygons(arcs, geometry)):
            counties.setdefault(geoid[:2], {})[geoid] = {
                "name": name,
                "d": path_data(shapes),
            }
        else:
            dropped.append(f"{geoid} {name}")
    counties = {
        state: dict(sorted(places.items()))
        for state, places in sorted(counties.items())
    }
    return counties, sorted(dropped)


def dumps(data, depth):
    """JSON with one line per entry `depth` levels down, for readable diffs."""
    if depth == 0:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    lines = [
        f"{json.dumps(key)}:{dumps(value, depth - 1)}" for key, value in data.items()
    ]
    return "{\n" + ",\n".join(lines) + "\n}"


class Command(BaseCommand):
    help = (
        "Write jurisdictions/mapdata/ (SVG path data of states and counties) "
        "from an unpacked us-atlas 3.x package."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "atlas", help="The us-atlas directory (npm pack, unpacked)."
        )
        parser.add_argument(
            "--output",
            default=str(MAPDATA),
            help="Where to write (default: %(default)s).",
        )

    def handle(self, *args, atlas, output, **options):
        atlas, output = Path(atlas), Path(output)
        try:
            package = json.loads((atlas / "package.json").read_text(encoding="utf-8"))
            states = json.loads((atlas / STATES_FILE).read_text(encoding="utf-8"))
            counties = json.loads((atlas / COUNTIES_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read us-atlas in {atlas}: {error}") from error
        version = package.get("version", "")
        if package.get("name") != "us-atlas" or not version.startswith("3."):
            raise CommandError(
                f"{atlas} holds {package.get('name')} {version}, not us-atlas 3.x"
            )
        state_data = build_states(states)
        county_data, dropped = build_counties(counties)
        output.mkdir(parents=True, exist_ok=True)
        (output / "states.json").write_text(
            dumps(state_data, 1) + "\n", encoding="utf-8"
        )
        (output / "counties.json").write_text(
            dumps(county_data, 2) + "\n", encoding="utf-8"
        )
        readme = README.format(version=version, dropped=", ".join(dropped) or "none")
        (output / "README.md").write_text(readme, encoding="utf-8")
        total = sum(len(places) for places in county_data.values())
        self.stdout.write(
            f"us-atlas {version}: {len(state_data)} states, {total} counties "
            f"written to {output}; left out (no area): {', '.join(dropped) or 'none'}"
        )
