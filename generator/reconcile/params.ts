/**
 * Top-level parameters: the union of every page's rows, each fact resolved by the rules and
 * every disagreement recorded as a Conflict.
 */
import type { Conflict, LengthRange, NumericRange, ParamRow, Parameter, Position, Scalar, SourceRef, TypeRef } from '../model/ir.ts';
import { typeToString } from '../model/types.ts';
import { rank, resolveFact, type Claim } from './claims.ts';
import type { Page } from './pages.ts';
import { dedupeSources, fillItemTypes, lineOfKey, samplesSendStrings, shape, skeletonSource, skeletonType, stringsConflict, structureType, subsumes, type Evidence, type StructureContext } from './structure.ts';
import { exampleValue, factContradicted, outsideEnum, outsideRange, sampleScalars, type UsedValue } from './used-values.ts';

export interface RowAt {
  page: Page;
  row: ParamRow;
}

function claim<T>(ra: RowAt, value: T): Claim<T> {
  return { value, source: ra.row.source, lang: ra.page.lang, date: ra.page.date };
}

/** Name of the model a table type points at: `Array of tag` → tag. */
function refName(t: TypeRef): string | null {
  if (t.kind === 'ref') return t.name;
  if (t.kind === 'array') return refName(t.items);
  return null;
}

/** Put the table's model name on a structural type: object → ref:X, array<object> → array<ref:X>. */
function nameStructure(t: TypeRef, name: string | null): TypeRef {
  if (!name) return t;
  if (t.kind === 'ref') return { kind: 'ref', name: t.name };
  if (t.kind === 'array') return { kind: 'array', items: nameStructure(t.items, name) };
  return t;
}

export interface MergeInput {
  name: string;
  rows: RowAt[];
  evidence: Evidence[];
}

export function mergeParameter(input: MergeInput, ctx: StructureContext, kind: 'request' | 'response'): Parameter {
  const { name, rows } = input;
  const opts = ctx.opts;
  const conflicts: Conflict[] = [];
  const factSources: Parameter['factSources'] = {};

  // --- type ----------------------------------------------------------------------------------
  // Explicit beats empty: a type cell that leaves an item type unsaid (`RepeatList`) gives way to one that says it.
  const allTableClaims = rows.map((ra) => claim(ra, ra.row.type));
  const tableClaims = allTableClaims.filter((c) => !allTableClaims.some((o) => o !== c && subsumes(o.value, c.value)));
  const tableWinner = rank(tableClaims, opts)[0];
  const tableRef = rank(tableClaims.filter((c) => refName(c.value)), opts).map((c) => refName(c.value))[0] ?? null;
  const hasStructure = input.evidence.some((e) => e.skeleton);
  // The sub-fields the rows' descriptions list with their flags ("- name: required"), best-ranked row first: for the model.
  const fieldFlags = rank(rows.filter((ra) => ra.row.facts.fields).map((ra) => claim(ra, ra.row.facts.fields!)), opts).map((c) => c.value);
  let type: TypeRef;
  let typeRule = 'newer-page-wins';
  const structural = (t: TypeRef): boolean => shape(t).includes('object');
  if (hasStructure && opts.structureBeatsTypeColumn) {
    // The skeleton's (or tree rows') structure decides; the table only names the model. A table type
    // naming a model where the structure is no object (`rds_instances` → array of string) loses.
    const modelName = tableRef ?? name;
    const s = structureType(name, modelName, input.evidence, ctx, fieldFlags);
    type = nameStructure(s.type, tableRef);
    typeRule = 'structure-beats-type-column';
    factSources.type = dedupeSources([...s.sources, ...tableClaims.filter((c) => shape(c.value) === shape(type)).map((c) => c.source)]);
  } else if (tableWinner) {
    type = tableWinner.value;
    const strings = samplesSendStrings(type, input.evidence);
    if (strings) {
      ctx.conflicts.push(stringsConflict(name, type, tableClaims, strings));
      type = { kind: 'string' };
    }
    if (structural(type) || type.kind === 'ref') {
      const s = structureType(name, tableRef ?? name, input.evidence, ctx, fieldFlags);
      if (s.type.kind !== 'unknown') type = nameStructure(s.type, tableRef);
    }
    factSources.type = tableClaims.filter((c) => typeToString(c.value) === typeToString(tableWinner.value)).map((c) => c.source);
  } else {
    const s = structureType(name, name, input.evidence, ctx, fieldFlags);
    type = s.type;
    factSources.type = s.sources;
  }
  // A list whose item type no page states: from the examples and descriptions.
  type = fillItemTypes(type, rank(rows.map((ra) => claim(ra, ra.row)), opts).map((c) => c.value));
  // A type conflict: the pages' type columns (and the skeleton's structure) do not all agree.
  const typeClaims: Claim<string>[] = [
    ...tableClaims.map((c) => ({ ...c, value: typeToString(c.value) })),
    ...input.evidence
      .filter((e) => e.skeleton)
      .map((e) => ({ value: `${e.fromRows ? 'rows' : 'skeleton'}:${shape(skeletonType(e.skeleton!))}`, source: skeletonSource(e), lang: e.page.lang, date: e.page.date })),
  ];
  const distinctTable = new Set(tableClaims.map((c) => typeToString(c.value)));
  const contradicts = tableClaims.some((c) => shape(c.value) !== shape(type));
  if (distinctTable.size > 1 || contradicts) {
    conflicts.push({ path: name, kind: 'type', values: rank(typeClaims, opts).map((c) => ({ value: c.value, source: c.source, lang: c.lang, date: c.date })), resolution: typeToString(type), rule: typeRule });
  }

  // --- required ------------------------------------------------------------------------------
  let required = false;
  let requiredKnown = false;
  if (kind === 'request') {
    const stated = rows.filter((ra) => ra.row.required !== null).map((ra) => claim(ra, ra.row.required as boolean));
    const silent = rows.filter((ra) => ra.row.required === null).map((ra) => claim(ra, null));
    const r = resolveFact(name, 'required', stated, opts, silent);
    if (r) {
      required = r.value;
      requiredKnown = true;
      factSources.required = r.backing;
      if (r.conflict) conflicts.push(r.conflict);
    }
  }

  // --- mined facts ---------------------------------------------------------------------------
  const fact = <K extends 'enum' | 'default' | 'range' | 'length' | 'items'>(k: K) => {
    const stated = rows.filter((ra) => ra.row.facts[k]).map((ra) => ({ ...claim(ra, ra.row.facts[k]!.value), source: ra.row.facts[k]!.source }));
    const silent = rows.filter((ra) => !ra.row.facts[k]).map((ra) => claim(ra, null));
    const r = resolveFact(name, k, stated, opts, silent);
    if (!r) return undefined;
    factSources[k] = r.backing;
    if (r.conflict) conflicts.push(r.conflict);
    return r.value;
  };
  let enumValues = fact('enum') as Scalar[] | undefined;
  const def = fact('default') as Scalar | undefined;
  let range = fact('range') as NumericRange | undefined;
  // used-values-beat-mined-facts: the examples and sample values the pages use must be allowed.
  const used: UsedValue[] = [
    ...rank(rows.map((ra) => claim(ra, ra)), opts).flatMap((c) => {
      const v = exampleValue(c.value.row);
      return v === null ? [] : [{ value: v, source: c.value.row.source, page: c.value.page, from: 'example' as const }];
    }),
    ...input.evidence.filter((e) => 'value' in e && !e.recovered).flatMap((e) => sampleScalars(e.value).map((v) => ({ value: v, source: { file: e.page.file, line: lineOfKey(e, name) }, page: e.page, from: 'sample' as const }))),
  ];
  const lead = (k: 'enum' | 'range'): RowAt => rank(rows.filter((ra) => ra.row.facts[k]).map((ra) => claim(ra, ra)), opts)[0]!.value;
  const badEnum = enumValues !== undefined ? outsideEnum(enumValues, used) : null;
  if (badEnum) {
    const l = lead('enum');
    ctx.conflicts.push(factContradicted(name, 'enum', { ...l.row.facts.enum!, page: l.page }, badEnum));
    enumValues = undefined;
    delete factSources.enum;
  }
  const badRange = range !== undefined ? outsideRange(range, used) : null;
  if (badRange) {
    const l = lead('range');
    ctx.conflicts.push(factContradicted(name, 'range', { ...l.row.facts.range!, page: l.page }, badRange));
    range = undefined;
    delete factSources.range;
  }
  const length = fact('length') as LengthRange | undefined;
  const items = fact('items') as LengthRange | undefined;

  // --- deprecation: the best-ranked page that has the parameter decides ----------------------
  const depClaims = rows.map((ra) => ({ ...claim(ra, Boolean(ra.row.facts.deprecated)), source: ra.row.facts.deprecated?.source ?? ra.row.source }));
  const dep = resolveFact(name, 'deprecation', depClaims, opts);
  const deprecated = dep?.value ?? false;
  if (dep) {
    if (deprecated) factSources.deprecated = dep.backing;
    if (dep.conflict) conflicts.push(dep.conflict);
  }

  // --- text ----------------------------------------------------------------------------------
  const ranked = rank(rows.map((ra) => claim(ra, ra)), opts).map((c) => c.value);
  const en = ranked.find((ra) => ra.page.lang === 'en' && ra.row.description)?.row.description ?? null;
  const zh = ranked.find((ra) => ra.page.lang === 'zh' && ra.row.description)?.row.description ?? null;
  const examples = [...new Set(ranked.map((ra) => ra.row.example).filter((x): x is string => x !== null))];
  const position = (ranked.find((ra) => ra.row.position)?.row.position ?? null) as Position | null;

  ctx.conflicts.push(...conflicts);
  const sampleOnly = rows.length === 0 && !hasStructure;
  // A field only samples send is backed by those samples' lines (the IR's `sources` promise; the
  // diff and the package cite them).
  const sources: SourceRef[] = dedupeSources([
    ...rows.map((ra) => ra.row.source),
    ...input.evidence.filter((e) => e.skeleton).map(skeletonSource),
    ...(sampleOnly ? (factSources.type ?? []) : []),
  ]);
  const p: Parameter = {
    name,
    type,
    required,
    requiredKnown,
    deprecated,
    description: { en, zh },
    examples,
    position,
    in: null,
    sampleOnly,
    sources,
    factSources,
  };
  if (enumValues !== undefined) p.enum = enumValues;
  if (def !== undefined) p.default = def;
  if (range !== undefined) p.range = range;
  if (length !== undefined) p.length = length;
  if (items !== undefined) p.items = items;
  return p;
}
