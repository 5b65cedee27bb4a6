/**
 * The one rule table of `docs2types diff`: every kind of change the differ can report, with a
 * stable id, a level and what it means for a caller. The differ (compare.ts) only ever emits
 * ids from this table; RULES.md mirrors it for people (a test keeps the two in step).
 *
 * Modelled on oasdiff's checker/rules.go (level, direction, location, action, stable id), for
 * human-written reference pages: "parameter" means a top-level parameter or a field of a
 * nested model (its path then shows the nesting: `worker_data_disks[].size`).
 *
 * Levels: `breaking` — a request that worked before may now fail, or a caller reading the
 * response may now break; `warning` — may break, depending on what the caller does;
 * `info` — cannot break a caller.
 */

export type Level = 'breaking' | 'warning' | 'info';
export type Direction = 'request' | 'response' | 'operation';
export type Location = 'operation' | 'parameter' | 'field';
export type Action = 'add' | 'remove' | 'change' | 'narrow' | 'widen' | 'set' | 'unset';

export interface Rule {
  id: string;
  level: Level;
  direction: Direction;
  location: Location;
  action: Action;
  /** What changed, one short line (also the heading of a change in reports). */
  title: string;
  /** Why it has this level. */
  why: string;
}

export const LEVELS: Level[] = ['breaking', 'warning', 'info'];

/** Rank for `--fail-on` and sorting: breaking 0, warning 1, info 2. */
export function levelRank(l: Level): number {
  return LEVELS.indexOf(l);
}

const r = (id: string, level: Level, direction: Direction, location: Location, action: Action, title: string, why: string): Rule => ({ id, level, direction, location, action, title, why });

export const DIFF_RULES: readonly Rule[] = [
  // --- operation -------------------------------------------------------------------------------
  r('operation-removed', 'breaking', 'operation', 'operation', 'remove', 'operation removed', 'callers of the operation have nothing to call'),
  r('operation-added', 'info', 'operation', 'operation', 'add', 'operation added', 'nothing a caller sends changes'),
  r('operation-method-changed', 'breaking', 'operation', 'operation', 'change', 'HTTP method changed', 'requests sent with the old method fail'),
  r('operation-path-changed', 'breaking', 'operation', 'operation', 'change', 'request path changed', 'requests sent to the old path fail'),
  r('operation-version-changed', 'info', 'operation', 'operation', 'change', 'API version changed', 'the page names another API version; callers pick the version they send'),

  // --- request: existence ----------------------------------------------------------------------
  r('request-parameter-added-required', 'breaking', 'request', 'parameter', 'add', 'new required request parameter', 'requests that do not send it are now invalid'),
  r('request-parameter-added-optional', 'info', 'request', 'parameter', 'add', 'new optional request parameter', 'existing requests stay valid (also when the page does not say whether it is required)'),
  r('request-parameter-removed', 'warning', 'request', 'parameter', 'remove', 'request parameter removed', 'callers that send it may be rejected or see it ignored'),
  r('request-field-added-required', 'breaking', 'request', 'field', 'add', 'new required field in a request model', 'objects sent without it are now invalid'),
  r('request-field-added-optional', 'info', 'request', 'field', 'add', 'new optional field in a request model', 'existing requests stay valid'),
  r('request-field-removed', 'warning', 'request', 'field', 'remove', 'field removed from a request model', 'callers that send it may be rejected or see it ignored'),

  // --- request: facts --------------------------------------------------------------------------
  r('request-parameter-became-required', 'breaking', 'request', 'parameter', 'change', 'request parameter became required', 'requests that leave it out are now invalid'),
  r('request-parameter-became-optional', 'info', 'request', 'parameter', 'change', 'request parameter became optional', 'every request that sent it stays valid'),
  r('request-parameter-type-changed', 'breaking', 'request', 'parameter', 'change', 'request parameter type changed', 'values of the old type may be rejected'),
  r('request-parameter-type-generalized', 'info', 'request', 'parameter', 'widen', 'request parameter type widened', 'every value of the old type is still a value of the new one (integer → number)'),
  r('request-parameter-position-changed', 'breaking', 'request', 'parameter', 'change', 'request parameter moved (body, query, path, header)', 'a value sent in the old place is not found'),
  r('request-parameter-enum-value-removed', 'breaking', 'request', 'parameter', 'narrow', 'allowed request value removed', 'requests sending that value may be rejected'),
  r('request-parameter-enum-value-added', 'info', 'request', 'parameter', 'widen', 'allowed request value added', 'existing values stay valid'),
  r('request-parameter-enum-set', 'warning', 'request', 'parameter', 'set', 'request parameter now lists its allowed values', 'values outside the list may now be rejected'),
  r('request-parameter-enum-unset', 'info', 'request', 'parameter', 'unset', 'request parameter no longer lists allowed values', 'nothing allowed before is forbidden'),
  r('request-parameter-default-changed', 'breaking', 'request', 'parameter', 'change', 'request parameter default changed', 'callers that leave it out get a different behaviour'),
  r('request-parameter-default-set', 'info', 'request', 'parameter', 'set', 'request parameter default now stated', 'the page states what was implicit'),
  r('request-parameter-default-unset', 'warning', 'request', 'parameter', 'unset', 'request parameter default no longer stated', 'callers that leave it out can no longer rely on the old default'),
  r('request-parameter-range-narrowed', 'breaking', 'request', 'parameter', 'narrow', 'request value range narrowed', 'values allowed before may be rejected'),
  r('request-parameter-range-widened', 'info', 'request', 'parameter', 'widen', 'request value range widened', 'every value allowed before is still allowed'),
  r('request-parameter-range-set', 'warning', 'request', 'parameter', 'set', 'request value range now stated', 'values outside the range may now be rejected'),
  r('request-parameter-range-unset', 'info', 'request', 'parameter', 'unset', 'request value range no longer stated', 'nothing allowed before is forbidden'),
  r('request-parameter-length-narrowed', 'breaking', 'request', 'parameter', 'narrow', 'request length limit narrowed', 'strings of a length allowed before may be rejected'),
  r('request-parameter-length-widened', 'info', 'request', 'parameter', 'widen', 'request length limit widened', 'every length allowed before is still allowed'),
  r('request-parameter-length-set', 'warning', 'request', 'parameter', 'set', 'request length limit now stated', 'longer or shorter strings may now be rejected'),
  r('request-parameter-length-unset', 'info', 'request', 'parameter', 'unset', 'request length limit no longer stated', 'nothing allowed before is forbidden'),
  r('request-parameter-items-narrowed', 'breaking', 'request', 'parameter', 'narrow', 'request item-count limit narrowed', 'lists of a size allowed before may be rejected'),
  r('request-parameter-items-widened', 'info', 'request', 'parameter', 'widen', 'request item-count limit widened', 'every list size allowed before is still allowed'),
  r('request-parameter-items-set', 'warning', 'request', 'parameter', 'set', 'request item-count limit now stated', 'lists of other sizes may now be rejected'),
  r('request-parameter-items-unset', 'info', 'request', 'parameter', 'unset', 'request item-count limit no longer stated', 'nothing allowed before is forbidden'),
  r('request-parameter-deprecated', 'warning', 'request', 'parameter', 'change', 'request parameter deprecated', 'it still works but may go; callers should move off it'),
  r('request-parameter-reactivated', 'info', 'request', 'parameter', 'change', 'request parameter no longer deprecated', 'callers may keep sending it'),
  r('request-parameter-description-changed', 'info', 'request', 'parameter', 'change', 'request parameter description changed', 'wording only as far as the differ can tell; read it (never reported across languages)'),

  // --- response ---------------------------------------------------------------------------------
  r('response-field-added', 'info', 'response', 'parameter', 'add', 'response field added', 'callers ignore what they do not read'),
  r('response-field-removed', 'breaking', 'response', 'parameter', 'remove', 'response field removed', 'callers that read it get nothing'),
  r('response-nested-field-added', 'info', 'response', 'field', 'add', 'field added to a response model', 'callers ignore what they do not read'),
  r('response-nested-field-removed', 'breaking', 'response', 'field', 'remove', 'field removed from a response model', 'callers that read it get nothing'),
  r('response-field-became-optional', 'warning', 'response', 'parameter', 'change', 'response field became optional', 'callers that expect it may find it missing'),
  r('response-field-became-required', 'info', 'response', 'parameter', 'change', 'response field became required', 'callers get it more often than before'),
  r('response-field-type-changed', 'breaking', 'response', 'parameter', 'change', 'response field type changed', 'callers parsing the old type may fail'),
  r('response-field-type-generalized', 'warning', 'response', 'parameter', 'widen', 'response field type widened', 'callers expecting the narrower type may get values they cannot hold'),
  r('response-field-enum-value-added', 'warning', 'response', 'parameter', 'widen', 'response value added', 'callers switching over the values may meet one they do not handle'),
  r('response-field-enum-value-removed', 'info', 'response', 'parameter', 'narrow', 'response value removed', 'callers simply stop seeing it'),
  r('response-field-enum-set', 'info', 'response', 'parameter', 'set', 'response field now lists its values', 'the page states what callers can get'),
  r('response-field-enum-unset', 'warning', 'response', 'parameter', 'unset', 'response field no longer lists its values', 'callers may get values they do not handle'),
  r('response-field-default-changed', 'info', 'response', 'parameter', 'change', 'response field default changed', 'the value is sent; callers read it'),
  r('response-field-default-set', 'info', 'response', 'parameter', 'set', 'response field default now stated', 'the page states what was implicit'),
  r('response-field-default-unset', 'info', 'response', 'parameter', 'unset', 'response field default no longer stated', 'the value is sent; callers read it'),
  r('response-field-range-narrowed', 'info', 'response', 'parameter', 'narrow', 'response value range narrowed', 'callers get fewer kinds of values'),
  r('response-field-range-widened', 'warning', 'response', 'parameter', 'widen', 'response value range widened', 'callers may get values outside what they expect'),
  r('response-field-range-set', 'info', 'response', 'parameter', 'set', 'response value range now stated', 'the page states what callers can get'),
  r('response-field-range-unset', 'info', 'response', 'parameter', 'unset', 'response value range no longer stated', 'no promise about values is left'),
  r('response-field-length-narrowed', 'info', 'response', 'parameter', 'narrow', 'response length limit narrowed', 'callers get shorter values'),
  r('response-field-length-widened', 'warning', 'response', 'parameter', 'widen', 'response length limit widened', 'callers with fixed buffers may get longer values'),
  r('response-field-length-set', 'info', 'response', 'parameter', 'set', 'response length limit now stated', 'the page states what callers can get'),
  r('response-field-length-unset', 'info', 'response', 'parameter', 'unset', 'response length limit no longer stated', 'no promise about length is left'),
  r('response-field-items-narrowed', 'info', 'response', 'parameter', 'narrow', 'response item-count limit narrowed', 'callers get fewer items'),
  r('response-field-items-widened', 'warning', 'response', 'parameter', 'widen', 'response item-count limit widened', 'callers may get more items than they expect'),
  r('response-field-items-set', 'info', 'response', 'parameter', 'set', 'response item-count limit now stated', 'the page states what callers can get'),
  r('response-field-items-unset', 'info', 'response', 'parameter', 'unset', 'response item-count limit no longer stated', 'no promise about the count is left'),
  r('response-field-deprecated', 'warning', 'response', 'parameter', 'change', 'response field deprecated', 'callers should stop reading it before it goes'),
  r('response-field-reactivated', 'info', 'response', 'parameter', 'change', 'response field no longer deprecated', 'callers may keep reading it'),
  r('response-field-description-changed', 'info', 'response', 'parameter', 'change', 'response field description changed', 'wording only as far as the differ can tell; read it (never reported across languages)'),
];

const BY_ID = new Map(DIFF_RULES.map((x) => [x.id, x]));

export function rule(id: string): Rule {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`diff rule ${id} is not in generator/diff/rules.ts`);
  return found;
}

/** The rule table as markdown (RULES.md is exactly this text; a test checks it). */
export function rulesMarkdown(): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  const lines = [
    '# docs2types diff: rule table',
    '',
    'Generated from `generator/diff/rules.ts` (`npx tsx generator/diff/cli.ts --rules`); a test keeps the two in step.',
    'Location *parameter* is a top-level request parameter or response field; *field* is a field of a nested model',
    '(its path shows the nesting: `worker_data_disks[].size`, `runtime.name`). Only adding and removing have separate ids for',
    'nested fields; a fact that changes (type, required, enum, ...) uses the `request-parameter-*` / `response-field-*` id at any',
    'depth. Descriptions are compared per language',
    '(English with English, Chinese with Chinese), so a zh page compared with an en page never reports a description change;',
    'a description whose only difference restates a fact change reported for the same parameter ("Default value: a" → "b")',
    'is not reported again. Levels can be changed per rule, and changes accepted, by the config\'s `diff` key (see the README).',
    '',
    '| id | level | direction | location | action | change | why this level |',
    '|---|---|---|---|---|---|---|',
    ...DIFF_RULES.map((x) => `| \`${x.id}\` | ${x.level} | ${x.direction} | ${x.location} | ${x.action} | ${esc(x.title)} | ${esc(x.why)} |`),
    '',
  ];
  return lines.join('\n');
}
