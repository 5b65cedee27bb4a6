/** Page metadata: operation, product, version, style, method, path, title, date. */
import type { DocumentIR, IdentityEvidence, IdentitySource } from '../model/ir.ts';
import type { ReadDocument } from '../read/types.ts';
import { requestLineOf } from './request-line.ts';

/** What the page says about itself: the DocumentIR fields of that name, and a link/text mismatch. */
export type PageMeta = Pick<DocumentIR, 'title' | 'operation' | 'identity' | 'product' | 'version' | 'style' | 'method' | 'path' | 'lastUpdated'> & {
  /** A page whose OpenAPI Explorer link names another operation than its own text. */
  mismatch: { line: number; link: string; text: string } | null;
};

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const OP = '([A-Z][A-Za-z0-9]{2,})';
const OPERATION_IN_TEXT = [
  new RegExp(`call(?:ing|s)? the ${OP} (?:operation|API)`),
  new RegExp(`调用\\s*${OP}`),
  new RegExp(`[?&]Action=${OP}`),
  new RegExp(`\\bAction\\s*[:=]\\s*${OP}`),
];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function lastUpdated(lines: string[]): string | null {
  for (const l of lines.slice(0, 40)) {
    const en = /Last Updated:\s*([A-Za-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})/.exec(l);
    if (en && MONTHS[en[1]!.toLowerCase()]) return `${en[3]}-${pad(MONTHS[en[1]!.toLowerCase()]!)}-${pad(Number(en[2]))}`;
    const zh = /(?:更新时间|最后更新)[:：]\s*(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})/.exec(l);
    if (zh) return `${zh[1]}-${pad(Number(zh[2]))}-${pad(Number(zh[3]))}`;
  }
  return null;
}

export function pageMeta(doc: ReadDocument): PageMeta {
  const meta: PageMeta = { title: null, operation: null, identity: { kind: 'other', operation: null, rule: 'none', evidence: [] }, product: null, version: null, style: null, method: null, path: null, lastUpdated: lastUpdated(doc.lines), mismatch: null };
  const evidence: IdentityEvidence[] = [];
  const saw = (source: IdentitySource, value: string, line: number): void => {
    evidence.push({ source, value, line, chosen: false });
  };
  const h1 = doc.headings.find((h) => h.level === 1);
  if (h1) meta.title = h1.text;
  else if (doc.format === 'text') {
    // Scraped help-center pages: "Product name:Page title" near the top, before the first section.
    const firstHeading = doc.headings[0]?.line ?? 13;
    for (const l of doc.lines.slice(0, Math.min(12, firstHeading - 1))) {
      const m = /^([^:：]{3,80})[:：]([^:：]{3,200})$/.exec(l.trim());
      if (m && /\s|[\u3400-\u9fff]/.test(m[1]!) && !/^(Last Updated|更新时间)/.test(m[1]!)) {
        meta.title = m[2]!.trim();
        break;
      }
    }
  }
  // The OpenAPI Explorer link names the API, product, version and style.
  for (const link of doc.links((line) => /[#?&]api=/.test(line))) {
    const m = /[#?&]api=([A-Za-z0-9]+)/.exec(link.url);
    if (!m || !/api\.aliyun\.com|openapi/i.test(link.url)) continue;
    meta.operation = m[1]!;
    saw('explorer-link', m[1]!, link.line);
    meta.product = /[#?&]product=([A-Za-z0-9-]+)/.exec(link.url)?.[1] ?? null;
    meta.version = /[#?&]version=([0-9-]+)/.exec(link.url)?.[1] ?? null;
    const style = /[#?&]type=(ROA|RPC)/i.exec(link.url)?.[1]?.toUpperCase();
    meta.style = style === 'ROA' || style === 'RPC' ? style : null;
    break;
  }
  // The page's own words ("调用ScaleOutCluster…", "call the X operation") beat a link copied from another page.
  if (meta.operation) {
    for (let i = 0; i < Math.min(doc.lines.length, 15); i++) {
      const m = OPERATION_IN_TEXT[0]!.exec(doc.lines[i]!) ?? OPERATION_IN_TEXT[1]!.exec(doc.lines[i]!);
      if (m && m[1] !== meta.operation) {
        saw('prose', m[1]!, i + 1);
        meta.mismatch = { line: i + 1, link: meta.operation, text: m[1]! };
        meta.operation = m[1]!;
        break;
      }
      if (m) break;
    }
  }
  if (!meta.operation && meta.title && /^[A-Z][A-Za-z0-9]{2,}$/.test(meta.title)) {
    meta.operation = meta.title;
    saw('h1', meta.title, h1?.line ?? 1);
  }
  if (!meta.operation) {
    const head = doc.lines.slice(0, 60).join('\n');
    for (const re of OPERATION_IN_TEXT) {
      const m = re.exec(head);
      if (m) {
        meta.operation = m[1]!;
        saw(re === OPERATION_IN_TEXT[2] || re === OPERATION_IN_TEXT[3] ? 'action' : 'prose', m[1]!, head.slice(0, m.index).split('\n').length);
        break;
      }
    }
  }
  if (!meta.operation) {
    const base = doc.file.split('/').pop()!.replace(/\.(md|txt)$/i, '');
    if (/^[A-Z][a-z]+(?:[A-Z][A-Za-z0-9]*)+$/.test(base)) {
      meta.operation = base;
      saw('file-name', base, 1);
    }
  }
  // The decision: the last evidence that set the operation is the one that stands.
  const chosen = [...evidence].reverse().find((e) => e.value === meta.operation);
  if (chosen) chosen.chosen = true;
  meta.identity = { kind: meta.operation ? 'operation' : 'other', operation: meta.operation, rule: chosen ? chosen.source : 'none', evidence };
  const rl = requestLineOf(doc);
  if (rl) {
    meta.method = rl.method;
    meta.path = rl.path;
  }
  return meta;
}
