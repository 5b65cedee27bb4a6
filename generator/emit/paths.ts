/**
 * The one module that maps names (products, versions, operations, kinds of request: anything a
 * page, the manifest or the config says) to file names. A name is never joined as a path: it is
 * mapped to one safe segment, so no value can make a file be written outside the output folder.
 *
 * A segment: NFC; letters, digits, marks, `-`, `_` and inner `.` only (everything else, `/`,
 * `\`, `..`, controls and invisible characters included, becomes `_`); not a Windows device
 * name (CON, NUL, COM1, ...); at most `max` UTF-8 bytes. A name that had to change gets a
 * stable suffix from its exact text (`~` and 8 hex digits), so two names never share a segment.
 * Among the segments of one folder, those equal once case and Unicode compatibility are folded
 * (`DescribeX` / `Describex`: one file on macOS and Windows) all get the suffix too.
 */
import { createHash } from 'node:crypto';

/** UTF-8 bytes of a segment before its suffix (paths stay well under 255 bytes: see `joinSafe`). */
export const SEGMENT_MAX_BYTES = 96;

const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

export function suffixOf(name: string): string {
  return `~${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

function utf8Cut(s: string, max: number): string {
  if (Buffer.byteLength(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > max) break;
    out += ch;
  }
  return out;
}

/** One safe file-name segment for `name` (without a case-collision suffix: see `folderNames`). */
export function segment(name: string, max = SEGMENT_MAX_BYTES): string {
  const nfc = name.normalize('NFC');
  let s = '';
  for (const ch of nfc) s += /[\p{L}\p{N}\p{M}_-]/u.test(ch) && !/[\p{Cf}]/u.test(ch) ? ch : ch === '.' ? '.' : '_';
  s = s.replace(/^\.+/, (m) => '_'.repeat(m.length)).replace(/\.+$/, (m) => '_'.repeat(m.length));
  s = s.replace(/\.{2,}/g, (m) => '_'.repeat(m.length));
  if (!s) s = '_';
  s = utf8Cut(s, max);
  // A device name stays one with any extension (`nul.txt`): such a segment gets a `_` first.
  if (WINDOWS_DEVICES.test(s.split('.')[0]!.trim())) s = `_${s}`;
  return s === name ? s : `${s}${suffixOf(name)}`;
}

/** The key under which two segments would be one file on a case-insensitive or normalising file system. */
export function foldKey(seg: string): string {
  return seg.normalize('NFKC').toLowerCase().normalize('NFKC').toUpperCase().toLowerCase();
}

/**
 * Segments for the entries of one folder, each `[key, text]` (the key: the exact name; the
 * text: what the segment is made of, e.g. the name in lower case): `segment(text)`, plus the
 * key's suffix for every entry whose segment folds to the same key as another's. Deterministic
 * whatever the order.
 */
export function folderNames(entries: Iterable<readonly [string, string]>, max = SEGMENT_MAX_BYTES): Map<string, string> {
  const out = new Map<string, string>();
  const byFold = new Map<string, string[]>();
  for (const [key, text] of entries) {
    if (out.has(key)) continue;
    const s = segment(text, max);
    out.set(key, s);
    const f = foldKey(s);
    byFold.set(f, [...(byFold.get(f) ?? []), key]);
  }
  for (const group of byFold.values()) {
    if (group.length < 2) continue;
    for (const key of group) out.set(key, `${out.get(key)!}${suffixOf(key)}`);
  }
  return out;
}

/** Segments joined by `/`: every part must be a segment made here (never a raw name). */
export function joinSafe(...parts: string[]): string {
  for (const p of parts) {
    if (!p || p === '.' || p === '..' || /[/\\\0]/.test(p)) throw new Error(`paths: ${JSON.stringify(p)} is not a safe segment`);
  }
  const path = parts.join('/');
  if (Buffer.byteLength(path) > 250) throw new Error(`paths: ${path.slice(0, 60)}… is longer than 250 bytes`);
  return path;
}
