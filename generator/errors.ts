/**
 * Errors the CLI turns into one line and exit code 2: bad usage and bad input (a missing
 * folder, an unreadable file, a malformed config). Anything else is a bug and keeps its stack
 * under --debug.
 */
import JSON5 from 'json5';

export class InputError extends Error {
  override name = 'InputError';
}

/** Wrap a file-system error as an InputError naming the path. */
export function fsError(e: unknown, path: string, doing: string): InputError {
  const err = e as NodeJS.ErrnoException;
  const why = err.code === 'ENOENT' ? 'no such file or folder' : err.code === 'EACCES' ? 'permission denied' : err.code === 'EISDIR' ? 'is a folder' : (err.code ?? err.message);
  return new InputError(`${path}: cannot ${doing} (${why})`);
}

/** Parse a JSON5 file's text; a syntax error becomes an InputError naming file and line. */
export function parseJson5(text: string, file: string): unknown {
  try {
    return JSON5.parse(text);
  } catch (e) {
    const err = e as Error & { lineNumber?: number };
    throw new InputError(`${file}:${err.lineNumber ?? 1}: not valid JSON5: ${err.message.replace(/^JSON5: /, '')}`);
  }
}

/** The generated code does not type-check (or compile): nothing is written. */
export class EmitCheckError extends Error {
  override name = 'EmitCheckError';
}
