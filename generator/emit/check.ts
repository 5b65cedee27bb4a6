/**
 * Type-check generated TypeScript modules and compile them to ESM JavaScript plus .d.ts, in
 * memory: one TypeScript program per batch (the compiler that ts-morph ships, its lib files,
 * parsed once per process), only the lib files the code needs, default lib files not checked. Every file is checked in full (validators included). Each module is
 * judged alone: a module with an error gets its diagnostics back and no output, the others are
 * compiled; `compileSources` (all or nothing) throws EmitCheckError naming file:line instead.
 *
 * The JavaScript and declarations are TypeScript's printer output: formatted already, so no
 * prettier pass runs over them (see the README, "The generated package", for the numbers).
 */
import { createRequire } from 'node:module';
import { ts } from 'ts-morph';
import { EmitCheckError } from '../errors.ts';

const ROOT = '/package/';
const LIB = '/lib/';

export const COMPILER_OPTIONS = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ES2022,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es5.d.ts', 'lib.es2015.core.d.ts', 'lib.es2015.collection.d.ts'],
  types: [],
  strict: true,
  declaration: true,
  skipLibCheck: false,
  skipDefaultLibCheck: true,
  noEmitOnError: false,
  removeComments: false,
  isolatedModules: true,
  newLine: ts.NewLineKind.LineFeed,
  outDir: '/out',
  rootDir: ROOT,
} satisfies ts.CompilerOptions;

export type ModuleResult = { ok: true; files: Map<string, string> } | { ok: false; errors: string[] };

/** TypeScript's lib files, as ts-morph ships them (no file system needed). */
let libTexts: Map<string, string> | null = null;
function libs(): Map<string, string> {
  if (!libTexts) {
    const req = createRequire(createRequire(import.meta.url).resolve('ts-morph'));
    const common = req('@ts-morph/common') as { getLibFiles(): Array<{ fileName: string; text: string }> };
    libTexts = new Map(common.getLibFiles().map((f) => [LIB + f.fileName, f.text]));
  }
  return libTexts;
}

/** Lib files parsed once per process: every program of a run shares them. */
const libFiles = new Map<string, ts.SourceFile>();

/**
 * Generated sources are parsed without their JSDoc (`JSDocParsingMode.ParseNone`): the checker
 * needs none of it, and the emitter copies comments from the text. That saves the parse of
 * several MB of documentation on the corpus.
 */
function sourceFile(name: string, text: string, lib: boolean): ts.SourceFile {
  return ts.createSourceFile(name, text, { languageVersion: COMPILER_OPTIONS.target, jsDocParsingMode: lib ? ts.JSDocParsingMode.ParseAll : ts.JSDocParsingMode.ParseNone }, false);
}

function host(files: Map<string, string>): ts.CompilerHost {
  const lib = libs();
  return {
    getSourceFile(name) {
      const own = files.get(name);
      if (own !== undefined) return sourceFile(name, own, false);
      const cached = libFiles.get(name);
      if (cached) return cached;
      const text = lib.get(name);
      if (text === undefined) return undefined;
      const sf = sourceFile(name, text, true);
      libFiles.set(name, sf);
      return sf;
    },
    getDefaultLibFileName: () => `${LIB}lib.d.ts`,
    getDefaultLibLocation: () => LIB.slice(0, -1),
    writeFile: () => {},
    getCurrentDirectory: () => ROOT,
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (f) => files.has(f) || lib.has(f),
    readFile: (f) => files.get(f) ?? lib.get(f),
    directoryExists: () => true,
    getDirectories: () => [],
  };
}

/**
 * Check and compile `targets` (path → source); `context` files (path → source: the shared
 * runtime, declarations of modules the targets import) are in the program but not emitted.
 * Declaration (`.d.ts`) targets are checked and passed through as they are.
 */
export function compileModules(targets: Map<string, string>, context: Map<string, string> = new Map()): Map<string, ModuleResult> {
  const files = new Map<string, string>();
  for (const [path, text] of context) files.set(ROOT + path, text);
  for (const [path, text] of targets) files.set(ROOT + path, text);
  const program = ts.createProgram({ rootNames: [...files.keys()], options: COMPILER_OPTIONS, host: host(files) });
  const global = [...program.getGlobalDiagnostics(), ...program.getOptionsDiagnostics()];
  const out = new Map<string, ModuleResult>();
  for (const [path, text] of targets) {
    const sf = program.getSourceFile(ROOT + path)!;
    const diagnostics = [...global, ...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    const emitted = new Map<string, string>();
    if (!diagnostics.length) {
      if (path.endsWith('.d.ts')) emitted.set(path, text);
      else {
        const r = program.emit(sf, (name, data) => emitted.set(name.replace(/^\/out\//, ''), halveIndent(data)));
        diagnostics.push(...r.diagnostics);
      }
    }
    out.set(path, diagnostics.length ? { ok: false, errors: diagnostics.slice(0, 10).map(describe) } : { ok: true, files: emitted });
  }
  return out;
}

/**
 * TypeScript's printer indents by four spaces and has no option for it; halve the indentation of
 * every line (a quarter of the package's bytes was leading spaces). A line that starts inside a
 * template literal is left as it is (the only token whose text can span lines and would change);
 * a line inside a comment keeps its alignment (` * ` follows the halved indent). Written by hand:
 * a formatter pass over the package costs about as much as the whole run (see the README).
 */
export function halveIndent(text: string): string {
  // Offsets inside template text: [start, end) of every template token.
  const inside: Array<[number, number]> = [];
  if (text.includes('`')) {
    const scanner = ts.createScanner(COMPILER_OPTIONS.target, false, ts.LanguageVariant.Standard, text);
    const braces: boolean[] = []; // per open `{`: does it open a template's `${`?
    for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) {
      if (k === ts.SyntaxKind.OpenBraceToken) braces.push(false);
      else if (k === ts.SyntaxKind.CloseBraceToken) {
        if (braces.pop()) {
          k = scanner.reScanTemplateToken(false);
          inside.push([scanner.getTokenStart(), scanner.getTokenEnd()]);
          if (k === ts.SyntaxKind.TemplateMiddle) braces.push(true);
        }
      } else if (k === ts.SyntaxKind.NoSubstitutionTemplateLiteral || k === ts.SyntaxKind.TemplateHead) {
        inside.push([scanner.getTokenStart(), scanner.getTokenEnd()]);
        if (k === ts.SyntaxKind.TemplateHead) braces.push(true);
      }
    }
  }
  let out = '';
  let at = 0;
  let t = 0;
  for (const line of text.split('\n')) {
    while (t < inside.length && inside[t]![1] <= at) t++;
    const kept = t < inside.length && inside[t]![0] < at && at < inside[t]![1];
    let n = 0;
    while (line.charCodeAt(n) === 32) n++;
    out += (at ? '\n' : '') + (kept ? line : ' '.repeat(Math.floor(n / 4) * 2 + (n % 4)) + line.slice(n));
    at += line.length + 1;
  }
  return out;
}

function describe(d: ts.Diagnostic): string {
  const file = d.file;
  const rel = file ? file.fileName.replace(ROOT, '') : '(global)';
  const line = file && d.start !== undefined ? file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
  const text = file && line ? file.text.split('\n')[line - 1]?.trim().slice(0, 160) : '';
  return `${rel}:${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}${text ? `\n    ${text}` : ''}`;
}

/** All or nothing: every file checked and compiled, or EmitCheckError with the first errors. */
export function compileSources(sources: Map<string, string>): Map<string, string> {
  const results = compileModules(sources);
  const errors = [...results.values()].flatMap((r) => (r.ok ? [] : r.errors));
  if (errors.length) throw new EmitCheckError(`generated code does not type-check (${errors.length} error(s)):\n${errors.slice(0, 10).join('\n')}`);
  const out = new Map<string, string>();
  for (const r of results.values()) if (r.ok) for (const [k, v] of r.files) out.set(k, v);
  return out;
}
