/**
 * Type-check generated TypeScript modules and compile them to ESM JavaScript plus .d.ts, in
 * memory: one ts-morph Project, in-memory file system, only the lib files the code needs, default
 * lib files not checked. Every file is checked in full (validators included). Each module is
 * judged alone: a module with an error gets its diagnostics back and no output, the others are
 * compiled; `compileSources` (all or nothing) throws EmitCheckError naming file:line instead.
 *
 * The JavaScript and declarations are TypeScript's printer output: formatted already, so no
 * prettier pass runs over them (see the README, "The generated package", for the numbers).
 */
import { Project, ts } from 'ts-morph';
import { EmitCheckError } from '../errors.ts';

const ROOT = '/package/';

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

/**
 * Check and compile `targets` (path → source); `context` files (path → source: the shared
 * runtime, declarations of modules the targets import) are in the program but not emitted.
 * Declaration (`.d.ts`) targets are checked and passed through as they are.
 */
export function compileModules(targets: Map<string, string>, context: Map<string, string> = new Map()): Map<string, ModuleResult> {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: COMPILER_OPTIONS });
  for (const [path, text] of context) project.createSourceFile(ROOT + path, text, { overwrite: true });
  for (const [path, text] of targets) project.createSourceFile(ROOT + path, text, { overwrite: true });
  const program = project.getProgram().compilerObject;
  const global = program.getGlobalDiagnostics();
  const out = new Map<string, ModuleResult>();
  for (const [path, text] of targets) {
    const sf = program.getSourceFile(ROOT + path)!;
    const diagnostics = [...global, ...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    const files = new Map<string, string>();
    if (!diagnostics.length) {
      if (path.endsWith('.d.ts')) files.set(path, text);
      else {
        const r = program.emit(sf, (name, data) => files.set(name.replace(/^\/out\//, ''), data));
        diagnostics.push(...r.diagnostics);
      }
    }
    out.set(path, diagnostics.length ? { ok: false, errors: diagnostics.slice(0, 10).map(describe) } : { ok: true, files });
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
