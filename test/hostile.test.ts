/**
 * Hostile strings in every string of the IR that reaches generated output (issue 11.6, 11.7):
 * operation, product, version, path and method; parameter and model names; enum values,
 * defaults and examples; discriminator keys and values; kinds of request (the manifest names);
 * descriptions. The package must type-check in full (here: also under an outside `tsc --strict`
 * over every emitted declaration), importing every module must run nothing, the parsed JS and
 * .d.ts must hold exactly the expected declarations, and every file must land inside the output
 * folder under a safe name.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IR, OperationModel, Parameter, TypeRef } from '../generator/model/ir.ts';
import { emit } from '../generator/emit/index.ts';
import { MARKER } from '../generator/io/output.ts';
import { buildShapes } from '../generator/emit/shapes.ts';
import { camelCase } from '../generator/emit/naming.ts';
import { foldKey } from '../generator/emit/paths.ts';
import { writeTreeAtomic, type OutputTree } from '../generator/io/output.ts';
import { ROOT } from './helpers/golden.ts';

const PWN = 'globalThis.pwned = 1';
const HOSTILE = [
  `x */ ${PWN}; /*`,
  `'); ${PWN}; ('`,
  `"+(${PWN})+"`,
  `\${${PWN}}`,
  `\`; ${PWN}; \``,
  '</script><script>globalThis.pwned=1</script>',
  'a\nb\r\nc\u2028d\u2029e',
  '\u202Eevil\u2066x\u2069\u200B\u200F\uFEFF',
  '\u1C89start',
  '__proto__',
  'constructor',
  '../../../../ESCAPED',
  'x/../../ESCAPED',
  'CON',
  'nul.txt',
  '\\..\\..\\win',
  '\u0000nul\u0007bel',
  'é', // NFC
  'e\u0301', // the same, NFD
];
const LONG = `Describe${'Very'.repeat(60)}Long`; // 248 characters

function param(name: string, type: TypeRef, extra: Partial<Parameter> = {}): Parameter {
  return {
    name,
    type,
    required: false,
    requiredKnown: true,
    deprecated: false,
    description: { en: HOSTILE.join(' | '), zh: `中文 ${HOSTILE[0]}` },
    examples: HOSTILE.slice(0, 3),
    position: null,
    in: null,
    sampleOnly: false,
    sources: [{ file: 'docs/x */ evil.md', line: 1 }],
    factSources: {},
    ...extra,
  };
}

function op(name: string, extra: Partial<OperationModel>): OperationModel {
  return {
    id: `${extra.product ?? '_'}/${extra.version ?? '_'}/${name}`,
    name,
    product: null,
    version: null,
    method: null,
    path: null,
    style: 'RPC',
    documents: ['docs/x */ evil.md'],
    pages: [],
    request: [],
    response: [],
    models: [],
    variants: [],
    conflicts: [],
    lint: [],
    notes: [HOSTILE[0]!],
    ...extra,
  };
}

const S: TypeRef = { kind: 'string' };

function hostileIR(): IR {
  const params = HOSTILE.map((n, i) => param(n, S, { enum: [HOSTILE[i]!, HOSTILE[(i + 1) % HOSTILE.length]!], default: HOSTILE[i]! }));
  const models = HOSTILE.slice(0, 8).map((n) => ({ name: n, fields: [param(n, S), param('next', { kind: 'ref', name: n })], sources: [] }));
  const disc = HOSTILE[0]!;
  const ops: OperationModel[] = [
    op(HOSTILE[0]!, {
      product: HOSTILE[11]!,
      version: HOSTILE[12]!,
      style: 'ROA',
      method: 'POST */ x',
      path: `/a/{${HOSTILE[3]}}/b */ ${PWN}`,
      request: [param(disc, S, { required: true }), ...params.slice(1), ...models.map((m, i) => param(`m${i}`, { kind: 'array', items: { kind: 'ref', name: m.name } }))],
      response: params.slice(0, 5),
      models,
      variants: [
        { id: HOSTILE[11]!, label: HOSTILE[1]!, discriminator: { [disc]: HOSTILE[2]! }, parameters: [HOSTILE[3]!], required: [], requiredOneOf: [], sources: [], undetermined: [HOSTILE[4]!] },
        { id: HOSTILE[12]!, label: HOSTILE[0]!, discriminator: { [disc]: HOSTILE[7]! }, parameters: [HOSTILE[4]!], required: [HOSTILE[4]!], requiredOneOf: [], sources: [], undetermined: [] },
        { id: HOSTILE[13]!, label: HOSTILE[13]!, discriminator: { [disc]: HOSTILE[13]! }, parameters: [], required: [], requiredOneOf: [], sources: [], undetermined: [] },
      ],
    }),
    op(LONG, { product: 'Ecs', version: '2014-05-26', request: params.slice(0, 4), response: [param('RequestId', S)] }),
    op('DescribeThing', { product: HOSTILE[13]!, version: HOSTILE[14]!, request: [param('A', S)] }),
    op('Describething', { product: HOSTILE[13]!, version: HOSTILE[14]!, request: [param('B', S)] }),
    op(HOSTILE[8]!, { product: HOSTILE[7]!, version: HOSTILE[6]!, request: [param(HOSTILE[8]!, S)] }),
    op(HOSTILE[17]!, { product: 'x', version: '1', request: [param('a', S)] }),
    op(HOSTILE[18]!, { product: 'x', version: '1', request: [param('a', S)] }),
  ];
  return { irVersion: 2, documents: [], commonParameters: [], operations: ops };
}

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

let tree: OutputTree;
let diagnostics: unknown[];
let parent: string;
let out: string;
const ir = hostileIR();

beforeAll(async () => {
  ({ tree, diagnostics } = await emit(ir));
  parent = mkdtempSync(join(tmpdir(), 'd2t-hostile-'));
  out = join(parent, 'pkg');
  writeTreeAtomic(out, tree);
}, 300_000);
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('hostile strings in every IR string that reaches the package', () => {
  it('leaves no operation out: every hostile name is mapped to something safe', () => {
    expect(diagnostics).toEqual([]);
    const modules = [...tree.keys()].filter((p) => /^[^/]+\/[^/]+\/[^/]+\.js$/.test(p) && !p.endsWith('/index.js'));
    expect(modules.length).toBe(ir.operations.length);
  });

  it('writes every file inside the output folder, under safe names that never differ only in case or normalisation', () => {
    const written = files(out);
    // Every file of the tree, and the marker the writer adds (the list of what it wrote).
    expect(written).toEqual([...tree.keys(), MARKER].sort());
    expect(readdirSync(parent)).toEqual(['pkg']); // nothing escaped next to it
    for (const f of written) {
      expect(resolve(out, f).startsWith(resolve(out) + '/'), f).toBe(true);
      expect(Buffer.byteLength(f), f).toBeLessThanOrEqual(250);
      for (const seg of f.split('/')) {
        expect(seg, f).not.toMatch(/^\.\.?$/);
        expect(seg, f).not.toMatch(/[\u0000-\u001f\u007f\\:*?"<>|\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]/);
        expect(seg.split('.')[0]!.toLowerCase(), f).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/);
        expect(Buffer.byteLength(seg), f).toBeLessThanOrEqual(255);
      }
    }
    const folded = new Map<string, string>();
    for (const f of written) {
      const k = f.split('/').map(foldKey).join('/');
      expect(folded.get(k), `${f} and ${folded.get(k)} differ only in case or normalisation`).toBeUndefined();
      folded.set(k, f);
    }
  });

  it('type-checks in full under an outside tsc --strict: every module, index and declaration', () => {
    const use = join(out, 'use.ts');
    const modules = [...tree.keys()].filter((p) => p.endsWith('.d.ts')).map((p) => p.replace(/\.d\.ts$/, '.js'));
    writeFileSync(use, modules.map((m, i) => `import * as m${i} from ${JSON.stringify(`./${m}`)};\nvoid m${i};`).join('\n') + '\n');
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '--strict', '--noEmit', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', 'false', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules', '@types'), use], { encoding: 'utf8' });
    rmSync(use);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('runs nothing on import: no global changes, whatever module is imported', async () => {
    const before = new Set(Object.getOwnPropertyNames(globalThis));
    for (const p of [...tree.keys()].filter((k) => k.endsWith('.js'))) await import(pathToFileURL(join(out, p)).href);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
    expect(Object.getOwnPropertyNames(globalThis).filter((k) => !before.has(k))).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(Object.getOwnPropertyNames(Object.getPrototypeOf({})).sort());
  });

  it('parses to exactly the expected declarations, in the JS and in the .d.ts', () => {
    const shapes = buildShapes(ir);
    const moduleOf = new Map<string, string>();
    for (const p of tree.keys()) if (p.endsWith('.js') && p.split('/').length === 3 && !p.endsWith('/index.js')) moduleOf.set(p, p);
    const seen = new Set<string>();
    for (const o of shapes.operations) {
      const r = o.request!;
      const values = [`validate${r.typeName}`, `is${r.typeName}`, ...(o.response ? [`validate${o.response.name}`, `is${o.response.name}`] : []), 'operation', ...(o.op.style === 'ROA' ? ['toRequest'] : ['toQuery', 'fromQuery']), `${camelCase(o.base)}Samples`].sort();
      const types = [r.typeName, r.baseName, ...r.variants.map((v) => v.def.name), ...(o.response ? [o.response.name] : []), ...[...o.defs.values()].filter((d) => d.kind === 'model').map((d) => d.name)].sort();
      // The module whose validate… export is this operation's.
      const path = [...moduleOf.keys()].find((p) => tree.get(p)!.includes(`export function validate${r.typeName}(`) && !seen.has(p));
      expect(path, o.op.id).toBeDefined();
      seen.add(path!);
      const js = ts.createSourceFile('m.js', tree.get(path!)!, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
      const exported: string[] = [];
      for (const st of js.statements) {
        if (ts.isImportDeclaration(st)) {
          expect((st.moduleSpecifier as ts.StringLiteral).text).toBe('../../runtime.js');
          continue;
        }
        const isExported = ts.canHaveModifiers(st) && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
        if (ts.isFunctionDeclaration(st)) {
          if (isExported) exported.push(st.name!.text);
          else expect(st.name!.text).toMatch(/^(v|d|b)_/);
        } else if (ts.isVariableStatement(st)) {
          for (const d of st.declarationList.declarations) {
            const n = (d.name as ts.Identifier).text;
            if (isExported) exported.push(n);
            else expect(n).toMatch(/^(OP|hasOwn|E_\d+|S_\d+)$/);
          }
        } else if (ts.isExportDeclaration(st)) {
          expect(st.isTypeOnly).toBe(true);
        } else {
          throw new Error(`${path}: unexpected statement ${ts.SyntaxKind[st.kind]}: ${st.getText().slice(0, 80)}`);
        }
      }
      expect(exported.sort(), o.op.id).toEqual(values);
      const dts = ts.createSourceFile('m.d.ts', tree.get(path!.replace(/\.js$/, '.d.ts'))!, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
      const declaredTypes: string[] = [];
      const declaredValues: string[] = [];
      for (const st of dts.statements) {
        if (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) continue;
        if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) declaredTypes.push(st.name.text);
        else if (ts.isFunctionDeclaration(st)) declaredValues.push(st.name!.text);
        else if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) declaredValues.push((d.name as ts.Identifier).text);
        else throw new Error(`${path}.d.ts: unexpected statement ${ts.SyntaxKind[st.kind]}`);
      }
      expect(declaredTypes.sort(), o.op.id).toEqual(types);
      expect(declaredValues.sort(), o.op.id).toEqual(values);
      // No invisible character is left raw anywhere in the code or its comments.
      expect(tree.get(path!)!).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff\u2028\u2029]/);
      expect(tree.get(path!.replace(/\.js$/, '.d.ts'))!).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff\u2028\u2029]/);
    }
  });

  it('keeps hostile values as data: metadata, samples and serialisers hand them back unchanged', async () => {
    const o = buildShapes(ir).operations.find((x) => x.op.style === 'ROA')!;
    const path = [...tree.keys()].find((p) => p.endsWith('.js') && tree.get(p)!.includes('export function toRequest('))!;
    const mod = await import(pathToFileURL(join(out, path)).href);
    expect(mod.operation.name).toBe(o.op.name);
    expect(mod.operation.path).toBe(o.op.path);
    expect(mod.operation.product).toBe(o.op.product);
    expect(mod.operation.parameters.map((p: { name: string }) => p.name)).toEqual(o.op.request.map((p) => p.name));
    const placeholder = HOSTILE[3]!;
    const request = JSON.parse(`{${JSON.stringify(HOSTILE[0])}: ${JSON.stringify(HOSTILE[2])}, ${JSON.stringify(placeholder)}: "../x y", "__proto__": "p"}`);
    const http = mod.toRequest(request);
    expect(http.method).toBe(o.op.method);
    expect(http.path).toBe(`/a/${encodeURIComponent('../x y')}/b */ ${PWN}`);
    // The method is no POST/PUT/PATCH the pages name: parameters go to the query, `__proto__` as data.
    expect(http.query[HOSTILE[0]!]).toBe(HOSTILE[2]);
    expect(Object.prototype.hasOwnProperty.call(http.query, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(http.query)).toBe(Object.prototype);
  });
});
