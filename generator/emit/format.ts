/** Prettier with fixed options (never a config found on disk), so output is the same everywhere. */
import type { Options } from 'prettier';

const OPTIONS: Options = { printWidth: 110, singleQuote: true, trailingComma: 'all', endOfLine: 'lf' };

export function parserFor(path: string): string {
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.md')) return 'markdown';
  if (path.endsWith('.ts')) return 'typescript';
  return 'babel';
}

export async function formatFile(path: string, text: string): Promise<string> {
  // Loaded on first use: a run whose formatting is all memoized (./memo.ts) never loads it.
  const prettier = await import('prettier');
  return prettier.format(text, { ...OPTIONS, parser: parserFor(path) });
}
