/**
 * Golden files: reviewed expectations. `UPDATE_GOLDEN=1 npx vitest run` rewrites them; a
 * rewritten golden must be read line by line against the page before it is committed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import type { DocumentIR, Fact, ParamRow, TextLine } from '../../generator/model/ir.ts';
import { typeToString } from '../../generator/model/types.ts';

export const ROOT = join(import.meta.dirname, '..', '..');

/** The shared corpus beside the checkout (`../shared`); tests that need it skip when it is absent. */
export const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'alibabacloud-docs');

/** A seed page by its number (`'002'`), as the numbered lines the section readers take. */
export function seedLines(prefix: string): { name: string; lines: TextLine[] } {
  const name = readdirSync(join(ROOT, 'docs')).find((f) => f.startsWith(`${prefix}_`))!;
  const lines = readFileSync(join(ROOT, 'docs', name), 'utf8')
    .split('\n')
    .map((text, i) => ({ text, line: i + 1 }));
  return { name, lines };
}

export function expectGolden(rel: string, actual: string): void {
  const path = join(ROOT, 'test', 'golden', rel);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.CI) throw new Error(`golden ${rel} is missing (CI never writes goldens)`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

function q(s: string | null): string {
  return s === null ? '-' : JSON.stringify(s);
}

/** One line per row: line, name, raw type → normalised type, required as written → value, example, position, category. */
export function renderRows(rows: ParamRow[]): string {
  return rows
    .map((r) => {
      const req = r.rawRequired === null ? 'required:(no column)' : `required:${q(r.rawRequired)}=${r.required}`;
      const extra = [r.position ? `pos:${r.position}` : '', r.category ? `cat:${q(r.category)}` : '', r.depth ? `depth:${r.depth} parent:${r.parent}` : '']
        .filter(Boolean)
        .join(' ');
      return `L${r.source.line} ${r.name} | ${q(r.rawType)} → ${typeToString(r.type)} | ${req} | ex:${q(r.example)}${extra ? ` | ${extra}` : ''}`;
    })
    .join('\n');
}

function fact(name: string, f: Fact<unknown> | undefined): string | null {
  return f ? `  ${name}: ${JSON.stringify(f.value)} @L${f.source.line} «${f.text}»` : null;
}

/** Mined facts of every row that has any. */
export function renderFacts(rows: ParamRow[]): string {
  const out: string[] = [];
  for (const r of rows) {
    const lines = [fact('enum', r.facts.enum), fact('default', r.facts.default), fact('range', r.facts.range), fact('length', r.facts.length), fact('items', r.facts.items), fact('deprecated', r.facts.deprecated), fact('fields', r.facts.fields)].filter(
      (x): x is string => x !== null,
    );
    if (lines.length) out.push(`${r.name} (L${r.source.line})`, ...lines);
  }
  return out.join('\n');
}

export function renderDocument(d: DocumentIR): string {
  return [
    `# ${d.file}`,
    `lang: ${d.lang}  format: ${d.format}  operation: ${d.operation}  ${d.method} ${d.path}  version: ${d.version}  lastUpdated: ${d.lastUpdated}`,
    `title: ${d.title}`,
    ...d.tables.map((t) => `table L${t.source.line} ${t.kind} ${t.layout} [${t.header.join(' | ')}] → [${t.columns.join(', ')}] required-column:${t.requiredColumn} rows:${t.rowCount}`),
    '',
    `## request (${d.request.length})`,
    renderRows(d.request),
    '',
    `## response (${d.response.length})`,
    renderRows(d.response),
    '',
  ].join('\n');
}
