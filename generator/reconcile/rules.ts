/**
 * Precedence rules: the one place that says which source wins when pages disagree.
 * Each rule has a stable id (conflict reports cite it) and a sentence (the README lists
 * them). `ReconcileOptions` — read from the config file — can reorder or switch them.
 */
import type { Lang } from '../model/ir.ts';

export interface Rule {
  id: string;
  applies: string;
  says: string;
}

export const RULES: Rule[] = [
  {
    id: 'structure-beats-type-column',
    applies: 'type',
    says: 'A structure shown by the request-syntax skeleton and not contradicted by the samples (object vs array, element type) beats a type column that contradicts it ("Array of runtime" against the single object every skeleton and sample shows).',
  },
  {
    id: 'declared-beats-sample',
    applies: 'type of nested fields',
    says: 'A type declared by a table or skeleton beats the JSON type of a sample value; the sample is reported as doc lint.',
  },
  {
    id: 'used-values-beat-mined-facts',
    applies: 'enum, range',
    says: 'A list of allowed values or a range read from the pages\' words that does not allow a value the pages themselves use (an example cell, a value a sample request sends) is not kept: the reading or the list does not hold (a range of CIDR blocks read as values, a list the page did not update); the conflict names the fact and the value with both lines.',
  },
  {
    id: 'samples-agree-on-json-type',
    applies: 'type of body fields',
    says: 'Where every sample request (two or more) sends a field as a JSON string holding what its declared type says ("size": "40" where the table says Long), that string is what travels: the field is typed string, and the conflict lists the declaration and the samples. Otherwise declared-beats-sample.',
  },
  {
    id: 'explicit-beats-empty',
    applies: 'required, and every mined fact',
    says: 'A page that states a fact beats a page that leaves it out (an empty required column says nothing).',
  },
  {
    id: 'required-only-if-every-page-has-it',
    applies: 'required',
    says: 'In an operation without variants, a parameter a page marks required is not required when another page of the operation, as new as that one, documents the request without it and requires something of its own that the first page does not have (pages for different uses of one operation: an edge and a regular scale-out, not an older version); the conflict lists the pages.',
  },
  {
    id: 'samples-show-optional',
    applies: 'required',
    says: 'A body parameter a page marks required is not required (for the kind, where there are kinds) when a parsed sample request of that kind leaves it out: the page shows a request without it (an ASK cluster "in an automatically created VPC" sends no vpcid).',
  },
  {
    id: 'newer-page-wins',
    applies: 'every fact',
    says: 'For the same fact, the page with the later date wins: "Last Updated" on the page, else its date in docs/manifest.json5.',
  },
  {
    id: 'language-tiebreak',
    applies: 'every fact, same date',
    says: 'Between pages of the same date the preferred language wins (English by default), then the file name, so the result never depends on reading order.',
  },
  {
    id: 'en-zh-must-agree',
    applies: 'twin pages',
    says: 'An English and a Chinese page of the same version (twins: same date, or paired in the manifest) must agree on every fact; a disagreement is reported as zh-en-mismatch (or existence) and then settled by the rules above.',
  },
  {
    id: 'discriminator-union',
    applies: 'enum of a variant discriminator',
    says: 'The parameter that tells the kinds apart (e.g. cluster_type) allows every value any page lists or any variant uses; a page that allows one value only speaks for one kind and does not narrow the others.',
  },
  {
    id: 'placement-newer-page-wins',
    applies: 'where a name sits',
    says: 'Where pages put the same name at different places (one lists it at the top or in a struct, a better-ranked page nests it elsewhere), the best-ranked page that has the name decides its place; the other placement is reported (existence) and dropped.',
  },
  {
    id: 'union-of-pages',
    applies: 'existence',
    says: 'A parameter exists when any page names it in a table or skeleton; a field seen only in samples is kept and marked sample-only.',
  },
];

export interface ReconcileOptions {
  /** 'newest' (default): later pages win; 'oldest': earlier pages win. */
  datePrecedence: 'newest' | 'oldest';
  /** Language that wins a tie of dates. */
  preferLanguage: Lang;
  /** Switch off structure-beats-type-column (then the type column wins by date like any fact). */
  structureBeatsTypeColumn: boolean;
}

export const DEFAULT_OPTIONS: ReconcileOptions = {
  datePrecedence: 'newest',
  preferLanguage: 'en',
  structureBeatsTypeColumn: true,
};

export interface Ranked {
  date: string | null;
  lang: Lang;
  file: string;
}

/**
 * Order sources best-first under newer-page-wins and language-tiebreak. Undated pages rank
 * below dated ones (the manifest should date every page; a missing date is reported).
 */
export function compareSources(a: Ranked, b: Ranked, opts: ReconcileOptions): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    const c = a.date < b.date ? 1 : -1;
    return opts.datePrecedence === 'newest' ? c : -c;
  }
  if (a.lang !== b.lang) return a.lang === opts.preferLanguage ? -1 : 1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}
