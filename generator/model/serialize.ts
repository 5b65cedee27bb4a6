/** Stable serialisation of the IR: fixed key order (objects are built in a fixed order), sorted documents, no timestamps. */
import type { IR } from './ir.ts';

export function serializeIR(ir: IR): string {
  return `${JSON.stringify(ir, null, 2)}\n`;
}
