/**
 * The HTML diff report in headless Chromium: it renders without network under its own
 * Content-Security-Policy (no violation, its one script runs), opens with a summary whose counts
 * are the JSON's and a table of contents, shows as many changes as the JSON has, the level
 * filters hide the others and every step they leave empty, and long text changes show as a
 * word-level diff. Skips when /usr/bin/chromium is absent (CI installs it).
 * Screenshots: /tmp/docs2types-diff-report*.png (look at them).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadSide, renderHtml, renderJson, timeline, type DiffReport } from '../generator/diff/index.ts';
import { WORD_DIFF_MIN } from '../generator/diff/render.ts';
import { applyPolicy, parsePolicy } from '../generator/diff/policy.ts';
import { loadManifest } from '../generator/reconcile/index.ts';
import { CORPUS, ROOT } from './helpers/golden.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(tmpdir(), 'docs2types-diff-report.png');
const HISTORY = join(CORPUS, 'history');
const SKIP = !existsSync(CHROMIUM);
if (SKIP) console.log(`browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);

async function open(context: BrowserContext, file: string): Promise<{ page: Page; requests: string[]; violations: string[] }> {
  const page = await context.newPage();
  const requests: string[] = [];
  const violations: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => ((window as unknown as { __csp: string[] }).__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(pathToFileURL(file).href);
  return { page, requests, violations };
}

const changes = (r: DiffReport) => r.sections.flatMap((s) => s.steps.flatMap((d) => d.changes));

describe.skipIf(SKIP)('HTML diff report in Chromium', () => {
  let dir: string;
  let context: BrowserContext;
  let seeds: DiffReport;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'd2t-browser-'));
    const side = loadSide(join(ROOT, 'docs'));
    seeds = timeline({ label: 'docs/', docs: side.docs, manifest: side.manifest }).report;
    // A hostile piece of "doc text": must show as text, never run.
    seeds.sections[0]!.steps[0]!.changes[0]!.before = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    writeFileSync(join(dir, 'seeds.html'), renderHtml(seeds));
    writeFileSync(join(dir, 'seeds.json'), renderJson(seeds));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
      viewport: { width: 1400, height: 1000 },
    });
  });

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders every change of the JSON under its CSP, with no network and no script from doc text', async () => {
    const { page, requests, violations } = await open(context, join(dir, 'seeds.html'));
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-seeds.png'), fullPage: false });
    expect(await page.locator('tr.change').count()).toBe(seeds.counts.total);
    for (const level of ['breaking', 'warning', 'info'] as const) expect(await page.locator(`tr.change[data-level="${level}"]`).count()).toBe(seeds.counts[level]);
    expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
    expect(violations).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('td.val', { hasText: '<img src=x' }).count()).toBe(1);
    // The report's own script ran (it fills the counters) and its stylesheet applies (CSP hashes match).
    expect(await page.locator('#visible-total').textContent()).toBe(String(seeds.counts.total));
    expect(await page.locator('header').evaluate((h) => getComputedStyle(h).position)).toBe('sticky');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; script-src 'sha256-[A-Za-z0-9+/]+=*'; img-src 'none'/);
    expect(csp).not.toContain('unsafe-inline');
    // The kinds warning is shown (002 → 004: managed → edge).
    expect(await page.locator('li.kinds').count()).toBe(2);
    await page.close();
  });

  it.skipIf(!existsSync(HISTORY))('history timeline: the summary counts are the JSON\'s, a table of contents, "breaking only" shows no step without a breaking change, word-level diffs', async () => {
    const raw = timeline({ label: 'history/', docs: loadSide(HISTORY).docs, manifest: loadManifest(join(HISTORY, 'manifest.json5')) }).report;
    // One accepted change, to show how ignored ones look.
    const report = applyPolicy(raw, parsePolicy({ ignore: [{ rule: 'request-parameter-default-changed', path: 'proxy_mode', reason: 'ipvs is the documented default since 2021' }] }, 'docs2types.config.json5'), '2026-01-01');
    writeFileSync(join(dir, 'history.html'), renderHtml(report));
    const { page, violations } = await open(context, join(dir, 'history.html'));
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    expect(violations).toEqual([]);
    // Summary: counts per level equal the JSON's, the breaking list has every breaking change.
    for (const level of ['breaking', 'warning', 'info', 'ignored'] as const) expect(await page.locator(`tr[data-count-level="${level}"] td.n`).textContent()).toBe(String(report.counts[level]));
    expect(await page.locator('ol.breaking-list li').count()).toBe(report.counts.breaking);
    expect(await page.locator('#summary').textContent()).toContain('1 operation, 8 steps compared: 1 changed (0 added, 0 removed), 0 unchanged.');
    // Contents: one entry per step, each linking to its section.
    const steps = report.sections.flatMap((s) => s.steps);
    expect(await page.locator('nav.toc li[data-toc]').count()).toBe(steps.length);
    const target = await page.locator('nav.toc li[data-toc] a').first().getAttribute('href');
    expect(await page.locator(`section.step${target}`).count()).toBe(1);
    // Rows of the changes.
    expect(await page.locator('tr.change').count()).toBe(report.counts.total);
    expect(await page.locator('tr.change[data-ignored="true"]').count()).toBe(report.counts.ignored);
    // Word-level diff for long texts: one cell with <del>/<ins>, never two scroll boxes.
    const long = changes(report).filter((c) => typeof c.before === 'string' && typeof c.after === 'string' && Math.max(c.before.length, c.after.length) >= WORD_DIFF_MIN);
    expect(long.length).toBeGreaterThan(10);
    expect(await page.locator('td.wdiff').count()).toBe(long.length);
    expect(await page.locator('td.wdiff ins, td.wdiff del').count()).toBeGreaterThan(long.length);
    // "breaking only": exactly the breaking changes, and no step without one (nor its contents entry).
    await page.locator('button[data-only="breaking"]').click();
    expect(await page.locator('tr.change:visible').count()).toBe(report.counts.breaking);
    const withBreaking = steps.filter((d) => d.counts.breaking > 0).length;
    expect(withBreaking).toBeLessThan(steps.length);
    expect(await page.locator('section.step:visible').count()).toBe(withBreaking);
    expect(await page.locator('nav.toc li[data-toc]:visible').count()).toBe(withBreaking);
    expect(await page.locator('#visible-steps').textContent()).toBe(String(withBreaking));
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-breaking.png'), fullPage: false });
    // Unticking info hides info rows and keeps the others.
    await page.locator('button[data-only="all"]').click();
    await page.locator('input[data-filter-level="info"]').uncheck();
    expect(await page.locator('tr.change:visible').count()).toBe(report.counts.breaking + report.counts.warning + report.counts.ignored);
    await page.locator('button[data-only="all"]').click();
    expect(await page.locator('tr.change:visible').count()).toBe(report.counts.total);
    expect(await page.locator('section.step:visible').count()).toBe(steps.length);
    // A step with a word diff, for the screenshot.
    await page.locator('td.wdiff').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-words.png'), fullPage: false });
    await page.close();
  });
});
