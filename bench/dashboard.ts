/**
 * The live dashboard under a long session: 5,000 exchanges streamed to the page. Prints how long each
 * thousand took to appear (a slowdown shows as growing times), then how long a click on the newest
 * exchange, a filter over all of them, and a replay seek to the middle take in the browser.
 */
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright';
import { startEcosystem } from '../harness/ecosystem.ts';
import { bootstrapKey } from '../tmf/auth.ts';
import { TmfClient } from '../tmf/client.ts';
import { mountDashboard } from '../web/server.ts';

const TOTAL = 5_000;
const BATCH = 1_000;
const ecosystem = await startEcosystem({ port: 0, mount: mountDashboard });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(`${ecosystem.url}/`);
  await page.locator('#connection', { hasText: 'Live' }).waitFor();
  const client = new TmfClient(ecosystem.wireUrl('car-manufacturer', 'csp'), bootstrapKey(ecosystem.secret, 'car-manufacturer', 'csp'));
  for (let drawn = 0; drawn < TOTAL; drawn += BATCH) {
    const start = performance.now();
    for (let i = 0; i < BATCH; i += 20)
      await Promise.all(Array.from({ length: 20 }, (_, j) => client.list('TMF620', 'productOffering', { offset: (i + j) % 7, limit: 2 })));
    await page.waitForFunction((n) => document.querySelectorAll('#rows .row').length >= n, drawn + BATCH, { timeout: 120_000 });
    console.log(`dashboard: exchanges ${drawn + 1}–${drawn + BATCH} sent and drawn in ${(performance.now() - start).toFixed(0)} ms`);
  }
  const timed = async (label: string, action: () => Promise<unknown>) => {
    const start = performance.now();
    await action();
    console.log(`dashboard at ${TOTAL} exchanges: ${label} in ${(performance.now() - start).toFixed(0)} ms`);
  };
  await timed('a click on the newest exchange opens it', async () => {
    await page.locator('#rows .row').last().click();
    await page.locator('#detail:not([hidden])').waitFor();
  });
  await timed('"only failures" filters every row', () => page.check('#filter-failures'));
  await page.uncheck('#filter-failures');
  await page.click('#replay-session');
  await page.locator('#player:not([hidden])').waitFor();
  await timed('a replay seek to the middle redraws', async () => {
    await page.locator('#replay-timeline').fill(String(TOTAL / 2));
    await page.locator('#replay-position', { hasText: `${TOTAL / 2} / ` }).waitFor();
  });
} finally {
  await browser.close();
  await ecosystem.stop();
}
