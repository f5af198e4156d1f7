// Browser test of `corridor serve`: starts the server on a free loopback port, opens the app in
// headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) and plays a lesson:
// pick XIAN and BAKU on the map -> a route is drawn and its leg table shown; close AKTAU-BAKU ->
// the route moves to another Caspian crossing; raise a ferry's capacity -> the max flow rises.
// Also: the page makes no request to any other host; the scenario can be downloaded; the
// keyboard reaches the controls; the teaching view runs its steps. Saves screenshots.
//
// usage: node serve.test.js CORRIDOR_BINARY SOURCE_DIR OUTPUT_DIR
'use strict';

const { chromium } = require('playwright-core');
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const [, , binary, , outputDir] = process.argv;
if (!binary || !outputDir) {
  console.error('usage: node serve.test.js CORRIDOR_BINARY SOURCE_DIR OUTPUT_DIR');
  process.exit(2);
}
fs.mkdirSync(outputDir, { recursive: true });

const failures = [];
function check(condition, message) {
  console.log(`${condition ? 'ok' : 'FAIL'}: ${message}`);
  if (!condition) failures.push(message);
}

/// A port that was free on 127.0.0.1 a moment ago.
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/// Starts `corridor serve` and resolves with its base URL once it prints its address.
async function startServer() {
  const port = await freePort();
  const child = spawn(binary, ['serve', '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('corridor serve did not start in 30 s')), 30000);
    child.stdout.on('data', (chunk) => {
      const m = /corridor serve: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(String(chunk));
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => reject(new Error(`corridor serve exited with ${code}`)));
  });
  return { child, url };
}

/// The links of the drawn (highlighted) best route, from the map's classes.
async function routeLinks(page) {
  return page.$$eval('#map path.link.hl-route', (paths) => paths.map((p) => p.dataset.id).sort());
}
async function maxFlowMt(page) {
  const text = await page.textContent('#max-flow');
  return parseFloat(text.replace(/,/g, ''));
}
/// Waits until the app has answered the latest change (the status line says "Answered").
async function answered(page) {
  try {
    await page.waitForFunction(() => /^Answered/.test(document.getElementById('status').textContent), null,
                               { timeout: 30000 });
  } catch (e) {
    throw new Error(`the app did not answer; its status line says: ${await page.textContent('#status')}`);
  }
}

async function main() {
  const server = await startServer();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'corridor-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 860 }, acceptDownloads: true });
  const foreign = [];
  context.on('request', (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith('blob:')) foreign.push(r.url()); });
  const errors = [];
  try {
    const page = context.pages()[0] || await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url);
    await page.waitForSelector('#map svg.map [data-id="XIAN"]', { timeout: 30000 });
    await answered(page);
    check(await page.isVisible('#map svg.map'), 'the map is shown');

    // 1. Pick XIAN and BAKU on the map.
    await page.click('#map [data-id="XIAN"]');
    await page.click('#map [data-id="BAKU"]');
    await page.waitForSelector('#leg-table tbody tr', { timeout: 30000 });
    await answered(page);
    const before = await routeLinks(page);
    check(before.length > 3, `a route is drawn from XIAN to BAKU (${before.length} links highlighted)`);
    check(await page.isVisible('#leg-table'), 'the leg table is shown');
    check((await page.$$('#route-answer ul.alts li')).length >= 2, 'alternatives are listed');
    const caspian = (links) => links.filter((l) => /^(AKTAU|KURYK|TURKMENBASHI)-BAKU(_FEEDER)?$/.test(l));
    check(caspian(before).length === 1, `the route crosses the Caspian once (${caspian(before)})`);
    await page.screenshot({ path: path.join(outputDir, 'serve-route.png') });

    // 2. Close the crossing the route uses (AKTAU-BAKU): the route moves to another crossing.
    const crossing = caspian(before)[0] || 'AKTAU-BAKU';
    // A click on the link itself (its bounding box centre may lie under a node symbol).
    await page.dispatchEvent(`#map path.link[data-id="${crossing}"]`, "click");
    await page.click('#toggle-element');
    await answered(page);
    const after = await routeLinks(page);
    check(!after.includes(crossing) && caspian(after).length === 1,
          `closing ${crossing} moves the route to another crossing (${caspian(after)})`);
    check((await page.textContent('#scenario-json')).includes(`"close_link"`), 'the scenario JSON shows the change');
    await page.screenshot({ path: path.join(outputDir, 'serve-closed.png') });

    // 3. Undo, then raise the binding ferry's capacity: the max flow rises.
    await page.click('#changes button');
    await answered(page);
    const flowBefore = await maxFlowMt(page);
    const binding = await page.$$eval('#map path.link.hl-binding', (p) => p.map((x) => x.dataset.id));
    const ferry = binding.find((id) => /AKTAU|KURYK|TURKMENBASHI/.test(id)) || 'AKTAU-BAKU';
    await page.fill('#element-pick', ferry);
    await page.dispatchEvent('#element-pick', 'change');
    const current = parseFloat(await page.inputValue('#capacity-input'));
    await page.fill('#capacity-input', String(current + 5));
    await page.click('#apply-capacity');
    await answered(page);
    const flowAfter = await maxFlowMt(page);
    check(flowAfter > flowBefore, `raising ${ferry} from ${current} to ${current + 5} Mt/yr raises the max flow ` +
          `(${flowBefore} -> ${flowAfter} Mt/yr)`);
    check((await page.textContent('#bottleneck')).length > 20, 'the bottleneck sentence is shown');
    await page.screenshot({ path: path.join(outputDir, 'serve-capacity.png') });

    // 4. The scenario downloads as a file the server accepts.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const saved = path.join(outputDir, 'scenario.json');
    await download.saveAs(saved);
    const scenario = JSON.parse(fs.readFileSync(saved, 'utf8'));
    check(scenario.changes.length === 1 && scenario.queries.length === 2, 'the downloaded scenario holds the change and both queries');
    const rerun = await page.evaluate(async (body) => (await fetch('/api/run', { method: 'POST', body })).status,
                                      JSON.stringify(scenario));
    check(rerun === 200, 'the downloaded scenario runs on POST /api/run');

    // 5. Keyboard: Tab reaches the controls; the map pans with the arrow keys.
    await page.focus('#map');
    const viewBefore = await page.getAttribute('#map svg.map', 'viewBox');
    await page.keyboard.press('ArrowRight');
    check(viewBefore !== await page.getAttribute('#map svg.map', 'viewBox'), 'the arrow keys pan the focused map');
    await page.focus('#origin');
    await page.keyboard.press('Tab');
    check(await page.evaluate(() => document.activeElement.id) === 'destination', 'Tab moves from origin to destination');

    // 6. The teaching view: each step runs its shipped scenario.
    await page.click('#tab-teach');
    await page.click('#step-1');
    await answered(page);
    check((await page.textContent('#step-text')).includes('Baseline'), 'teaching step 1 runs the baseline scenario');
    await page.click('#step-4');
    await answered(page);
    check((await page.textContent('#step-text')).length > 80, 'teaching step 4 explains the roadmap');
    await page.click('#bigger');
    await page.screenshot({ path: path.join(outputDir, 'serve-teaching.png') });

    check(foreign.length === 0, `the page requests nothing from any other host (${foreign.slice(0, 3)})`);
    check(errors.length === 0, `no script errors (${errors.slice(0, 3)})`);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
    server.child.kill('SIGTERM');
  }
  console.log(`${failures.length} failure(s); screenshots in ${outputDir}`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
