// Builds countries-50m.geojson (country outlines for the maps of `corridor report` and
// `corridor map`) from Natural Earth 1:50m admin-0 boundaries as redistributed by the npm
// package world-atlas. Run at development time only; see README.md in this directory.
//
//   mkdir ../basemap-work && cd ../basemap-work && npm init -y   # any scratch directory outside the repository
//   npm install world-atlas@2.0.2 topojson-client@3.1.0 topojson-simplify@3.0.3
//   node PATH/TO/network/basemap/make-basemap.mjs > PATH/TO/network/basemap/countries-50m.geojson
//
// Packages are resolved from the current directory, so the script can stay in the repository.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.cwd(), 'resolve-here.js'));
const topojson = require('topojson-client');
const simplify = require('topojson-simplify');
const atlasVersion = require('world-atlas/package.json').version;
const world = require('world-atlas/countries-50m.json');

// Region of the maps: the Middle Corridor and its rivals, with room around them.
const BOX = { west: -15, east: 130, south: 15, north: 62 };
// Topology-preserving simplification (shared borders stay shared): drop vertices whose
// triangle area is below this many square degrees. About 1 km of detail survives.
const MIN_WEIGHT = 0.0004;
const DECIMALS = 2;

const topology = simplify.simplify(simplify.presimplify(world), MIN_WEIGHT);
const countries = topojson.feature(topology, topology.objects.countries).features;

// Sutherland-Hodgman clipping of a closed ring against one edge of the box.
function clipEdge(ring, inside, cross) {
  const out = [];
  for (let i = 0; i < ring.length; ++i) {
    const a = ring[i], b = ring[(i + 1) % ring.length];
    const ina = inside(a), inb = inside(b);
    if (ina) out.push(a);
    if (ina !== inb) out.push(cross(a, b));
  }
  return out;
}
const atX = (x) => (a, b) => [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
const atY = (y) => (a, b) => [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];
function clipRing(ring) {
  let r = ring.slice(0, -1);  // open ring
  r = clipEdge(r, (p) => p[0] >= BOX.west, atX(BOX.west));
  r = clipEdge(r, (p) => p[0] <= BOX.east, atX(BOX.east));
  r = clipEdge(r, (p) => p[1] >= BOX.south, atY(BOX.south));
  r = clipEdge(r, (p) => p[1] <= BOX.north, atY(BOX.north));
  const k = 10 ** DECIMALS;
  const rounded = [];
  for (const p of r) {
    const q = [Math.round(p[0] * k) / k, Math.round(p[1] * k) / k];
    const last = rounded[rounded.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) rounded.push(q);
  }
  while (rounded.length > 1 && rounded[0][0] === rounded[rounded.length - 1][0] &&
         rounded[0][1] === rounded[rounded.length - 1][1]) rounded.pop();
  if (rounded.length < 3) return null;
  rounded.push(rounded[0]);
  return rounded;
}
// Signed area and centroid of a closed ring (planar, in degrees).
function ringStats(ring) {
  let a = 0, cx = 0, cy = 0;
  for (let i = 0; i + 1 < ring.length; ++i) {
    const [x0, y0] = ring[i], [x1, y1] = ring[i + 1];
    const f = x0 * y1 - x1 * y0;
    a += f; cx += (x0 + x1) * f; cy += (y0 + y1) * f;
  }
  a /= 2;
  return { area: a, centroid: a === 0 ? ring[0] : [cx / (6 * a), cy / (6 * a)] };
}

const features = [];
for (const c of countries) {
  const g = c.geometry;
  if (!g) continue;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  const kept = [];
  for (const polygon of polygons) {
    const rings = [];
    for (const ring of polygon) {
      const clipped = clipRing(ring);
      if (clipped && Math.abs(ringStats(clipped).area) > 1e-4) rings.push(clipped);
      else if (rings.length === 0) break;  // outer ring gone: drop the polygon
    }
    if (rings.length > 0) kept.push(rings);
  }
  if (kept.length === 0) continue;
  let best = null;
  for (const p of kept) {
    const s = ringStats(p[0]);
    if (!best || Math.abs(s.area) > Math.abs(best.area)) best = s;
  }
  const r2 = (v) => Math.round(v * 100) / 100;
  features.push({
    type: 'Feature',
    id: c.id ?? '',
    properties: { name: c.properties.name, label: [r2(best.centroid[0]), r2(best.centroid[1])],
                  area: r2(Math.abs(best.area)) },
    geometry: { type: 'MultiPolygon', coordinates: kept },
  });
}
features.sort((a, b) => a.properties.name.localeCompare(b.properties.name));

// Hand-placed names of seas (not in world-atlas): drawn in the water where they fit.
const SEAS = [
  { name: 'Caspian Sea', lon: 51.4, lat: 38.9 },
  { name: 'Black Sea', lon: 34.2, lat: 43.4 },
  { name: 'Mediterranean Sea', lon: 18.5, lat: 34.0 },
  { name: 'North Sea', lon: 3.2, lat: 56.0 },
  { name: 'Baltic Sea', lon: 19.2, lat: 56.6 },
  { name: 'Persian Gulf', lon: 51.5, lat: 27.0 },
  { name: 'Red Sea', lon: 38.4, lat: 21.0 },
  { name: 'Yellow Sea', lon: 123.4, lat: 36.0 },
  { name: 'Sea of Azov', lon: 36.6, lat: 46.1 },
];

const header = {
  type: 'FeatureCollection',
  bbox: [BOX.west, BOX.south, BOX.east, BOX.north],
  source: `Natural Earth 4.1.0 admin-0 countries 1:50m, via npm world-atlas@${atlasVersion} (countries-50m.json); ` +
          `simplified with topojson-simplify (min weight ${MIN_WEIGHT} sq. degrees), clipped to the bbox, ` +
          `rounded to ${DECIMALS} decimals by make-basemap.mjs`,
  license: 'Natural Earth data is in the public domain; world-atlas is ISC-licensed',
  seas: SEAS,
};
const lines = JSON.stringify(header).slice(0, -1) + ',"features":[\n' +
              features.map((f) => JSON.stringify(f)).join(',\n') + '\n]}\n';
process.stdout.write(lines);
