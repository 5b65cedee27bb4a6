/**
 * Type-check the generated TypeScript sources and compile them to ESM JavaScript plus .d.ts, in
 * memory: one ts-morph Project, in-memory file system, only the lib files the code needs, default
 * lib files not checked; `.d.ts` sources are checked and passed through. A type error throws
 * EmitCheckError naming file:line (and the line's text); the CLI then writes nothing.
 *
 * `transpileOnly` files (the big compiled validators) are turned into JavaScript without the
 * checker, which would cost seconds on every run; their declarations come from a hand-emitted
 * companion `.d.ts` in `sources`, which is checked. Tests run the same sources with
 * `transpileOnly: []`, so the implementation is type-checked in full there.
 */
import { performance } from 'node:perf_hooks';
import { Project, ts } from 'ts-morph';
import { EmitCheckError } from '../errors.ts';

const ROOT = '/package/';

export interface CompileOptions {
  /** Files compiled without type-checking (their `.d.ts` must be among the sources). */
  transpileOnly?: string[];
}

const COMPILER_OPTIONS = {
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

export function compileSources(sources: Map<string, string>, options: CompileOptions = {}): Map<string, string> {
  const transpileOnly = new Set(options.transpileOnly ?? []);
  const t0 = performance.now();
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: COMPILER_OPTIONS });
  if (process.env.DOCS2TYPES_TIMING === '1') console.error(`emit:   project ${Math.round(performance.now() - t0)} ms`);
  for (const [path, text] of sources) if (!transpileOnly.has(path)) project.createSourceFile(ROOT + path, text, { overwrite: true });
  // Syntax, global and semantic diagnostics of our files (lib files are not checked), then the
  // emit's own (declaration) diagnostics: each computed once.
  const timing = process.env.DOCS2TYPES_TIMING === '1';
  let t = performance.now();
  const lap = (what: string): void => {
    if (!timing) return;
    const now = performance.now();
    console.error(`emit:   ${what} ${Math.round(now - t)} ms`);
    t = now;
  };
  lap('files');
  const program = project.getProgram();
  lap('program');
  const own = project.getSourceFiles().filter((f) => f.getFilePath().startsWith(ROOT));
  const diagnostics = [...program.getGlobalDiagnostics()];
  for (const f of own) {
    diagnostics.push(...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f));
    lap(`check ${f.getBaseName()}`);
  }
  const emitted = diagnostics.length ? null : project.emitToMemory();
  lap('emit');
  if (emitted) diagnostics.push(...emitted.getDiagnostics());
  if (diagnostics.length) {
    const lines = diagnostics.slice(0, 10).map((d) => {
      const file = d.getSourceFile();
      const rel = file ? file.getFilePath().replace(ROOT, '') : '(global)';
      const line = d.getLineNumber() ?? 0;
      const text = file && line ? file.getFullText().split('\n')[line - 1]?.trim().slice(0, 160) : '';
      return `${rel}:${line}: ${ts.flattenDiagnosticMessageText(d.compilerObject.messageText, ' ')}${text ? `\n    ${text}` : ''}`;
    });
    throw new EmitCheckError(`generated code does not type-check (${diagnostics.length} error(s)):\n${lines.join('\n')}`);
  }
  const out = new Map<string, string>();
  for (const f of emitted!.getFiles()) out.set(f.filePath.replace(/^\/out\//, ''), f.text);
  for (const path of transpileOnly) {
    const text = sources.get(path);
    if (text === undefined) throw new Error(`emit: no source ${path}`);
    const js = ts.transpileModule(text, { compilerOptions: { target: COMPILER_OPTIONS.target, module: COMPILER_OPTIONS.module, isolatedModules: true, removeComments: false, newLine: COMPILER_OPTIONS.newLine }, fileName: path, reportDiagnostics: true });
    if (js.diagnostics?.length) throw new EmitCheckError(`generated code does not compile: ${path}: ${ts.flattenDiagnosticMessageText(js.diagnostics[0]!.messageText, ' ')}`);
    out.set(path.replace(/\.ts$/, '.js'), js.outputText);
  }
  // Declaration sources are part of the output as they are.
  for (const [path, text] of sources) if (path.endsWith('.d.ts')) out.set(path, text);
  return out;
}
