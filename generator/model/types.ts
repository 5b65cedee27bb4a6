/** Small pure helpers over the IR's types, for every stage that reads them. */
import type { TypeRef } from './ir.ts';

/** Compact text form for reports and goldens: `string`, `array<ref:tag>`, `map<integer>`. */
export function typeToString(t: TypeRef): string {
  switch (t.kind) {
    case 'array':
      return `array<${typeToString(t.items)}>`;
    case 'map':
      return `map<${typeToString(t.values)}>`;
    case 'ref':
      return `ref:${t.name}`;
    default:
      return t.kind;
  }
}
