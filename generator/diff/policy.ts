/**
 * A docs team's policy for the diff gate, from the `diff` key of the JSON5 config
 * (`docs2types.config.json5`, the same file as `generate`'s):
 *
 *   diff: {
 *     levels: { 'request-parameter-removed': 'breaking' },        // per-rule level overrides
 *     ignore: [                                                   // accepted changes
 *       { rule: 'request-parameter-type-changed', operation: 'CreateCluster', path: 'vpcid',
 *         reason: 'the old type was a doc error (ticket 123)', expires: '2026-06-30' },
 *     ],
 *   }
 *
 * Modelled on oasdiff's severity-levels file (rule id → level) and its err-ignore list. An
 * ignore entry names at least one of rule id, operation (name or id) and parameter path, and
 * always a reason; it applies up to and including its `expires` day, after which it no longer
 * applies and the report says so. Ignored changes stay in the report, marked ignored, and are
 * never counted against `--fail-on`.
 */
import { InputError } from '../errors.ts';
import { addCounts, countChanges, sortChanges, type Change } from './compare.ts';
import type { DiffReport } from './report.ts';
import { DIFF_RULES, LEVELS, type Level } from './rules.ts';

export interface IgnoreEntry {
  rule: string | null;
  operation: string | null;
  path: string | null;
  reason: string;
  /** Last day the entry applies (YYYY-MM-DD), or null for no end. */
  expires: string | null;
}

export interface DiffPolicy {
  /** Where it came from (the config file), or null for none. */
  source: string | null;
  levels: Record<string, Level>;
  ignore: IgnoreEntry[];
}

export const EMPTY_POLICY: DiffPolicy = { source: null, levels: {}, ignore: [] };

/** How each ignore entry fared in a run (in the JSON report and the notes). */
export interface IgnoreStatus extends IgnoreEntry {
  status: 'applied' | 'unused' | 'expired';
  /** Changes it accepted (0 when expired or unused). */
  matched: number;
}

export interface PolicyReport {
  source: string | null;
  /** The day expiry was judged on. */
  today: string;
  levels: Record<string, Level>;
  ignore: IgnoreStatus[];
}

const RULE_IDS = new Set(DIFF_RULES.map((r) => r.id));

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The `diff` value of a config, checked: every problem is an InputError naming the file and the key. */
export function parsePolicy(raw: unknown, file: string): DiffPolicy {
  if (raw === undefined || raw === null) return { ...EMPTY_POLICY, source: file };
  const bad = (where: string, what: string): never => {
    throw new InputError(`${file}: diff.${where} ${what}`);
  };
  if (typeof raw !== 'object' || Array.isArray(raw)) bad('', 'must be an object with "levels" and/or "ignore"');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== 'levels' && k !== 'ignore') bad(k, 'is not a key of the diff policy (known: levels, ignore)');
  const levels: Record<string, Level> = {};
  if (o.levels !== undefined) {
    if (typeof o.levels !== 'object' || o.levels === null || Array.isArray(o.levels)) bad('levels', 'must be an object of rule id → level');
    for (const [id, level] of Object.entries(o.levels as Record<string, unknown>)) {
      if (!RULE_IDS.has(id)) bad(`levels.${id}`, 'is not a rule id (see docs2types diff --rules)');
      if (typeof level !== 'string' || !(LEVELS as string[]).includes(level)) bad(`levels.${id}`, `must be one of ${LEVELS.join(', ')}`);
      levels[id] = level as Level;
    }
  }
  const ignore: IgnoreEntry[] = [];
  if (o.ignore !== undefined) {
    if (!Array.isArray(o.ignore)) bad('ignore', 'must be an array of entries');
    (o.ignore as unknown[]).forEach((e, i) => {
      const at = `ignore[${i}]`;
      if (typeof e !== 'object' || e === null || Array.isArray(e)) bad(at, 'must be an object');
      const x = e as Record<string, unknown>;
      for (const k of Object.keys(x)) if (!['rule', 'operation', 'path', 'reason', 'expires'].includes(k)) bad(`${at}.${k}`, 'is not a key of an ignore entry (known: rule, operation, path, reason, expires)');
      const str = (k: string): string | null => {
        if (x[k] === undefined || x[k] === null) return null;
        if (typeof x[k] !== 'string' || x[k] === '') bad(`${at}.${k}`, 'must be a non-empty string');
        return x[k] as string;
      };
      const entry: IgnoreEntry = { rule: str('rule'), operation: str('operation'), path: str('path'), reason: str('reason') ?? '', expires: str('expires') };
      if (!entry.reason) bad(`${at}.reason`, 'is required: say why the change is accepted');
      if (entry.rule !== null && !RULE_IDS.has(entry.rule)) bad(`${at}.rule`, `"${entry.rule}" is not a rule id (see docs2types diff --rules)`);
      if (entry.rule === null && entry.operation === null && entry.path === null) bad(at, 'must name at least one of rule, operation, path');
      if (entry.expires !== null && !validDate(entry.expires)) bad(`${at}.expires`, 'must be a date, YYYY-MM-DD');
      ignore.push(entry);
    });
  }
  return { source: file, levels, ignore };
}

/** Today as YYYY-MM-DD (UTC): the day ignore entries expire against. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function describe(e: IgnoreEntry): string {
  const what = [e.rule && `rule ${e.rule}`, e.operation && `operation ${e.operation}`, e.path && `path ${e.path}`].filter(Boolean).join(', ');
  return `${what} ("${e.reason}")`;
}

function fits(e: IgnoreEntry, c: Change, op: { operation: string; id: string }): boolean {
  return (e.rule === null || e.rule === c.id) && (e.operation === null || e.operation === op.operation || e.operation === op.id) && (e.path === null || e.path === c.path);
}

/**
 * The report with the policy applied: levels overridden (the rule's own level kept as
 * `ruleLevel`), accepted changes marked `ignored`, counts recomputed, and a note for every
 * ignore entry that expired or matched nothing. Pure: returns a new report.
 */
export function applyPolicy(report: DiffReport, policy: DiffPolicy, day: string = today()): DiffReport & { policy: PolicyReport } {
  const status: IgnoreStatus[] = policy.ignore.map((e) => ({ ...e, status: e.expires !== null && e.expires < day ? 'expired' : 'unused', matched: 0 }));
  const sections = report.sections.map((s) => ({
    ...s,
    steps: s.steps.map((d) => {
      const changes = d.changes.map((c0) => {
        const c: Change = { ...c0 };
        const level = policy.levels[c.id];
        if (level && level !== c.level) {
          c.ruleLevel = c.level;
          c.level = level;
        }
        const hit = status.findIndex((e) => e.status !== 'expired' && fits(e, c, d));
        if (hit >= 0) {
          const e = status[hit]!;
          e.status = 'applied';
          e.matched++;
          c.ignored = { reason: e.reason, expires: e.expires };
        }
        return c;
      });
      sortChanges(changes);
      return { ...d, changes, counts: countChanges(changes) };
    }),
  }));
  const notes = [...report.notes];
  status.forEach((e, i) => {
    if (e.status === 'expired') notes.push(`Ignore entry ${i + 1} of ${policy.source ?? 'the config'} (${describe(e)}) expired on ${e.expires}: it no longer applies.`);
    else if (e.status === 'unused') notes.push(`Ignore entry ${i + 1} of ${policy.source ?? 'the config'} (${describe(e)}) matched no change.`);
  });
  return {
    ...report,
    notes,
    sections,
    counts: addCounts(sections.flatMap((s) => s.steps.map((d) => d.counts))),
    policy: { source: policy.source, today: day, levels: policy.levels, ignore: status },
  };
}
