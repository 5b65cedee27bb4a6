/**
 * How the OpenAPI documents write schemas and text: the schema style of their
 * `components/schemas` (the same builder as the JSON Schema files, ../schema.ts), the names
 * components take, both languages and provenance. Every `x-` extension is documented in the
 * README ("OpenAPI 3.1").
 */
import type { Parameter, SourceRef } from '../../model/ir.ts';
import type { ObjectDef } from '../shapes.ts';
import type { Json, JsonObject, SchemaStyle } from '../schema.ts';

/** Extension keys, in one place. */
export const X = {
  /** The Chinese text of a description, whenever a Chinese page gives one. */
  descriptionZh: 'x-description-zh',
  /** The Chinese title of an operation's pages. */
  summaryZh: 'x-summary-zh',
  /** The page lines behind an operation, a parameter, a property or a definition: `["file:line", ...]`. */
  source: 'x-docs2types-source',
  /** How a structured query (or header) parameter is written on the wire: `{style, names}`. */
  serialization: 'x-docs2types-serialization',
  /** A path parameter renamed to match the placeholder another operation on the same path uses: the pages' name. */
  name: 'x-docs2types-name',
  /** Request parameters the IR places where the operation has no room for them: `[{name, in, reason, source}]`. */
  unplaced: 'x-docs2types-unplaced',
  /** Operations of the product and version that could not be written as a path: `[{operation, id, reason, source}]`. */
  omitted: 'x-docs2types-omitted',
  /** The do-not-edit note. */
  generated: 'x-docs2types-generated',
} as const;

/**
 * Sources as `file:line` strings (paths as the IR has them; the line is what follows the last
 * colon), sorted by file then line (code units), duplicates dropped; at most `max` of them (a
 * parameter of the corpus has up to a dozen copies of its page: listing them all was 40% of a
 * document's bytes; `reports/ir.json` keeps every source).
 */
export function sourcesJson(sources: SourceRef[], max = Infinity): Json[] {
  const sorted = sources.slice().sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const out: string[] = [];
  for (const s of sorted) {
    const text = `${s.file}:${s.line}`;
    if (out[out.length - 1] !== text) out.push(text);
    if (out.length === max) break;
  }
  return out;
}

/** How many sources a parameter, property or definition cites (see sourcesJson). */
export const MAX_SOURCES = 2;

/**
 * Both languages: `description` is the English text, or the Chinese where no English page says
 * anything (so every tool shows something); `x-description-zh` holds the Chinese whenever there
 * is one.
 */
export function describe(target: JsonObject, text: { en: string | null; zh: string | null }): void {
  const description = text.en || text.zh;
  if (description) target.description = description;
  if (text.zh) target[X.descriptionZh] = text.zh;
}

/** An operation's `summary` (English title, else Chinese) and `x-summary-zh`, by the same rule. */
export function summarise(target: JsonObject, title: { en: string | null; zh: string | null }): void {
  const summary = title.en || title.zh;
  if (summary) target.summary = summary;
  if (title.zh) target[X.summaryZh] = title.zh;
}

const COMPONENT_KEY = /^[A-Za-z0-9_]+$/;

/**
 * The key of a definition under `components/schemas`. OpenAPI allows only `[A-Za-z0-9._-]` there;
 * emit-model names are identifiers and may hold `$` or any letter (`创建集群`). ASCII identifiers
 * stay as they are; every other character becomes `-<hex code point>.`, and since `-` and `.`
 * are themselves escaped, two names never share a key.
 */
export function componentKey(name: string): string {
  if (COMPONENT_KEY.test(name)) return name;
  let out = '';
  for (const ch of name) out += /[A-Za-z0-9_]/.test(ch) ? ch : `-${ch.codePointAt(0)!.toString(16)}.`;
  return out;
}

export function componentRef(name: string): string {
  return `#/components/schemas/${componentKey(name)}`;
}

/**
 * The schema style of one document: refs into `components/schemas` (each name recorded, so the
 * document carries exactly the components it uses), descriptions in both languages, sources.
 * `describeProps: false` leaves a property's text out (a parameter object carries it instead).
 */
export function openApiStyle(used: Set<string>, describeProps = true): SchemaStyle {
  return {
    ref(name) {
      used.add(name);
      return componentRef(name);
    },
    describeProp(s: JsonObject, param: Parameter) {
      if (!describeProps) return;
      describe(s, param.description);
      if (param.sources.length) s[X.source] = sourcesJson(param.sources, MAX_SOURCES);
    },
    describeObject(s: JsonObject, def: ObjectDef) {
      const description = def.doc.filter(Boolean).join('\n');
      if (description) s.description = description;
      if (def.sources.length) s[X.source] = sourcesJson(def.sources, MAX_SOURCES);
    },
  };
}
