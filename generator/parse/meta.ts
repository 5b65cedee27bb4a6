/**
 * Page metadata: title, date, method, path. Which operation the page documents (and its product,
 * version and style) is decided in ./identity/ from ranked evidence.
 */
import type { DocumentIR } from '../model/ir.ts';
import type { ReadDocument } from '../read/types.ts';
import { requestLineOf } from './request-line.ts';

/** What the page says about itself: the DocumentIR fields of that name, and where the title is. */
export type PageMeta = Pick<DocumentIR, 'title' | 'method' | 'path' | 'lastUpdated'> & {
  /** Line of the title: the H1, or the "Product name:Page title" line of scraped text; null without one. */
  titleLine: number | null;
};

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

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
  const meta: PageMeta = { title: null, titleLine: null, method: null, path: null, lastUpdated: lastUpdated(doc.lines) };
  const h1 = doc.headings.find((h) => h.level === 1);
  if (h1) {
    meta.title = h1.text;
    meta.titleLine = h1.line;
  } else if (doc.format === 'text') {
    // Scraped help-center pages: "Product name:Page title" near the top, before the first section.
    const firstHeading = doc.headings[0]?.line ?? 13;
    const top = doc.lines.slice(0, Math.min(12, firstHeading - 1));
    for (let i = 0; i < top.length; i++) {
      const m = /^([^:：]{3,80})[:：]([^:：]{3,200})$/.exec(top[i]!.trim());
      if (m && /\s|[\u3400-\u9fff]/.test(m[1]!) && !/^(Last Updated|更新时间)/.test(m[1]!)) {
        meta.title = m[2]!.trim();
        meta.titleLine = i + 1;
        break;
      }
    }
  }
  // The request line and its path template, normalised (./request-line.ts).
  const rl = requestLineOf(doc);
  if (rl) {
    meta.method = rl.method;
    meta.path = rl.path;
  }
  return meta;
}
