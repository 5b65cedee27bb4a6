/**
 * Types that link to another page of the same docs (issue 12.3, across pages):
 * `Array of [tag](/cn.zh-CN/API参考/通用数据结构.md)` (CS), `[User](../数据类型/User.md)`. The row
 * carries the link (`ParamRow.typeLink`); the page it names is found among the documents, and
 * on it the data-type table the link names (`TableInfo.fields`: by the link's anchor against the
 * table's anchors, else by its text against the table's names, else the page's only such table). Copies of that table's rows
 * go right after the row, one level deeper, with the row as their parent: tree rows, which
 * reconcile turns into nested models as it does for `└` rows. Their sources stay on the page
 * that states them.
 *
 * Pure: the documents are not changed; the ones that gain rows are copied. A structure that
 * contains itself (through links) is not expanded again, and a page gains at most a bounded
 * number of rows (nesting costs linear memory).
 */
import { posix } from 'node:path';
import type { DocumentIR, ParamRow, TableInfo } from '../model/ir.ts';
import { looseName } from '../parse/linked-tables.ts';

/** How many rows linking may add to one page, beyond its own. */
const COPY_CAP = (own: number): number => 4 * own + 1000;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Longest common prefix length, for choosing among pages a root-relative link could mean. */
function common(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

interface Target {
  doc: DocumentIR;
  table: TableInfo;
}

export function linkAcrossPages(docs: DocumentIR[]): DocumentIR[] {
  const hasLinks = (d: DocumentIR): boolean => d.request.some((r) => r.typeLink) || d.response.some((r) => r.typeLink);
  const withFields = docs.filter((d) => d.tables.some((t) => t.fields?.length));
  if (withFields.length === 0 || !docs.some(hasLinks)) return docs;
  const byFile = new Map(withFields.map((d) => [d.file, d]));
  const files = [...byFile.keys()].sort();

  /** The page a link from `from` names, or null. */
  const pageOf = (from: string, url: string): DocumentIR | null => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return null; // another site
    const path = decode(url.split('#')[0]!).trim();
    if (!path) return null;
    if (path.startsWith('./') || path.startsWith('../')) return byFile.get(posix.normalize(posix.join(posix.dirname(from), path))) ?? null;
    const here = byFile.get(posix.normalize(posix.join(posix.dirname(from), path)));
    if (here) return here;
    // Root-relative (`/cn.zh-CN/API参考/通用数据结构.md`, `intl.zh-CN/.../User.md`): the page whose path
    // ends so; of several, the one sharing the most of the linking page's path.
    // Failing that, the page of that folder and file name nearest the linking page (links say
    // `cn.zh-CN/API参考/数据类型/X.md` where the folder is `API 参考`).
    const closest = (tail: string): DocumentIR | null => {
      let best: string | null = null;
      for (const f of files) if (f.endsWith(tail) && (best === null || common(f, from) > common(best, from))) best = f;
      return best ? byFile.get(best)! : null;
    };
    const parts = path.replace(/^\/+/, '').split('/');
    return closest(`/${parts.join('/')}`) ?? (parts.length >= 2 ? closest(`/${parts.slice(-2).join('/')}`) : null);
  };

  const targetOf = (row: ParamRow): Target | null => {
    const link = row.typeLink;
    if (!link) return null;
    const doc = pageOf(row.source.file, link.url);
    if (!doc) return null;
    const tables = doc.tables.filter((t) => t.fields?.length);
    const anchor = link.url.includes('#') ? decode(link.url.slice(link.url.indexOf('#') + 1)) : '';
    const text = looseName(link.text);
    const table =
      (anchor && tables.find((t) => t.anchors?.includes(anchor))) ||
      (text && tables.find((t) => t.names?.some((n) => looseName(n) === text))) ||
      (tables.length === 1 ? tables[0] : undefined);
    return table ? { doc, table } : null;
  };

  return docs.map((doc) => {
    if (!hasLinks(doc)) return doc;
    let budget = COPY_CAP(doc.request.length + doc.response.length);
    const expand = (rows: ParamRow[]): ParamRow[] => {
      const out: ParamRow[] = [];
      const visit = (list: ParamRow[], offset: number, parent: ParamRow | null, stack: TableInfo[]): void => {
        list.forEach((row, i) => {
          const copy: ParamRow = parent === null ? row : { ...row, depth: row.depth + offset, parent: row.depth === 0 ? parent.name : row.parent, position: null };
          if (parent !== null && --budget < 0) return;
          out.push(copy);
          // A row that already has children on its own page keeps them.
          const next = list[i + 1];
          if (next && next.depth > row.depth) return;
          const t = targetOf(row);
          if (!t || stack.includes(t.table)) return;
          visit(t.table.fields!, copy.depth + 1, copy, [...stack, t.table]);
        });
      };
      visit(rows, 0, null, []);
      return out;
    };
    const request = expand(doc.request);
    const response = expand(doc.response);
    return request.length === doc.request.length && response.length === doc.response.length ? doc : { ...doc, request, response };
  });
}
