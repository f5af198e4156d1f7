// Browser test of the HTML summary of a sweep (`corridor report` on a sweep file): opens it in
// headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) and checks that the
// outcome's probability is shown and that the sensitivity (tornado) chart has one visible bar
// per input, ordered by the size of its swing, inside the chart. Saves a screenshot.
//
// usage: node sweep.test.js CORRIDOR_BINARY SOURCE_DIR OUTPUT_DIR
'use strict';

const { chromium } = require('playwright-core');
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

const [, , binary, sourceDir, outputDir] = process.argv;
if (!binary || !sourceDir || !outputDir) {
  console.error('usage: node sweep.test.js CORRIDOR_BINARY SOURCE_DIR OUTPUT_DIR');
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

async function main() {
  fs.mkdirSync(outputDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'corridor-sweep-browser-'));
  const profile = path.join(work, 'profile');
  const file = path.join(work, 'sweep.html');
  const sweep = path.join(sourceDir, 'scenarios', 'sweeps', 'roadmap-uncertainty.json');
  const run = spawnSync(binary, ['report', sweep, '-o', file], { encoding: 'utf8' });
  if (run.status !== 0) {
    console.error(`corridor report exited with ${run.status}\n${run.stdout}\n${run.stderr}`);
    process.exit(1);
  }
  const html = fs.readFileSync(file, 'utf8');
  check(!/<script\b/i.test(html) && !/(?:https?|ftp):\/\//i.test(html), 'page: no script and no external URL');
  const inputCount = JSON.parse(fs.readFileSync(sweep, 'utf8')).inputs.length;

  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    const offMachine = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      offMachine.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    check((await page.title()).includes('Roadmap 2027'), 'title names the sweep');

    const outcome = page.locator('#outcomes .outcome[data-outcome="target_met"]');
    check(await outcome.isVisible(), 'the outcome "target_met" is visible');
    const probability = Number(await outcome.getAttribute('data-probability'));
    const text = await outcome.innerText();
    check(probability >= 0 && probability <= 1, `its probability is a share (${probability})`);
    check(text.includes(`${(100 * probability).toFixed(1)} %`) && text.includes('standard error'),
          `it shows the probability as a percentage with its standard error ("${text}")`);

    // An outcome met in no sample (or in all) has nothing to rank: a sentence says so instead of a chart.
    const settled = page.locator('#sensitivity p.settled');
    if (probability === 0 || probability === 1)
      check((await settled.count()) >= 1 && (await settled.first().innerText()).includes('samples, whatever the inputs'),
            'an outcome met in no sample says so instead of drawing an empty chart');
    // The chart of the outcome the inputs do move: carrying 2024's volume again.
    const chart = page.locator('#sensitivity svg.tornado[data-target="carry_2024_volume"]');
    check(await chart.isVisible(), 'the sensitivity chart is visible');
    const chartBox = await chart.boundingBox();
    const bars = chart.locator('rect.bar');
    check((await bars.count()) === inputCount, `one bar per input (${await bars.count()} of ${inputCount})`);
    const swings = [];
    let inside = true;
    let visible = 0;
    for (let i = 0; i < (await bars.count()); ++i) {
      const bar = bars.nth(i);
      swings.push(Math.abs(Number(await bar.getAttribute('data-swing'))));
      const box = await bar.boundingBox();
      if (box && box.width >= 1 && box.height > 5) visible += 1;
      if (!box || box.x < chartBox.x - 1 || box.x + box.width > chartBox.x + chartBox.width + 1) inside = false;
    }
    check(visible === inputCount, `every bar is drawn (${visible})`);
    check(inside, 'every bar lies inside the chart');
    check(swings.every((s, i) => i === 0 || swings[i - 1] >= s), `bars ordered by swing, largest first (${swings.map((s) => s.toFixed(3))})`);
    check(swings[0] > 0, 'the top input moves the outcome');
    // The longest bar is drawn longest: widths follow the swings.
    const firstWidth = (await bars.nth(0).boundingBox()).width;
    const lastWidth = (await bars.nth((await bars.count()) - 1).boundingBox()).width;
    check(firstWidth >= lastWidth, `the first bar is at least as wide as the last (${firstWidth} >= ${lastWidth})`);
    check(offMachine.length === 0, `no request leaves the machine (${offMachine.slice(0, 3)})`);
    await page.screenshot({ path: path.join(outputDir, 'sweep-report.png'), fullPage: true });
  } finally {
    await context.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    console.log(`${failures.length} check(s) failed`);
    process.exit(1);
  }
  console.log('all checks passed');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
