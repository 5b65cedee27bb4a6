/**
 * The pages' own sample requests checked against the reconciled request (issue 13.4): what the
 * generated validator of the sample's kind would reject is reported as `sample-rejected` doc
 * lint, saying which side is wrong and why, with the sample's line and the page line that says
 * otherwise. Type mismatches and names no table knows are reported by the other lint
 * (`sample-breaks-table`, `unknown-in-sample`, `suspicious-name`); this adds what those do not
 * see: a required parameter the sample leaves out (the sample is incomplete), a parameter the
 * sample's kind does not take, a pair of which the sample sets neither, and a body of the wrong
 * shape (an object where the request body is a list).
 *
 * The sample's kind is the one the validator picks: the most specific variant whose
 * discriminator values the sample sends. What a kind takes mirrors the emitted request type: its
 * own parameters, those no kind claims, the discriminator keys and its required ones.
 */
import type { LintItem, Model, Parameter, SourceRef, Variant } from '../model/ir.ts';
import type { Page } from './pages.ts';

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface CheckInput {
  request: Parameter[];
  variants: Variant[];
  requiredOneOf: string[][];
  models: Map<string, Model>;
  pages: Page[];
}

/** Line of `"key"` in a sample's text, from the sample's first line. */
function lineOf(text: string, start: number, key: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(`"${key}"`));
  return start + Math.max(0, i);
}

const at = (s: SourceRef): string => `${s.file}:${s.line}`;

/** The model a parameter's type names (under its list levels), if any. */
function modelOf(p: Parameter, models: Map<string, Model>): Model | null {
  let t = p.type;
  while (t.kind === 'array') t = t.items;
  return t.kind === 'ref' ? (models.get(t.name) ?? null) : null;
}

export function checkSamples(input: CheckInput): LintItem[] {
  const out: LintItem[] = [];
  const { request, variants, models } = input;
  const byName = new Map(request.map((p) => [p.name, p]));
  const body = request.find((p) => p.isBody);
  const claimed = new Set(variants.flatMap((v) => v.parameters));
  const discKeys = new Set(variants.flatMap((v) => Object.keys(v.discriminator)));
  // Most specific first, then by id: the order the validator tries the kinds in.
  const dispatch = variants.slice().sort((a, b) => Object.keys(b.discriminator).length - Object.keys(a.discriminator).length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const page of input.pages) {
    for (const s of page.doc.samples) {
      if (s.kind !== 'request' || s.format !== 'json' || !s.ok) continue;
      const line = s.source.line;
      const push = (path: string, key: string, message: string): void => {
        out.push({ code: 'sample-rejected', path, message, source: { file: page.file, line: key ? lineOf(s.text, line, key) : line } });
      };
      if (body) {
        if (!Array.isArray(s.value)) push('', '', `the sample sends ${isObj(s.value) ? 'an object' : 'a value'} as the request body, which the request syntax and the other samples show as a list (${body.sources.map(at).join(', ') || 'the body parameter'}): the sample is wrong`);
        else for (const item of s.value) if (isObj(item)) checkObject(modelOf(body, models), item, 'body[]', push, models, new Set());
        continue;
      }
      if (!isObj(s.value)) {
        push('', '', 'the sample request is not a JSON object, which the request body is (its fields are the parameters the tables list): the sample is wrong');
        continue;
      }
      const sample = s.value;
      const kind = dispatch.find((v) => Object.entries(v.discriminator).every(([k, val]) => sample[k] === val)) ?? null;
      const allowed = kind ? new Set([...kind.parameters, ...request.map((p) => p.name).filter((n) => !claimed.has(n)), ...discKeys, ...kind.required]) : null;
      const required = kind ? kind.required : request.filter((p) => p.required && p.in === 'body').map((p) => p.name);
      const groups = kind ? kind.requiredOneOf : input.requiredOneOf;
      for (const name of required) {
        const p = byName.get(name);
        if (!p || p.in !== 'body' || name in sample) continue;
        const where = kind ? `kind "${kind.id}" requires it (${kind.sources.filter((x) => x.file !== page.file || x.line !== line).map(at).slice(0, 3).join(', ') || 'its pages'})` : `${(p.factSources.required ?? p.sources).map(at).slice(0, 3).join(', ')} mark${(p.factSources.required ?? p.sources).length > 1 ? '' : 's'} it required`;
        push(name, '', `the sample leaves out ${name}, and ${where}: the sample is incomplete`);
      }
      for (const g of groups) if (!g.some((n) => n in sample)) push(g.join('|'), '', `the sample sets none of ${g.join(', ')}, and the pages say to set one of them: the sample is incomplete`);
      for (const [k, v] of Object.entries(sample)) {
        const p = byName.get(k);
        if (!p) continue; // a name no table knows: unknown-in-sample / suspicious-name say so
        if (allowed && !allowed.has(k)) {
          push(k, k, `the sample is of kind "${kind!.id}" (${Object.entries(kind!.discriminator).map(([a, b]) => `${a} = ${JSON.stringify(b)}`).join(', ')}) and sends ${k}, which no page of that kind lists (${p.sources.map(at).slice(0, 3).join(', ')}): the sample mixes kinds, or its page's table leaves ${k} out`);
          continue;
        }
        const m = modelOf(p, models);
        if (!m) continue;
        for (const item of Array.isArray(v) ? v : [v]) if (isObj(item)) checkObject(m, item, k, (path, key, msg) => push(path, key, msg), models, new Set());
      }
    }
  }
  return out;
}

const JSON_TYPE: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
};

/** Required fields a sample's object leaves out, and scalar fields of another JSON type, at every level of the model. */
function checkObject(model: Model | null, value: Record<string, unknown>, path: string, push: (path: string, key: string, message: string) => void, models: Map<string, Model>, seen: Set<string>): void {
  if (!model || seen.has(model.name)) return;
  const next = new Set(seen).add(model.name);
  for (const f of model.fields) {
    if (f.required && !(f.name in value)) push(`${path}.${f.name}`, '', `the sample's ${path} leaves out ${f.name}, which ${f.sources.map(at).slice(0, 3).join(', ')} mark${f.sources.length > 1 ? '' : 's'} required: the sample is incomplete`);
    const is = JSON_TYPE[f.type.kind];
    const v = value[f.name];
    if (is && v !== undefined && v !== null && !is(v)) {
      push(`${path}.${f.name}`, f.name, `the sample sends ${JSON.stringify(v).slice(0, 40)} for ${path}.${f.name}, which ${f.sources.map(at).slice(0, 3).join(', ')} type${f.sources.length > 1 ? '' : 's'} ${f.type.kind}: the sample is wrong (declared-beats-sample)`);
    }
  }
  for (const f of model.fields) {
    const v = value[f.name];
    const m = modelOf(f, models);
    if (!m || v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) if (isObj(item)) checkObject(m, item, `${path}.${f.name}`, push, models, next);
  }
}
