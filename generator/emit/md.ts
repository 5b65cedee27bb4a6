/**
 * The one place where text from the pages goes into a markdown report (reports/*.md, the diff
 * reports, the PR summary). Users paste these into pull requests, where a link, an image, raw
 * HTML, an autolink or an `@mention` coming from a page would be live: every such construct is
 * shown as literal text instead.
 *
 * Written by hand because no library renders "literal text" for GitHub's markdown: escaping is
 * per construct. How each is neutralised:
 * - HTML-significant characters become entities (`<img>`, `<https://…>` autolinks, raw HTML);
 * - ASCII punctuation that can open a construct is backslash-escaped (`[`, `*`, `~`, `` ` ``,
 *   `\`, `_` at a word's edge, `#` at the start): no link, image, reference, emphasis, heading or
 *   code span can form (with `[` escaped, `](`, `![` and `]:` cannot either);
 * - `|` is escaped (it would end a table cell) and line breaks become `<br>` inside tables;
 * - what GitHub links without any syntax (bare `https://…`, `www.…`, e-mail addresses and
 *   `@mentions`, `#123` issue refs) is put in a code span, where GitHub links nothing; a code span's
 *   content is shown as it is, so the text reads the same.
 * The test parses the output with remark-gfm and checks that nothing but text and code remains.
 */

/** Bare URLs, www. hosts, e-mail addresses, @mentions and #123 references: what GitHub links by itself. */
const LINKISH = /(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|www\.)[^\s<>|]*|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|(?<![A-Za-z0-9_`])@[A-Za-z0-9][A-Za-z0-9_-]*(?:\/[A-Za-z0-9._-]+)?|(?<![A-Za-z0-9_&])#\d+\b/g;

/** Markdown punctuation that can start an inline construct (`_` only where it can flank emphasis). */
const PUNCT = /[\\`*~[]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|^#/g;

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(PUNCT, '\\$&').replace(/\|/g, '\\|');
}

/** A code span holding `s` literally (fenced by more backticks than any run inside it). */
export function mdCodeSpan(s: string): string {
  const runs = s.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || s === '' ? ' ' : '';
  // Inside a GFM table a `|` still ends the cell unless escaped, even in a code span.
  return `${fence}${pad}${s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

/** Page text as literal inline markdown (one paragraph or table cell; line breaks become `<br>`). */
export function mdText(value: unknown): string {
  const s = String(value ?? '').replace(/\r\n?/g, '\n');
  let out = '';
  let last = 0;
  for (const m of s.matchAll(LINKISH)) {
    out += escapeText(s.slice(last, m.index));
    out += mdCodeSpan(m[0]);
    last = m.index + m[0].length;
  }
  out += escapeText(s.slice(last));
  return out.replace(/\n/g, '<br>');
}

/** `mdText`, shortened to `max` characters first (long descriptions in tables). */
export function mdTextShort(value: unknown, max: number): string {
  let s = String(value ?? '').replace(/\r\n?/g, '\n');
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  return mdText(s);
}
