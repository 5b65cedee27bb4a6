/**
 * The emitted JavaScript and declarations are TypeScript's printer output with the indentation
 * halved (emit/check.ts `halveIndent`): the same tokens, the same template text, two spaces a level.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { halveIndent } from '../generator/emit/check.ts';
import { ROOT } from './helpers/golden.ts';

/** Every token's text (comments included: their words must not change either, only the indent before them). */
function tokens(text: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, text);
  const out: string[] = [];
  const braces: boolean[] = [];
  for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) {
    if (k === ts.SyntaxKind.OpenBraceToken) braces.push(false);
    if (k === ts.SyntaxKind.CloseBraceToken && braces.pop()) k = scanner.reScanTemplateToken(false);
    if (k === ts.SyntaxKind.TemplateHead || k === ts.SyntaxKind.TemplateMiddle) braces.push(true);
    if (k === ts.SyntaxKind.WhitespaceTrivia || k === ts.SyntaxKind.NewLineTrivia) continue;
    out.push(scanner.getTokenText().replace(/\n */g, '\n'));
  }
  return out;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? (n === 'reports' ? [] : files(p)) : /\.(js|d\.ts)$/.test(n) ? [p] : [];
  });
}

describe('halveIndent', () => {
  it('halves the indent of code and comments, and keeps the lines of a template literal as they are', () => {
    const src = 'function f() {\n    const a = `x\n    y${1 + { a: 1 }.a}\n        z`;\n    /**\n     * doc\n     */\n    if (a) {\n        g(`one line`);\n    }\n}\n';
    expect(halveIndent(src)).toBe('function f() {\n  const a = `x\n    y${1 + { a: 1 }.a}\n        z`;\n  /**\n   * doc\n   */\n  if (a) {\n    g(`one line`);\n  }\n}\n');
  });

  it('changes no token of the committed package (indentation aside), and leaves it at two spaces a level', () => {
    const all = files(join(ROOT, 'generated'));
    expect(all.length).toBeGreaterThan(5);
    for (const f of all) {
      const text = readFileSync(f, 'utf8');
      // What TypeScript printed: the committed text with its indentation doubled back.
      const printed = text.replace(/^( +)/gm, (m) => ' '.repeat(Math.floor(m.length / 2) * 4 + (m.length % 2)));
      expect(halveIndent(printed), f).toBe(text);
      expect(tokens(halveIndent(printed)), f).toEqual(tokens(printed));
    }
  });
});
