/**
 * The HTML diff report in headless Chromium: it renders without network, shows as many
 * changes as the JSON has, and the level filters hide the others. Skips when
 * /usr/bin/chromium is absent (CI installs it). Screenshot: /tmp/docs2types-diff-report.png.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadSide, renderHtml, renderJson, timeline, type DiffReport } from '../generator/diff/index.ts';
import { ROOT } from './helpers/golden.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(tmpdir(), 'docs2types-diff-report.png');
const SKIP = !existsSync(CHROMIUM);
if (SKIP) console.log(`browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);

describe.skipIf(SKIP)('HTML diff report in Chromium', () => {
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  let report: DiffReport;
  const requests: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'd2t-browser-'));
    const side = loadSide(join(ROOT, 'docs'));
    report = timeline({ label: 'docs/', docs: side.docs, manifest: side.manifest }).report;
    // A hostile piece of "doc text": must show as text, never run.
    report.sections[0]!.steps[0]!.changes[0]!.before = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    writeFileSync(join(dir, 'report.html'), renderHtml(report));
    writeFileSync(join(dir, 'report.json'), renderJson(report));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
      viewport: { width: 1400, height: 1000 },
    });
    page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
  });

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders every change of the JSON, with no network and no script from doc text', async () => {
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    expect(await page.locator('tr.change').count()).toBe(report.counts.total);
    for (const level of ['breaking', 'warning', 'info'] as const) expect(await page.locator(`tr.change[data-level="${level}"]`).count()).toBe(report.counts[level]);
    expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('td.val', { hasText: '<img src=x' }).count()).toBe(1);
    expect(await page.locator('#visible-total').textContent()).toBe(String(report.counts.total));
    // The kinds warning is shown (002 → 004: managed → edge).
    expect(await page.locator('li.kinds').count()).toBe(2);
  });

  it('filters by level: unticking hides the others, "breaking only" shows only breaking', async () => {
    await page.locator('input[data-filter-level="info"]').uncheck();
    expect(await page.locator('tr.change:visible').count()).toBe(report.counts.breaking + report.counts.warning);
    expect(await page.locator('tr.change[data-level="info"]:visible').count()).toBe(0);
    await page.locator('button[data-only="breaking"]').click();
    expect(await page.locator('tr.change:visible').count()).toBe(report.counts.breaking);
    expect(await page.locator('#visible-total').textContent()).toBe(String(report.counts.breaking));
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-breaking.png') });
    await page.locator('button[data-only="all"]').click();
    expect(await page.locator('tr.change:visible').count()).toBe(report.counts.total);
  });
});
