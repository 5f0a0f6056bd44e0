// Measures, in Chromium, the time from typing a query on the asset search screen to its results on screen,
// against a running server (BASE_URL), e.g. one loaded with 100,000 assets:
//   DATA_DIR=/tmp/big npm run seed -- --assets 100000 && DATA_DIR=/tmp/big npm start
//   BASE_URL=http://127.0.0.1:3000 node --import tsx ui/test/perf/time-to-results.ts
import { launchBrowser, newContext, settled } from '../e2e/harness.js';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const QUERIES = [
  'capannone banchina',
  'hangar quai',
  'tornio cnc',
  'cella frigorifera',
  'carroponte 20 t',
  'saldatrice',
  'area portuale',
  'gru',
];

const browser = await launchBrowser();
try {
  const context = await newContext(browser, base, 'it', 'marketing');
  const page = await context.newPage();
  await page.goto(`${base}/assets`);
  await settled(page);
  const times: number[] = [];
  for (const q of QUERIES) {
    const started = performance.now();
    await page.getByTestId('asset-q').fill(q);
    await page.waitForURL((u) => u.searchParams.get('q') === q);
    await settled(page);
    times.push(performance.now() - started);
  }
  const total = await page.locator('h2, [data-testid="result-count"]').first().textContent();
  times.sort((a, b) => a - b);
  const p = (x: number) => Math.round(times[Math.min(times.length - 1, Math.floor(x * times.length))]!);
  console.log(
    JSON.stringify({ base, queries: QUERIES.length, p50Ms: p(0.5), maxMs: p(1), lastHeading: total?.trim() }),
  );
} finally {
  await browser.close();
}
