// The single-page app of `corridor serve`. Everything the page shows comes from this server's
// API (docs/api.md): no other host is contacted. The page builds one scenario file (changes plus
// a route and a flow query) and every answer is POST /api/run of that scenario.
'use strict';

const $ = (id) => document.getElementById(id);
const state = {
  network: null,          // GET /api/network
  nodes: new Map(), links: new Map(),
  name: 'Built in corridor serve', description: '',
  changes: [],            // scenario changes, in order
  otherQueries: [],       // queries of a loaded scenario beyond the route and the flow
  selectedRoute: 0,
  lastRun: null,          // the POST /api/run answer
  selected: null,         // id of the element in the what-if panel
  runSerial: 0,
};

// ---------- small helpers ----------
const fmt = (x, d = 0) => Number(x).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const mt = (tpy) => tpy === null || tpy === undefined ? 'unlimited' : `${fmt(tpy / 1e6, 2)} Mt/yr`;
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}
function status(text, error = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', error);
}
async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.json();
  if (!response.ok) {
    const e = body.error || {};
    throw new Error(`${e.code || response.status}: ${e.pointer ? e.pointer + ': ' : ''}${e.message || 'error'}`);
  }
  return body;
}
const ids = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);

// ---------- the scenario being built ----------
function routeQuery() {
  const from = $('origin').value, to = $('destination').value;
  if (!from || !to || from === to) return null;
  const q = { type: 'route', name: `Best route ${from} to ${to}`, from, to, by: $('objective').value };
  const k = Number($('alternatives').value);
  if (k > 1) q.k = k;
  if ($('corridor').value) q.corridor = $('corridor').value;
  return q;
}
function flowQuery() {
  const from = ids($('flow-from').value), to = ids($('flow-to').value);
  if (!from.length || !to.length) return null;
  const q = { type: 'flow', name: `Max flow ${from.join('+')} to ${to.join('+')}`, from, to };
  const target = parseFloat($('flow-target').value);
  if (Number.isFinite(target) && target > 0) q.target_tpy = Math.round(target * 1e6);
  if ($('flow-corridor').value) q.corridor = $('flow-corridor').value;
  return q;
}
function scenario() {
  const queries = [routeQuery(), flowQuery(), ...state.otherQueries].filter(Boolean);
  const s = { name: state.name };
  if (state.description) s.description = state.description;
  s.changes = state.changes;
  s.queries = queries;
  return s;
}

async function run() {
  const s = scenario();
  $('scenario-json').textContent = JSON.stringify(s, null, 2);
  renderChanges();
  if (!s.queries.length) { showResults(null, s); return; }
  const serial = ++state.runSerial;
  status('Computing…');
  try {
    const answer = await api('/api/run', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                           body: JSON.stringify(s) });
    if (serial !== state.runSerial) return;  // a newer run is under way
    state.lastRun = answer;
    showResults(answer, s);
    status(`Answered: ${answer.scenario} (${s.changes.length} change${s.changes.length === 1 ? '' : 's'})`);
  } catch (e) {
    if (serial === state.runSerial) status(e.message, true);
  }
}

// ---------- answers ----------
function resultOf(answer, s, type) {
  if (!answer) return null;
  const i = s.queries.findIndex((q) => q.type === type);
  return i >= 0 && answer.results[i] ? answer.results[i].result : null;
}
function showResults(answer, s) {
  const route = resultOf(answer, s, 'route'), flow = resultOf(answer, s, 'flow');
  if (state.selectedRoute >= (route ? route.routes.length : 0)) state.selectedRoute = 0;
  renderRoute(route);
  renderFlow(flow);
  renderOthers(answer, s);
  highlight(route, flow);
  if (state.selected) showElement(state.selected);
}
function renderRoute(result) {
  const box = $('route-answer');
  box.replaceChildren();
  if (!result) {
    box.append(el('p', { class: 'small' }, 'Choose an origin and a destination.'));
    return;
  }
  if (!result.found) {
    // cut_by: [{constraint: "avoid_country", values: ["KZ"]}, ...], each alone cuts every route
    const words = { avoid: 'avoiding', avoid_country: 'avoiding country', via: 'via', modes: 'modes', corridor: 'corridor' };
    const cut = (result.cut_by || []).map((c) => `${words[c.constraint] || c.constraint} ${c.values.join(',')}`);
    box.append(el('p', { class: 'short' }, `No route from ${result.from} to ${result.to}` +
                  (cut.length ? ` (without ${cut.join(' or without ')}, a route exists)` : '') + '.'));
    return;
  }
  const list = el('ul', { class: 'alts', role: 'listbox', 'aria-label': 'Routes, best first' });
  result.routes.forEach((r, i) => {
    const keys = r.legs.filter((l) => l.mode !== 'rail' || l.border).map((l) => l.to).slice(0, 5).join(', ');
    const item = el('li', { role: 'option', tabindex: '0', class: i === 0 ? 'best' : '',
                            'aria-selected': String(i === state.selectedRoute) },
                    `${i === 0 ? 'Best' : '#' + (i + 1)}: ${fmt(r.days, 1)} days, ${fmt(r.distance_km)} km, ` +
                    `${fmt(r.cost_usd_per_t)} USD/t, ${fmt(r.co2_kg_per_t)} kg CO2e/t — via ${keys}`);
    const pick = () => { state.selectedRoute = i; showResults(state.lastRun, scenario()); };
    item.addEventListener('click', pick);
    item.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } });
    list.append(item);
  });
  box.append(list);
  const r = result.routes[state.selectedRoute];
  const table = el('table', { id: 'leg-table' },
    el('caption', { class: 'small' }, `Legs of route ${state.selectedRoute + 1}`),
    el('thead', {}, el('tr', {}, ...['link', 'mode', 'km', 'hours', 'USD/t'].map((h, j) =>
      el('th', { scope: 'col', class: j >= 2 ? 'num' : '' }, h)))));
  const body = el('tbody');
  for (const l of r.legs) {
    const hours = l.hours + l.wait_hours + l.dwell_hours + l.transfer_hours;
    const usd = (l.cost_usd_per_t === null ? 0 : l.cost_usd_per_t) + l.handling_usd_per_t;
    body.append(el('tr', {}, el('td', {}, `${l.from} → ${l.to}`), el('td', {}, l.mode),
                   el('td', { class: 'num' }, fmt(l.distance_km)), el('td', { class: 'num' }, fmt(hours, 1)),
                   el('td', { class: 'num' }, l.cost_usd_per_t === null ? '–' : fmt(usd, 1))));
  }
  body.append(el('tr', {}, el('th', { scope: 'row' }, 'total'), el('td'), el('td', { class: 'num' }, fmt(r.distance_km)),
                 el('td', { class: 'num' }, fmt(r.hours, 1)), el('td', { class: 'num' }, fmt(r.cost_usd_per_t, 1))));
  table.append(body);
  box.append(table);
}
function renderFlow(result) {
  const box = $('flow-answer');
  box.replaceChildren();
  if (!result) return;
  const figure = result.unbounded ? 'unlimited' : mt(result.max_flow_tpy);
  box.append(el('p', {}, 'Max flow ', el('span', { class: 'big-figure', id: 'max-flow' }, figure)));
  if (result.target_tpy !== null)
    box.append(el('p', { class: result.meets_target ? 'met' : 'short' },
                  result.meets_target ? `Meets the target of ${mt(result.target_tpy)}.`
                                      : `Short of ${mt(result.target_tpy)} by ${mt(result.shortfall_tpy)}.`));
  box.append(el('p', { id: 'bottleneck' }, result.bottleneck));
}
function renderOthers(answer, s) {
  const box = $('other-results');
  box.replaceChildren();
  if (!answer) return;
  const rows = answer.results.map((r, i) => [r, s.queries[i]]).filter(([, q]) => state.otherQueries.includes(q));
  if (!rows.length) return;
  const list = el('ul');
  for (const [r] of rows) list.append(el('li', {}, `${r.name}: ${summary(r)}`));
  box.append(el('h3', {}, 'Other queries of the scenario'), list);
}
function summary(r) {
  const x = r.result;
  if (r.type === 'route') return x.found ? `${fmt(x.routes[0].days, 1)} days, ${fmt(x.routes[0].distance_km)} km` : 'no route';
  if (r.type === 'flow') return `${x.unbounded ? 'unlimited' : mt(x.max_flow_tpy)}. ${x.bottleneck}`;
  return `${r.type} answered (see the JSON of POST /api/run)`;
}

// ---------- the map ----------
const view = { x: 0, y: 0, w: 0, h: 0, full: null };
function svg() { return document.querySelector('#map svg.map'); }
function setView() { svg().setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`); }
function zoom(factor, cx = view.x + view.w / 2, cy = view.y + view.h / 2) {
  const w = Math.min(view.full.w * 1.5, Math.max(view.full.w / 20, view.w / factor));
  const k = w / view.w;
  view.x = cx - (cx - view.x) * k; view.y = cy - (cy - view.y) * k;
  view.w = w; view.h = view.h * k;
  setView();
}
function pan(dx, dy) { view.x += dx; view.y += dy; setView(); }
function resetView() { Object.assign(view, view.full); setView(); }
function mapElements(id) { return document.querySelectorAll(`#map [data-id="${CSS.escape(id)}"]`); }
function setClass(cls, idsToMark) {
  document.querySelectorAll(`#map .${cls}`).forEach((e) => e.classList.remove(cls));
  for (const id of idsToMark) mapElements(id).forEach((e) => e.classList.add(cls));
}
function highlight(route, flow) {
  const routes = route && route.found ? route.routes : [];
  const chosen = routes[state.selectedRoute];
  setClass('hl-route', chosen ? chosen.legs.map((l) => l.link) : []);
  const onChosen = new Set(chosen ? chosen.legs.map((l) => l.link) : []);
  setClass('hl-alt', routes.filter((r) => r !== chosen).flatMap((r) => r.legs.map((l) => l.link)).filter((l) => !onChosen.has(l)));
  setClass('hl-binding', flow && !flow.unbounded ? flow.min_cut.map((c) => c.id) : []);
  setClass('hl-end', [$('origin').value, $('destination').value].filter(Boolean));
  const closed = state.changes.filter((c) => c.type === 'close_link' || c.type === 'close_node').map((c) => c.id);
  setClass('user-closed', closed);
  setClass('selected', state.selected ? [state.selected] : []);
}
function figures(id) {
  const flows = resultOf(state.lastRun, scenario(), 'flow');
  const link = state.links.get(id), node = state.nodes.get(id);
  const edited = state.changes.filter((c) => c.id === id).map(describeChange);
  let text;
  if (link) {
    const f = flows && flows.flows.filter((x) => x.link === id).reduce((a, x) => a + x.flow_tpy, 0);
    text = `${id}: ${link.mode}, ${fmt(link.distance_km)} km, ${fmt(link.hours, 1)} h, capacity ${mt(link.capacity_tpy)}` +
           (f ? `; max-flow load ${mt(f)}` : '');
  } else if (node) {
    text = `${id}: ${node.name} (${node.country}, ${node.kind.replace('_', ' ')}), throughput capacity ${mt(node.capacity_tpy)}`;
  } else return id;
  return edited.length ? `${text}. Changed: ${edited.join('; ')}` : text;
}
function setupMap() {
  const map = $('map');
  const s = svg();
  const [x, y, w, h] = s.getAttribute('viewBox').split(/\s+/).map(Number);
  view.full = { x, y, w, h };
  resetView();
  s.removeAttribute('width');
  s.removeAttribute('height');
  s.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  const toSvg = (e) => {
    const p = s.createSVGPoint(); p.x = e.clientX; p.y = e.clientY;
    return p.matrixTransform(s.getScreenCTM().inverse());
  };
  map.addEventListener('wheel', (e) => {
    e.preventDefault();
    const p = toSvg(e);
    zoom(e.deltaY < 0 ? 1.25 : 0.8, p.x, p.y);
  }, { passive: false });
  let drag = null;
  map.addEventListener('pointerdown', (e) => { drag = { x: e.clientX, y: e.clientY, moved: false }; });
  map.addEventListener('pointermove', (e) => {
    if (drag && e.buttons) {
      const k = view.w / map.clientWidth;
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      if (drag.moved) { pan(-dx * k, -dy * k); drag.x = e.clientX; drag.y = e.clientY; }
    }
    const target = e.target.closest('[data-id]');
    const tip = $('tooltip');
    if (target) {
      tip.textContent = figures(target.dataset.id);
      const box = $('map-panel').getBoundingClientRect();
      tip.style.left = `${e.clientX - box.left + 14}px`;
      tip.style.top = `${e.clientY - box.top + 14}px`;
      tip.hidden = false;
    } else tip.hidden = true;
  });
  map.addEventListener('pointerleave', () => { $('tooltip').hidden = true; });
  map.addEventListener('click', (e) => {
    if (drag && drag.moved) return;
    const target = e.target.closest('[data-id]');
    if (target) clickElement(target.dataset.id);
  });
  map.addEventListener('keydown', (e) => {
    const step = view.w / 10;
    const keys = { ArrowLeft: () => pan(-step, 0), ArrowRight: () => pan(step, 0), ArrowUp: () => pan(0, -step),
                   ArrowDown: () => pan(0, step), '+': () => zoom(1.25), '=': () => zoom(1.25), '-': () => zoom(0.8),
                   '0': resetView };
    if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
  });
  // Titles inside the SVG would show a second, native tooltip: the figures panel replaces them.
  document.querySelectorAll('#map [data-id] > title').forEach((t) => t.remove());
}
function clickElement(id) {
  if (state.nodes.has(id)) {
    if (!$('origin').value) { $('origin').value = id; run(); }
    else if (!$('destination').value && id !== $('origin').value) { $('destination').value = id; run(); }
  }
  select(id);
}

// ---------- what-if: closing and editing elements ----------
function select(id) {
  state.selected = id;
  $('element-pick').value = id;
  showElement(id);
  highlight(resultOf(state.lastRun, scenario(), 'route'), resultOf(state.lastRun, scenario(), 'flow'));
}
function isClosed(id) {
  let closed = (state.links.get(id) || state.nodes.get(id) || {}).status === 'closed';
  for (const c of state.changes)
    if (c.id === id) {
      if (c.type.startsWith('close_')) closed = true;
      if (c.type.startsWith('open_')) closed = false;
    }
  return closed;
}
function currentCapacity(id) {
  let cap = (state.links.get(id) || state.nodes.get(id) || {}).capacity_tpy;
  for (const c of state.changes)
    if (c.id === id && c.values && 'capacity_tpy' in c.values) cap = c.values.capacity_tpy;
  return cap === undefined ? null : cap;
}
function showElement(id) {
  const panel = $('element-panel');
  panel.replaceChildren();
  const isLink = state.links.has(id), isNode = state.nodes.has(id);
  if (!isLink && !isNode) return;
  const kind = isLink ? 'link' : 'node';
  panel.append(el('p', { id: 'element-figures' }, figures(id)));
  const closed = isClosed(id);
  panel.append(el('button', { type: 'button', id: 'toggle-element', onclick: () => toggleClosed(id, kind) },
                  closed ? `Reopen ${kind} ${id}` : `Close ${kind} ${id}`));
  const cap = currentCapacity(id);
  const input = el('input', { id: 'capacity-input', type: 'number', min: '0', step: '0.1',
                              value: cap === null ? '' : String(cap / 1e6), 'aria-label': `Capacity of ${id} in Mt/yr` });
  panel.append(el('div', { class: 'grid' }, el('label', { for: 'capacity-input' }, 'Capacity Mt/yr'), input));
  panel.append(el('button', { type: 'button', id: 'apply-capacity',
                              onclick: () => setCapacity(id, kind, input.value) }, 'Apply capacity'));
  if (isNode)
    panel.append(' ', el('button', { type: 'button', onclick: () => { $('origin').value = id; run(); } }, 'Set as origin'),
                 ' ', el('button', { type: 'button', onclick: () => { $('destination').value = id; run(); } }, 'Set as destination'));
}
function toggleClosed(id, kind) {
  const closed = isClosed(id);
  state.changes = state.changes.filter((c) => !(c.id === id && (c.type === `close_${kind}` || c.type === `open_${kind}`)));
  if (isClosed(id) === closed) state.changes.push({ type: `${closed ? 'open' : 'close'}_${kind}`, id });
  run();
}
function setCapacity(id, kind, text) {
  const value = text.trim() === '' ? null : Math.round(parseFloat(text) * 1e6);
  if (value !== null && !(value >= 0)) { status('Capacity must be a number of Mt/yr (empty = unlimited)', true); return; }
  state.changes = state.changes.filter((c) => !(c.id === id && c.type === `set_${kind}` && 'capacity_tpy' in c.values));
  state.changes.push({ type: `set_${kind}`, id, values: { capacity_tpy: value } });
  run();
}
function describeChange(c) {
  if (c.type.startsWith('close_')) return `close ${c.id}`;
  if (c.type.startsWith('open_')) return `open ${c.id}`;
  if (c.type.startsWith('set_') && c.values && 'capacity_tpy' in c.values) return `${c.id} capacity ${mt(c.values.capacity_tpy)}`;
  if (c.type === 'scale_capacity') return `capacity of ${c.link || c.node || c.mode} × ${c.factor}`;
  return `${c.type} ${c.id || ''}`;
}
function renderChanges() {
  const list = $('changes');
  list.replaceChildren();
  state.changes.forEach((c, i) => list.append(el('li', {}, describeChange(c), ' ',
    el('button', { type: 'button', 'aria-label': `Undo: ${describeChange(c)}`,
                   onclick: () => { state.changes.splice(i, 1); run(); } }, 'undo'))));
  if (!state.changes.length) list.append(el('li', { class: 'small' }, 'none: the network as loaded'));
}

// ---------- scenario files ----------
function loadScenario(s) {
  if (!s || typeof s !== 'object') throw new Error('not a scenario: expected a JSON object');
  const copy = JSON.parse(JSON.stringify(s));
  delete copy.network;  // the server answers on its own network
  state.name = copy.name || 'Loaded scenario';
  state.description = copy.description || '';
  state.changes = copy.changes || [];
  state.otherQueries = [];
  let route = null, flow = null;
  for (const q of copy.queries || []) {
    if (q.demand_csv) continue;  // files are not sent to the server
    if (q.type === 'route' && !route) route = q;
    else if (q.type === 'flow' && !flow) flow = q;
    else state.otherQueries.push(q);
  }
  if (route) {
    $('origin').value = route.from; $('destination').value = route.to;
    $('objective').value = route.by || 'time';
    $('corridor').value = Array.isArray(route.corridor) ? route.corridor[0] : (route.corridor || '');
  }
  if (flow) {
    $('flow-from').value = [].concat(flow.from).join(',');
    $('flow-to').value = [].concat(flow.to).join(',');
    $('flow-target').value = flow.target_tpy ? flow.target_tpy / 1e6 : '';
    $('flow-corridor').value = Array.isArray(flow.corridor) ? flow.corridor[0] : (flow.corridor || '');
  }
  state.selectedRoute = 0;
  return run();
}
function download() {
  const blob = new Blob([JSON.stringify(scenario(), null, 2) + '\n'], { type: 'application/json' });
  const a = el('a', { href: URL.createObjectURL(blob), download: 'scenario.json' });
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

// ---------- teaching view ----------
const STEPS = [
  { title: 'The route', file: 'baseline.json',
    text: 'From Xi\'an the Middle Corridor crosses Kazakhstan by rail, the Caspian by ferry, then Azerbaijan and Georgia. The pink line is the fastest route; orange lines are the alternatives.' },
  { title: 'The Caspian', file: 'caspian-low-water.json',
    text: 'Everything funnels through a few ferry lines across the Caspian. Low water cuts what each ferry can load: watch the capacity fall.' },
  { title: 'The bottleneck', file: 'baseline.json', flowOnly: true,
    text: 'The maximum flow from the Chinese border to Baku is limited by the red elements: the minimum cut. The sentence under the figure names them.' },
  { title: 'The roadmap', file: 'roadmap-2027.json',
    text: 'The 2027 roadmap adds capacity at the bottleneck. Does the corridor reach 10 Mt/yr?' },
];
function setupTeaching(scenarios) {
  const byFile = new Map(scenarios.map((s) => [s.file, s]));
  STEPS.forEach((step, i) => {
    const shipped = byFile.get(step.file);
    if (!shipped) return;
    $('steps').append(el('li', {}, el('button', { type: 'button', id: `step-${i + 1}`, onclick: async () => {
      await loadScenario(shipped.scenario);
      if (step.flowOnly) { $('origin').value = ''; $('destination').value = ''; await run(); }
      const route = $('route-answer').querySelector('li.best');
      $('step-text').replaceChildren(el('h3', {}, `${i + 1}. ${step.title}`), el('p', {}, step.text),
        ...(route && !step.flowOnly ? [el('p', {}, `${$('origin').value} → ${$('destination').value}: ${route.textContent}`)] : []),
        el('p', {}, [...$('flow-answer').children].map((c) => c.textContent).join(' ')),
        el('p', { class: 'small' }, `Scenario “${shipped.name}” (scenarios/${shipped.file}): ${shipped.description}`));
    } }, `${i + 1}. ${step.title}`)));
  });
}
function showTab(teach) {
  $('teach').hidden = !teach; $('explore').hidden = teach;
  $('tab-teach').setAttribute('aria-pressed', String(teach));
  $('tab-explore').setAttribute('aria-pressed', String(!teach));
}

// ---------- start ----------
async function start() {
  try {
    const [network, mapHtml, scenarios] = await Promise.all([
      api('/api/network'), fetch('/api/map').then((r) => r.text()), api('/api/scenarios')]);
    state.network = network;
    for (const n of network.nodes) state.nodes.set(n.id, n);
    // A link without an id in the file has the default one, FROM-TO (docs/network-format.md).
    for (const l of network.links) state.links.set(l.id || `${l.from}-${l.to}`, l);
    $('map').innerHTML = mapHtml;
    setupMap();
    const options = [el('option', { value: '' }, '—')];
    const sorted = [...network.nodes].sort((a, b) => a.id.localeCompare(b.id));
    for (const sel of ['origin', 'destination'])
      $(sel).replaceChildren(...options.map((o) => o.cloneNode(true)),
                             ...sorted.map((n) => el('option', { value: n.id }, `${n.id} (${n.name})`)));
    $('element-ids').replaceChildren(...[...state.nodes.keys(), ...state.links.keys()].map((id) => el('option', { value: id })));
    setupTeaching(scenarios.scenarios);
    status(`${network.name}: ${network.nodes.length} nodes, ${network.links.length} links`);
    for (const id of ['origin', 'destination', 'objective', 'corridor', 'alternatives'])
      $(id).addEventListener('change', () => { state.selectedRoute = 0; run(); });
    $('flow-run').addEventListener('click', run);
    $('flow-corridor').addEventListener('change', run);
    for (const id of ['flow-from', 'flow-to', 'flow-target'])
      $(id).addEventListener('keydown', (e) => { if (e.key === 'Enter') run(); });
    $('clear-route').addEventListener('click', () => { $('origin').value = ''; $('destination').value = ''; run(); });
    $('element-pick').addEventListener('change', (e) => {
      if (!state.nodes.has(e.target.value) && !state.links.has(e.target.value)) return;
      e.target.blur();  // close the suggestion list (AKTAU-BAKU also matches AKTAU-BAKU_FEEDER) before the panel is used
      select(e.target.value);
    });
    $('zoom-in').addEventListener('click', () => zoom(1.25));
    $('zoom-out').addEventListener('click', () => zoom(0.8));
    $('zoom-reset').addEventListener('click', resetView);
    $('download').addEventListener('click', download);
    $('load').addEventListener('change', async (e) => {
      const file = e.target.files[0];
      if (!file) return;
      try { await loadScenario(JSON.parse(await file.text())); } catch (err) { status(`${file.name}: ${err.message}`, true); }
    });
    $('tab-explore').addEventListener('click', () => showTab(false));
    $('tab-teach').addEventListener('click', () => showTab(true));
    $('bigger').addEventListener('click', () => {
      const big = document.documentElement.classList.toggle('big');
      $('bigger').setAttribute('aria-pressed', String(big));
    });
    await run();
  } catch (e) {
    status(`Could not load: ${e.message}`, true);
  }
}
document.addEventListener('DOMContentLoaded', start);
