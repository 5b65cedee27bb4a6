/**
 * The code-construction layer (generator/emit/codegen) and the file-name mapping
 * (generator/emit/paths.ts): what a page can put into a name, a literal or a file name.
 */
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { code, ident, isBindingName, isIdentifierName, jsonLiteral, objectKey, propName, safeName, showInvisible, str } from '../generator/emit/codegen/index.ts';
import { docComment, escapeCommentText } from '../generator/emit/comments.ts';
import { camelCase, pascalCase } from '../generator/emit/naming.ts';
import { folderNames, foldKey, joinSafe, segment } from '../generator/emit/paths.ts';

/** What TypeScript's own parser makes of `const k = <expr>;`: the string value, or null when it is not one literal. */
function parsedString(expr: string): string | null {
  const sf = ts.createSourceFile('x.ts', `const k = ${expr};`, ts.ScriptTarget.ES2022, true);
  const st = sf.statements;
  if (st.length !== 1 || !ts.isVariableStatement(st[0]!)) return null;
  const init = st[0].declarationList.declarations[0]!.initializer!;
  return ts.isStringLiteral(init) ? init.text : null;
}

describe('codegen: quoting', () => {
  const hostile = ['x */ globalThis.pwned = 1; /*', '"; globalThis.pwned = 1; "', '\u2028\u2029', '\u202Eevil\u2066', 'a\u0000b', '\ud800', '${x}', '`'];
  it('turns every interpolated string into one string literal with the same value', () => {
    for (const h of hostile) {
      const c = code`${h}`;
      expect(parsedString(c.text), JSON.stringify(h)).toBe(h);
      expect(c.text).not.toMatch(/[\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\u0000]/);
    }
  });

  it('keeps Code as code and refuses anything else', () => {
    const inner = code`a + ${1}`;
    expect(code`(${inner}) * ${2}`.text).toBe('(a + 1) * 2');
    expect(() => code`${Number.NaN}`).toThrow();
    expect(() => code`${{} as unknown as string}`).toThrow();
  });

  it('decides identifiers with TypeScript 5.9 scanner, not V8: U+1C89 starts no identifier', () => {
    expect(/^\p{ID_Start}/u.test('\u1C89x')).toBe(true); // V8 (Unicode 16) says yes
    expect(isIdentifierName('\u1C89x')).toBe(false); // TypeScript says no
    expect(propName('\u1C89x').text).toBe('"\u1C89x"');
    expect(isIdentifierName('名称')).toBe(true);
    expect(isIdentifierName('a\u200Db')).toBe(false); // ZWJ: valid, but invisible, so quoted
    expect(isIdentifierName('class')).toBe(true);
    expect(isBindingName('class')).toBe(false);
    expect(() => ident('class')).toThrow();
    expect(() => ident('a b')).toThrow();
    expect(safeName('\u1C89start')).toBe('start'); // the character TypeScript refuses is dropped
    expect(isBindingName(safeName('\u1C89start'))).toBe(true);
    expect(isBindingName(pascalCase('x */ globalThis.pwned = 1; /*'))).toBe(true);
    expect(isBindingName(pascalCase('123'))).toBe(true);
    expect(isBindingName(pascalCase('interface'))).toBe(true);
  });

  it('names: odd casing is gone (APISamples → apiSamples, CSListTag → csListTag)', () => {
    expect(camelCase('APISamples')).toBe('apiSamples');
    expect(camelCase('CSListTagResources')).toBe('csListTagResources');
    expect(camelCase('CreateCluster')).toBe('createCluster');
    expect(camelCase('API')).toBe('api');
  });

  it('object keys: __proto__ is computed, so it stays data', () => {
    expect(objectKey('__proto__').text).toBe('["__proto__"]');
    const o = new Function(`return ${jsonLiteral(JSON.parse('{"__proto__": {"polluted": 1}, "a": [1, "x"]}')).text};`)() as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(o, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(str('\u202E').text).toBe('"\\u202e"');
  });

  it('comments: */ cannot end them, invisible characters are spelled out', () => {
    expect(escapeCommentText('a */ b')).toBe('a *\\/ b');
    expect(showInvisible('a\u202Eb\u200Bc\uFEFF')).toBe('a\\u202eb\\u200bc\\ufeff');
    const c = docComment(['x */ y \u2066z\u2069', 'next\u2028line']).text;
    expect(c).toBe('/**\n * x *\\/ y \\u2066z\\u2069\n * next\n * line\n */');
  });
});

describe('paths: names to file names', () => {
  it('maps a name to one safe segment: never a path, never a device name, never invisible', () => {
    for (const n of ['x/../../../../ESCAPED', '../..', '.', '..', 'a\\b', 'CON', 'nul.txt', 'com1', 'a\u202Eb', 'a\u0000b', ' lead', 'trail.', '']) {
      const s = segment(n);
      expect(s, n).not.toMatch(/[/\\\u0000-\u001f\u202a-\u202e]/);
      expect(s, n).not.toMatch(/^\.|\.$/);
      expect(s.split('.')[0]!.toLowerCase(), n).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/);
      expect(() => joinSafe('a', s)).not.toThrow();
    }
    expect(segment('DescribeInstances')).toBe('DescribeInstances'); // plain names stay as they are
    expect(segment('2014-05-26')).toBe('2014-05-26');
    expect(segment('x/../y')).not.toBe(segment('x_.._y'));
    expect(() => joinSafe('a', '..')).toThrow();
    expect(() => joinSafe('a/b')).toThrow();
  });

  it('keeps segments under 255 bytes (a 248-character operation name), distinct by a suffix of the exact name', () => {
    const long = `Describe${'Very'.repeat(60)}Long`;
    const s = segment(long);
    expect(Buffer.byteLength(s)).toBeLessThan(120);
    expect(segment(`${long}2`)).not.toBe(s);
    expect(Buffer.byteLength(segment('名'.repeat(200)))).toBeLessThan(120);
  });

  it('suffixes names that differ only in case or normalisation, the same whatever the order', () => {
    const names: Array<[string, string]> = [
      ['DescribeAutoSnapshotPolicyEX', 'DescribeAutoSnapshotPolicyEX'],
      ['DescribeAutoSnapshotPolicyEx', 'DescribeAutoSnapshotPolicyEx'],
      ['é', 'é'],
      ['e\u0301', 'e\u0301'],
      ['Other', 'Other'],
    ];
    const a = folderNames(names);
    const b = folderNames(names.slice().reverse());
    expect([...a].sort()).toEqual([...b].sort());
    expect(a.get('Other')).toBe('Other');
    const folded = [...a.values()].map(foldKey);
    expect(new Set(folded).size).toBe(folded.length);
    expect(a.get('DescribeAutoSnapshotPolicyEX')).toMatch(/^DescribeAutoSnapshotPolicyEX~[0-9a-f]{8}$/);
  });
});
