/**
 * Reading one page's bytes, bounded, and the document that stands for a page left out.
 *
 * A page is read only when it is a regular file of at most MAX_PAGE_BYTES: stat (following links)
 * first, so a FIFO, a device or `/dev/zero` behind a `.md` link is never opened; then opened
 * non-blocking and checked again on the open file (fstat: the file may have been swapped since),
 * and read up to the cap plus one byte, never more. Anything else, and any error, is a
 * `page-skipped` diagnostic on a stand-in document (leftOutDocument), never a hang or a failed run.
 */
import * as nodeFs from 'node:fs';
import { createHash } from 'node:crypto';
import type { DocumentIR } from '../model/ir.ts';
import { detectFormat, detectLanguage } from '../read/lang.ts';

/** Pages larger than this are skipped (4 MiB: the largest page of the corpus is ~200 KB). */
export const MAX_PAGE_BYTES = 4 * 1024 * 1024;

export type PageRead = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/**
 * The bounded read. Self-contained (its modules come in as arguments): the lookup worker
 * (./lookup.ts) runs its source text, so there is one definition of what may be read.
 */
export function readPageBounded(fs: typeof nodeFs, abs: string, max: number): PageRead {
  const kind = (st: nodeFs.Stats): string =>
    st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : st.isSocket() ? 'a socket' : st.isDirectory() ? 'a folder' : 'not a regular file';
  const reason = (e: unknown): string => {
    const code = (e as { code?: string }).code;
    return code === 'ENOENT' ? 'cannot read it (no such file; a dangling link?)' : code === 'EACCES' || code === 'EPERM' ? 'cannot read it (permission denied)' : code === 'ELOOP' ? 'a symbolic link loop' : `cannot read it (${code ?? String(e)})`;
  };
  let st: nodeFs.Stats;
  try {
    st = fs.statSync(abs);
  } catch (e) {
    return { ok: false, reason: reason(e) };
  }
  if (!st.isFile()) return { ok: false, reason: `${kind(st)}, not a regular file` };
  if (st.size > max) return { ok: false, reason: `${st.size} bytes, over the ${max}-byte cap for a page` };
  let fd: number;
  try {
    fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { ok: false, reason: reason(e) };
  }
  try {
    const now = fs.fstatSync(fd);
    if (!now.isFile()) return { ok: false, reason: `${kind(now)}, not a regular file` };
    const buf = Buffer.allocUnsafe(Math.min(max, now.size) + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (buf.length > max) return { ok: false, reason: `over the ${max}-byte cap for a page (it grew while read)` };
        return { ok: true, bytes: buf.subarray(0, n) };
      }
      const got = fs.readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) return { ok: true, bytes: buf.subarray(0, n) };
      n += got;
    }
  } catch (e) {
    return { ok: false, reason: reason(e) };
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      /* closed */
    }
  }
}

/** readPageBounded with node:fs and the default cap (DOCS2TYPES_MAX_PAGE_BYTES overrides it, for tests). */
export function readPage(abs: string): PageRead {
  return readPageBounded(nodeFs, abs, maxPageBytes());
}

export function maxPageBytes(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.DOCS2TYPES_MAX_PAGE_BYTES);
  return Number.isInteger(v) && v > 0 ? v : MAX_PAGE_BYTES;
}

/**
 * The document that stands for a page left out: no tables, no rows, no operation, one
 * diagnostic saying why. It keeps the page visible in the IR and the reports (coverage counts
 * it) and contributes nothing to any operation. Never cached.
 */
export function leftOutDocument(file: string, code: 'page-failed' | 'page-skipped', message: string, bytes: Uint8Array | null = null, line = 1): DocumentIR {
  let lang: DocumentIR['lang'] = 'en';
  let format: DocumentIR['format'] = /\.md$/i.test(file) ? 'markdown' : 'text';
  if (bytes) {
    try {
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
      lang = detectLanguage(text);
      format = detectFormat(text.split('\n'));
    } catch {
      /* the defaults */
    }
  }
  return {
    file,
    hash: createHash('sha256')
      .update(bytes ?? new Uint8Array(0))
      .digest('hex')
      .slice(0, 16),
    lang,
    format,
    title: null,
    operation: null,
    identity: { kind: 'other', operation: null, rule: 'left-out', evidence: [] },
    product: null,
    version: null,
    style: null,
    method: null,
    path: null,
    lastUpdated: null,
    tables: [],
    request: [],
    response: [],
    skeleton: null,
    samples: [],
    diagnostics: [{ file, line, severity: code === 'page-failed' ? 'error' : 'warning', code, message }],
  };
}

/** The first line of an error's message, short (a diagnostic is one line). */
export function errorLine(e: unknown): string {
  const m = e instanceof Error ? `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}` : String(e);
  const first = m.split('\n')[0]!;
  return first.length > 300 ? `${first.slice(0, 297)}...` : first;
}

/** DOCS2TYPES_FAULT=page-throw:SUFFIX: parsing a page whose path ends with SUFFIX throws (tests). */
export function faultPage(file: string, env: NodeJS.ProcessEnv = process.env): void {
  const m = /^page-throw:(.+)$/.exec(env.DOCS2TYPES_FAULT ?? '');
  if (m && file.endsWith(m[1]!)) throw new Error(`DOCS2TYPES_FAULT: ${file} throws while it is parsed`);
}
