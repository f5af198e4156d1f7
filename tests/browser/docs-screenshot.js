// Regenerates the screenshot in docs/outputs.md: the top of the report of the shipped
// baseline scenario (header, key figures, overview map, Caspian and Caucasus map).
//   usage: node docs-screenshot.js CORRIDOR_BINARY SOURCE_DIR OUT.png
// `make docs-images` runs it, then shrinks the PNG with pngquant when that is installed.
'use strict';

const { chromium } = require('playwright-core');
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

const [, , binary, sourceDir, out] = process.argv;
(async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'corridor-docs-'));
  const report = path.join(work, 'report.html');
  const run = spawnSync(binary, ['report', path.join(sourceDir, 'scenarios', 'baseline.json'), '-o', report],
                        { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`corridor report failed: ${run.stderr}`);
  const context = await chromium.launchPersistentContext(work + '-profile', {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 1760 },
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
    await page.screenshot({ path: out });
  } finally {
    await context.close();
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(work + '-profile', { recursive: true, force: true });
  }
  console.log(`${out}: ${fs.statSync(out).size} bytes`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
