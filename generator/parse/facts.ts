/**
 * Transitional: the facts miner lives in ./facts/ (one module per fact kind, the phrasings as data).
 * This re-export keeps `reconcile/restructure.ts` importing `mineFacts` from here until it moves to
 * `itemsFact` from ./facts/index.ts; then delete this file.
 */
export { itemsFact, mineFacts } from './facts/index.ts';
