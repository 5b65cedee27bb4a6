/**
 * The read stage: turn a file's bytes into a ReadDocument (lines, headings, fences, raw
 * tables with positions). No knowledge of any particular operation lives here.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../model/ir.ts';
import { detectFormat, detectLanguage } from './lang.ts';
import { readMarkdown } from './markdown.ts';
import { readText } from './text.ts';
import type { Link, ReadDocument } from './types.ts';

export type { ReadDocument } from './types.ts';

export function contentHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** Decode bytes as UTF-8, reporting (not hiding) bytes that are not UTF-8. */
export function decode(file: string, bytes: Uint8Array): { text: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    diagnostics.push({ file, line, severity: 'warning', code: 'invalid-utf8', message: 'bytes that are not UTF-8 were replaced by U+FFFD (first on this line)' });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, diagnostics };
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function readDocument(file: string, bytes: Uint8Array): ReadDocument {
  const { text, diagnostics } = decode(file, bytes);
  const lines = splitLines(text);
  const format = detectFormat(lines);
  const lang = detectLanguage(text);
  const hash = contentHash(bytes);
  if (format === 'markdown') {
    const md = readMarkdown(file, lines);
    return { file, hash, lang, format, lines, headings: md.headings, fences: md.fences, links: md.links, tables: md.tables, diagnostics: [...diagnostics, ...md.diagnostics] };
  }
  const tx = readText(file, lines);
  // Scraped text has no link syntax: a link is a bare URL.
  const links = (select: (line: string) => boolean = () => true): Link[] => {
    const out: Link[] = [];
    lines.forEach((l, i) => {
      if (!l.includes('http') || !select(l)) return;
      for (const m of l.matchAll(/https?:\/\/[^\s)\]]+/g)) out.push({ url: m[0], text: '', line: i + 1 });
    });
    return out;
  };
  return { file, hash, lang, format, lines, headings: tx.headings, fences: [], links, tables: tx.tables, diagnostics: [...diagnostics, ...tx.diagnostics] };
}
