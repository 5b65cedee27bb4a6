/**
 * Errors the CLI turns into one line and exit code 2: bad usage and bad input (a missing
 * folder, an unreadable file, a malformed config). Anything else is a bug and keeps its stack
 * under --debug.
 */
export class InputError extends Error {
  override name = 'InputError';
}

/** Wrap a file-system error as an InputError naming the path. */
export function fsError(e: unknown, path: string, doing: string): InputError {
  const err = e as NodeJS.ErrnoException;
  const why = err.code === 'ENOENT' ? 'no such file or folder' : err.code === 'EACCES' ? 'permission denied' : err.code === 'EISDIR' ? 'is a folder' : (err.code ?? err.message);
  return new InputError(`${path}: cannot ${doing} (${why})`);
}
