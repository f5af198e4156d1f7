// Browser test of `corridor report`: writes the report of the shipped baseline scenario,
// opens it in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) and
// checks that the map, the highlighted route and the tables are there and visible, and that
// the page makes no request that leaves the machine. Saves screenshots.
//
// usage: node report.test.js CORRIDOR_BINARY SOURCE_DIR OUTPUT_DIR
// Environment: CHROMIUM (default /usr/bin/chromium).
'use strict';

const { chromium } = require('playwright-core');
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

const [, , binary, sourceDir, outputDir] = process.argv;
if (!binary || !sourceDir || !outputDir) {
  console.error('usage: node report.test.js CORRIDOR_BINARY SOURCE_DIR OUTPUT_DIR');
  process.exit(2);
}

const failures = [];
function check(condition, message) {
  if (condition) console.log(`ok: ${message}`);
  else {
    console.log(`FAIL: ${message}`);
    failures.push(message);
  }
}

/// Writes a page with the corridor binary; returns its text.
function generate(args, file) {
  const run = spawnSync(binary, [...args, '-o', file], { encoding: 'utf8', env: { ...process.env } });
  if (run.status !== 0) {
    console.error(`corridor ${args.join(' ')} exited with ${run.status}\n${run.stdout}\n${run.stderr}`);
    process.exit(1);
  }
  return fs.readFileSync(file, 'utf8');
}

/// The page's own text must not point anywhere: no URL scheme other than in-page anchors.
function checkSelfContained(html, name) {
  const external = html.match(/(?:https?|ftp|wss?):\/\/[^\s"'<>)]*/gi) || [];
  check(external.length === 0, `${name}: no external URL in the HTML (${external.slice(0, 3).join(', ')})`);
  const refs = [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]);
  const nonLocal = refs.filter((r) => !r.startsWith('#'));
  check(nonLocal.length === 0, `${name}: every src/href is an in-page reference (${nonLocal.slice(0, 3).join(', ')})`);
  const urls = [...html.matchAll(/url\(([^)]*)\)/gi)].map((m) => m[1]).filter((u) => !u.startsWith('#'));
  check(urls.length === 0, `${name}: every CSS url() is an in-page reference`);
  check(!/<script\b/i.test(html) && !/<link\b/i.test(html) && !/<img\b/i.test(html) && !/<iframe\b/i.test(html),
        `${name}: no script, link, img or iframe element`);
}

/// Counts pixels of the map screenshot that have the land colour, the sea colour or the
/// route colour (decoded in a blank page: a PNG is a data: URL there, not a request).
async function countColours(context, png) {
  const page = await context.newPage();
  try {
    return await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      const near = (i, r, g, b, tol) => Math.abs(data[i] - r) <= tol && Math.abs(data[i + 1] - g) <= tol &&
                                        Math.abs(data[i + 2] - b) <= tol;
      let land = 0, sea = 0, route = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (near(i, 0xf3, 0xef, 0xe4, 6)) ++land;
        else if (near(i, 0xcf, 0xe2, 0xef, 6)) ++sea;
        else if (data[i] > 200 && data[i + 1] < 140 && data[i + 2] > 90 && data[i + 2] < 210) ++route;  // magenta
      }
      return { land, sea, route, total: data.length / 4 };
    }, png.toString('base64'));
  } finally {
    await page.close();
  }
}

(async () => {
  const started = Date.now();
  fs.mkdirSync(outputDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'corridor-browser-'));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'corridor-chromium-profile-'));
  const reportFile = path.join(work, 'report.html');
  const mapFile = path.join(work, 'map.html');
  const reportHtml = generate(['report', path.join(sourceDir, 'scenarios', 'baseline.json')], reportFile);
  const mapHtml = generate(['map'], mapFile);
  const curveFile = path.join(work, 'curve.html');
  const curveHtml = generate(['report', path.join(sourceDir, 'tests', 'data', 'valid', 'curve-scenario.json')], curveFile);
  checkSelfContained(curveHtml, 'curve report');
  checkSelfContained(reportHtml, 'report');
  checkSelfContained(mapHtml, 'map');

  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    const requests = [];
    const offMachine = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      if (url.startsWith('file:')) return route.continue();
      offMachine.push(url);
      return route.abort();
    });
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('file:') && !url.startsWith('data:') && !offMachine.includes(url)) offMachine.push(url);
    });
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));

    // --- the report
    await page.goto(pathToFileURL(reportFile).href, { waitUntil: 'load' });
    check((await page.title()).includes('Baseline'), 'report: title names the scenario');

    const overview = page.locator('svg#map-overview');
    check(await overview.isVisible(), 'report: overview map is visible');
    const box = await overview.boundingBox();
    check(box && box.width > 800 && box.height > 300, `report: overview map is large (${box && Math.round(box.width)}x${box && Math.round(box.height)})`);
    const countries = await page.locator('#basemap path.country').count();
    check(countries >= 50, `report: basemap has country paths (${countries})`);
    const useBox = await page.evaluate(() => {
      const r = document.querySelector('svg#map-overview g.countries use').getBoundingClientRect();
      return { width: r.width, height: r.height };
    });
    check(useBox.width > 500 && useBox.height > 200, 'report: the country outlines are drawn in the overview map');

    const routeBands = page.locator('svg#map-overview path.route');
    const bandCount = await routeBands.count();
    check(bandCount >= 5, `report: overview highlights a route (${bandCount} legs)`);
    check(bandCount > 0 && await routeBands.first().isVisible(), 'report: highlighted route is visible');
    const routeLabels = await page.locator('svg#map-overview text.route-label').allTextContents();
    check(routeLabels.some((t) => t.startsWith('XIAN')), 'report: route origin XIAN is labelled');
    check(routeLabels.some((t) => t.startsWith('BAKU') && /\d+\.\d days/.test(t)), `report: destination BAKU is labelled with its days (${routeLabels.find((t) => t.startsWith('BAKU'))})`);
    const binding = await page.locator('svg#map-overview path.binding').count();
    check(binding >= 1, `report: binding links are marked (${binding})`);
    for (const label of ['ALMATY', 'AKTAU', 'BAKU', 'TBILISI', 'KARS', 'ISTANBUL', 'DUISBURG']) {
      const texts = await page.locator('svg#map-overview text.label, svg#map-detail text.label').allTextContents();
      check(texts.some((t) => t.startsWith(label)), `report: node ${label} is labelled on a map`);
    }
    const mapShot = await overview.screenshot({ path: path.join(outputDir, 'report-map.png') });
    const colours = await countColours(context, mapShot);
    check(colours.land > colours.total * 0.15, `report: map shows land (${(100 * colours.land / colours.total).toFixed(0)} % of pixels)`);
    check(colours.sea > colours.total * 0.05, `report: map shows sea (${(100 * colours.sea / colours.total).toFixed(0)} % of pixels)`);
    check(colours.route > 300, `report: map shows the route colour (${colours.route} pixels)`);

    const summary = page.locator('table.summary');
    check(await summary.isVisible(), 'report: results table is visible');
    check((await summary.locator('tbody tr').count()) === 17, 'report: results table has a row per query (17)');
    const summaryText = await summary.innerText();
    check(/XIAN\s*→\s*BAKU/.test(summaryText) && /\d+\.\d days/.test(summaryText), 'report: results table has the Xi\'an to Baku route and its days');
    check(/\d+\.\d\d Mt\/yr/.test(summaryText), 'report: results table has the capacity in Mt/yr');
    const capacity = page.locator('table.capacity');
    check(await capacity.isVisible(), 'report: capacity and bottlenecks table is visible');
    check((await capacity.innerText()).includes('AKTAU-BAKU'), 'report: capacity table names the binding ferry link AKTAU-BAKU');
    const legs = page.locator('#q1 table.legs');
    await legs.scrollIntoViewIfNeeded();
    check(await legs.isVisible(), 'report: the first route has a visible leg table');
    check((await legs.locator('tbody tr').count()) >= 5, 'report: leg table has the legs');
    const legHeader = await legs.locator('thead').innerText();
    check(legHeader.includes('USD/t') && legHeader.includes('kg CO2e/t'), 'report: leg table has USD/t and kg CO2e/t columns');
    const legTotal = await legs.locator('tbody tr').last().innerText();
    check(/\d+\.\d\d\s+\d+\.\d\s*$/.test(legTotal), `report: leg table total has USD/t and kg CO2e/t (${legTotal})`);
    check(await page.locator('#q14 table.cut').isVisible(), 'report: the first flow has a visible minimum-cut table');
    const maps = await page.locator('svg.map').count();
    check(maps === 19, `report: overview, detail and one map per query (${maps})`);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(outputDir, 'report.png') });

    // --- the plain network map
    await page.goto(pathToFileURL(mapFile).href, { waitUntil: 'load' });
    check(await page.locator('svg#map-overview').isVisible(), 'map: overview map is visible');
    check(await page.locator('table.links').isVisible(), 'map: links table is visible');
    check((await page.locator('svg#map-overview path.link').count()) >= 70, 'map: draws the links');
    await page.screenshot({ path: path.join(outputDir, 'map.png') });

    // --- the volume-time curve of a scenario's curve query
    await page.goto(pathToFileURL(curveFile).href, { waitUntil: 'load' });
    const chart = page.locator('figure.curve svg.curve-chart');
    await chart.scrollIntoViewIfNeeded();
    check(await chart.isVisible(), 'curve: the chart is visible');
    const chartBox = await chart.boundingBox();
    check(chartBox && chartBox.width > 300 && chartBox.height > 150, `curve: the chart is large enough (${chartBox && Math.round(chartBox.width)}x${chartBox && Math.round(chartBox.height)})`);
    const points = await page.locator('figure.curve circle.curve-point').evaluateAll(
      (circles) => circles.map((c) => ({ x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy')) })));
    check(points.length === 5, `curve: one point per volume (${points.length})`);
    check(points.every((p, i) => i === 0 || (p.x > points[i - 1].x && p.y <= points[i - 1].y)),
      'curve: points go right with volume and up (or level) with time');
    check(await page.locator('figure.curve polyline.curve-line').count() === 1, 'curve: the points are joined by a line');
    check((await page.locator('figure.curve svg text').allTextContents()).some((t) => t === 'Mt/yr'), 'curve: the x axis says Mt/yr');
    await chart.screenshot({ path: path.join(outputDir, 'curve.png') });

    check(pageErrors.length === 0, `no page errors (${pageErrors.join('; ')})`);
    check(requests.length > 0 && requests.every((u) => u.startsWith('file:')), `only file: requests (${requests.length})`);
    check(offMachine.length === 0, `no request leaves the machine (${offMachine.join(', ')})`);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`screenshots in ${outputDir}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failures.length > 0) {
    console.log(`${failures.length} check(s) failed`);
    process.exit(1);
  }
  console.log('all checks passed');
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
