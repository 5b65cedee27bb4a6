/** Language and format detection: counts, no parse. */
import type { DocFormat, Lang } from '../model/ir.ts';

const CJK = /[\u3400-\u9fff]/g;
const LATIN_WORD = /[A-Za-z]{2,}/g;

/**
 * zh when Chinese characters make up a fair share of the words. Chinese pages are full of
 * ASCII (parameter names, JSON), English pages hold a few Chinese names, so compare the
 * count of CJK characters (about one word each... two chars per word on average) with the
 * count of Latin words.
 */
export function detectLanguage(text: string): Lang {
  const cjk = text.match(CJK)?.length ?? 0;
  const words = text.match(LATIN_WORD)?.length ?? 0;
  return cjk / 2 > words * 0.15 ? 'zh' : 'en';
}

/**
 * markdown when the page has markdown headings, pipe table rows (a delimiter row, or a row
 * that starts and ends with `|`), HTML tables or fences; text (scraped from HTML) otherwise.
 * Patterns anchored and without nested or adjacent quantifiers over the same characters, so
 * each line costs linear time.
 */
export function detectFormat(lines: string[]): DocFormat {
  let signals = 0;
  for (const l of lines) {
    const t = l.trim();
    if (/^#{1,6}\s/.test(l) || (t.startsWith('|') && t.length > 1 && t.endsWith('|')) || (t.includes('|') && /^:?-{2,}/.test(t.replace(/^\|\s*/, ''))) || /^ {0,3}(```|~~~)/.test(l) || /^<table[\s>]/i.test(t)) {
      if (++signals >= 2) return 'markdown';
    }
  }
  return 'text';
}
