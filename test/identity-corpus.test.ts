/**
 * Page identity on the real corpora (../shared/corpus and ../shared/corpus-wider, Alibaba pages):
 * pages with a request table become their own operation, no operation is named after boilerplate
 * or a common-parameters page, and no common parameter sits inside an operation. Skipped where
 * ../shared is absent.
 *
 * "Own operation" is defined from the identity evidence in test/helpers/identity.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentIR, IR } from '../generator/model/ir.ts';
import { buildIR, findDocuments, readDocuments } from '../generator/generate.ts';
import { coverage } from '../generator/emit/coverage-report.ts';
import { ROOT } from './helpers/golden.ts';
import { isOwnOperation, NAMING } from './helpers/identity.ts';

const SHARED = join(ROOT, '..', 'shared');
const CORPORA = [join(SHARED, 'corpus'), join(SHARED, 'corpus-wider')];
const present = CORPORA.every((c) => existsSync(join(c, 'alibabacloud-docs')));

/**
 * A request-parameter table, counted from the text without the reader: a pipe-table line (any
 * indentation) with a required-column header cell, followed by another pipe line (a delimiter row
 * or, in tables without one, the first row); or a definition list's required item (`-   必须：是`,
 * `-   Required: Yes`) under a bold term line (RAM's older pages).
 */
const REQUIRED_WORDS = '是否必选|是否必需|是否必须|是否必填|必须|必需|必填|必选|必要|Required';
const REQUIRED_CELL = new RegExp(`^\\**\\s*(${REQUIRED_WORDS})\\s*\\??\\s*\\**$`, 'i');
const REQUIRED_ITEM = new RegExp(`^\\s{0,3}-\\s+(${REQUIRED_WORDS})\\s*[:：]\\s*(是|否|yes|no)(?![A-Za-z])`, 'i');
function hasRequestTable(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  const term = (i: number): boolean => {
    for (let k = i - 1; k >= 0 && k >= i - 12; k--) if (/^\*\*[^*]+\*\*\s*$/.test(lines[k]!)) return true;
    return false;
  };
  return lines.some((l, i) => (l.trim().startsWith('|') && (lines[i + 1] ?? '').trim().startsWith('|') && l.split('|').some((c) => REQUIRED_CELL.test(c.trim()))) || (REQUIRED_ITEM.test(l) && term(i)));
}

interface Corpus {
  name: string;
  docs: DocumentIR[];
  ir: IR;
  withTable: Set<string>;
}

describe.skipIf(!present)(present ? 'identity on the corpora (Alibaba pages)' : 'identity on the corpora: skipped, ../shared not found', () => {
  const corpora: Corpus[] = [];

  beforeAll(() => {
    for (const base of CORPORA) {
      const found = findDocuments(join(base, 'alibabacloud-docs'), base, [/^alibabacloud-docs\/history\//]);
      const withTable = new Set(found.filter((f) => hasRequestTable(readFileSync(f.abs, 'utf8'))).map((f) => f.file));
      const docs = readDocuments(found, { cache: false });
      corpora.push({ name: base.slice(base.lastIndexOf('/') + 1), docs, ir: buildIR(docs), withTable });
    }
  }, 240_000);

  it('reads every page without a crash (the Huawei pages too)', () => {
    for (const c of corpora) expect(c.docs.flatMap((d) => d.diagnostics.filter((x) => x.code === 'page-failed').map((x) => x.file))).toEqual([]);
    expect(corpora.map((c) => c.docs.length)).toEqual([1754, 1554]);
    const wider = CORPORA[1]!;
    const huawei = readDocuments(findDocuments(join(wider, 'huaweicloud-docs'), wider, []), { cache: false });
    expect(huawei).toHaveLength(233);
    expect(huawei.flatMap((d) => d.diagnostics.filter((x) => x.code === 'page-failed').map((x) => x.file))).toEqual([]);
    // Identity reads no operation out of boilerplate there either.
    const ops = huawei.filter((d) => d.identity.kind === 'operation').map((d) => d.operation!);
    expect(ops.filter((o) => /^(API|VPC|IAM|XXXXXX)$/.test(o))).toEqual([]);
  });

  it('at least 99% of the pages with a request table (common-parameter pages aside) become their own operation', () => {
    for (const c of corpora) {
      const opOf = new Map<string, string>();
      for (const o of c.ir.operations) for (const f of o.documents) opOf.set(f, o.name);
      const pages = c.docs.filter((d) => c.withTable.has(d.file) && d.identity.kind !== 'common-parameters');
      const read = pages.filter((d) => d.request.length > 0);
      const own = pages.filter((d) => isOwnOperation(d, opOf.get(d.file)));
      const ownRead = read.filter((d) => isOwnOperation(d, opOf.get(d.file)));
      const share = (n: number, of: number): string => `${((n / of) * 100).toFixed(2)}%`;
      console.log(
        `${c.name}: ${pages.length} pages with a request table (${c.withTable.size - pages.length} common-parameter pages aside): ${own.length} their own operation (${share(own.length, pages.length)}); ` +
          `of the ${read.length} whose table the reader reads: ${ownRead.length} (${share(ownRead.length, read.length)})`,
      );
      console.log(`  not own, with rows: ${read.filter((d) => !ownRead.includes(d)).map((d) => `${d.file} (${d.identity.rule})`).join('; ')}`);
      // Every page whose table the reader reads: identity's own share; and end to end, every page with a request table.
      expect(ownRead.length / read.length).toBeGreaterThanOrEqual(0.99);
      expect(own.length / pages.length).toBeGreaterThanOrEqual(0.99);
      // The coverage report counts the same pages as their own.
      const cov = coverage(c.ir);
      expect(cov.identity.ownOperation).toBe(c.docs.filter((d) => isOwnOperation(d, opOf.get(d.file))).length);
    }
  });

  it('no operation is named API, XXXXXX or after a common-parameters page; none holds one', () => {
    for (const c of corpora) {
      const common = c.docs.filter((d) => d.identity.kind === 'common-parameters');
      expect(common.length).toBeGreaterThan(10);
      const commonFiles = new Set(common.map((d) => d.file));
      const commonTitles = new Set(common.map((d) => d.title));
      for (const o of c.ir.operations) {
        expect(o.name).not.toMatch(/^(API|XXXXXX)$/);
        expect(commonTitles.has(o.name)).toBe(false);
        expect(o.documents.filter((f) => commonFiles.has(f))).toEqual([]);
      }
    }
  });

  it('no common parameter inside an operation: every parameter of an operation comes from its own pages, and signature parameters stay in the common parameters', () => {
    for (const c of corpora) {
      const common = new Set(c.docs.filter((d) => d.identity.kind === 'common-parameters').map((d) => d.file));
      const onlyCommon = new Set(c.ir.commonParameters.flatMap((p) => p.request.map((x) => x.name)));
      for (const o of c.ir.operations) for (const p of o.request) onlyCommon.delete(p.name);
      // What only the common pages list: the signature, the key, the nonce …
      expect([...onlyCommon]).toEqual(expect.arrayContaining(['SignatureNonce', 'SignatureMethod', 'AccessKeyId']));
      for (const o of c.ir.operations) for (const p of o.request) expect(p.sources.filter((s) => common.has(s.file)), `${o.id} ${p.name}`).toEqual([]);
      expect(c.ir.commonParameters.map((p) => p.product)).toEqual(c.name === 'corpus' ? ['CS', 'Ecs', 'Slb'] : ['Cdn', 'Ims', 'Kms', 'Ram', null]);
    }
  });

  it('where one of the names a page gives is an operation of the official SDK (ECS, CS) and the others are not, the page becomes that operation, spelled as the SDK spells it', () => {
    const sdkOps = (pkg: string): Map<string, string> => {
      const t = readFileSync(join(ROOT, 'node_modules', '@alicloud', pkg, 'dist', 'client.d.ts'), 'utf8');
      const names = [...t.matchAll(/\b([a-z][A-Za-z0-9]*)WithOptions\(/g)].map((m) => m[1]![0]!.toUpperCase() + m[1]!.slice(1));
      return new Map(names.map((n) => [n.toLowerCase(), n]));
    };
    const sdk: [string, Map<string, string>][] = [
      ['alibabacloud-docs/ecs/', sdkOps('ecs20140526')],
      ['alibabacloud-docs/csk/', sdkOps('cs20151215')],
    ];
    const c = corpora[0]!;
    const opOf = new Map<string, string>();
    for (const o of c.ir.operations) for (const f of o.documents) opOf.set(f, o.name);
    let checked = 0;
    let spelled = 0;
    for (const d of c.docs) {
      const ops = sdk.find(([prefix]) => d.file.startsWith(prefix))?.[1];
      if (!ops || !opOf.has(d.file)) continue;
      // An operation the SDK knows (ignoring case) is spelled as the SDK spells it (ReActivateInstances, DescribeUserData, …PolicyEx).
      const known = ops.get(opOf.get(d.file)!.toLowerCase());
      if (known) (spelled++, expect(opOf.get(d.file), d.file).toBe(known));
      // Names the page gives, case folded (names differing only in case are one name).
      const names = [...new Set(d.identity.evidence.filter((e) => NAMING.has(e.source)).map((e) => e.value.toLowerCase()))];
      const inSdk = names.filter((n) => ops.has(n));
      if (names.length < 2 || inSdk.length !== 1) continue;
      checked++;
      expect(opOf.get(d.file), d.file).toBe(ops.get(inSdk[0]!));
    }
    // DescribeSpotPriceHistory (a sample says DescribeSpotHistory) and ModifyDeploymentSetAttribute, in two languages.
    expect(checked).toBe(4);
    expect(spelled).toBeGreaterThan(1100);
  });

  it('the 20 pages checked by hand still read as checked (test/golden/identity/hand-checked.txt)', () => {
    const rows = readFileSync(join(ROOT, 'test', 'golden', 'identity', 'hand-checked.txt'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split(' | '));
    expect(rows).toHaveLength(20);
    const index = new Map<string, DocumentIR>(corpora.flatMap((c) => c.docs.map((d): [string, DocumentIR] => [`${c.name}/${d.file}`, d])));
    for (const [file, kindOp, rule, verdict] of rows) {
      expect(verdict, file).toMatch(/^right:/);
      const d = index.get(file!);
      expect(d, file).toBeDefined();
      expect(`${d!.identity.kind} ${d!.identity.operation}`, file).toBe(kindOp);
      expect(d!.identity.rule, file).toBe(rule);
    }
  });
});
