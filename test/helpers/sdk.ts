/**
 * The official Alibaba Cloud TypeScript SDKs as independent ground truth (exact-pinned
 * devDependencies `@alicloud/cs20151215`, `@alicloud/ecs20140526`), read without running a client:
 *
 * - each request/response model class has static `names()` (property → wire name) and `types()`
 *   (property → `'string'`, `'number'`, `'boolean'`, `'any'`, a model class,
 *   `{type: 'array', itemType}` or `{type: 'map', keyType, valueType}`);
 * - the `.d.ts` JSDoc line "This parameter is required." marks a required property;
 * - `client.js` holds one `<op>WithOptions(...)` method per operation: the wire location of each
 *   parameter (`query["Name"] = request.x`, `body["name"] = request.x`, path placeholders in
 *   `pathname`), which parameters travel JSON-encoded (`arrayToStringWithSpecifiedStyle(…, "json")`),
 *   the method and the style.
 *
 * Everything is flattened into wire paths: a path is the wire names from the top joined by `/`
 * (a name may hold a dot: `SystemDisk.Size` as one flat name is not `SystemDisk/Size`), and each
 * named field has a kind that spells its array levels out (`array<object>`), so that nesting,
 * array levels and wrapper levels (`Instances/Instance`: object, then array<object>) all count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './golden.ts';

export type WireIn = 'query' | 'body' | 'path' | 'header';

export interface WireField {
  /** Wire names from the top, `/`-joined. */
  path: string;
  /** `string` | `number` | `boolean` | `object` | `map` | `any`, wrapped in `array<…>` per array level. */
  kind: string;
  required: boolean;
}

export interface SdkOperation {
  name: string;
  style: 'RPC' | 'ROA';
  method: string;
  /** Path template with `{Name}` placeholders named as the SDK's client arguments. */
  pathname: string;
  /** Top-level request parameter (wire name) → where the client puts it. */
  location: Map<string, WireIn>;
  /** Top-level request parameters the client sends JSON-encoded. */
  json: Set<string>;
  request: Map<string, WireField>;
  response: Map<string, WireField>;
}

type SdkType = string | ModelClass | { type: 'array'; itemType: SdkType } | { type: 'map'; keyType: SdkType; valueType: SdkType };
interface ModelClass {
  name: string;
  names(): Record<string, string>;
  types(): Record<string, SdkType>;
}

const isModel = (t: unknown): t is ModelClass => typeof t === 'function' && typeof (t as unknown as ModelClass).names === 'function';

/** Kind of an SDK type, arrays spelled out. */
function kindOf(t: SdkType): string {
  if (isModel(t)) return 'object';
  if (typeof t === 'string') return t === 'number' || t === 'string' || t === 'boolean' ? t : t === 'any' ? 'any' : t === 'Readable' ? 'string' : 'any';
  if (t.type === 'array') return `array<${kindOf(t.itemType)}>`;
  return 'map';
}

/** The model class under a type's array levels, if any. */
function innerModel(t: SdkType): ModelClass | null {
  if (isModel(t)) return t;
  if (typeof t === 'object' && t.type === 'array') return innerModel(t.itemType);
  return null;
}

/** Properties of each declared class that the `.d.ts` JSDoc marks "This parameter is required.". */
function requiredProps(dir: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.d.ts')) continue;
    const text = readFileSync(join(dir, f), 'utf8');
    let cls: Set<string> | null = null;
    const re = /export declare class (\w+)|\/\*\*([\s\S]*?)\*\/\s*(\w+)\??:/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[1]) {
        cls = new Set();
        out.set(m[1], cls);
      } else if (cls && /This parameter is required\./.test(m[2]!)) cls.add(m[3]!);
    }
  }
  return out;
}

function flatten(cls: ModelClass, required: Map<string, Set<string>>, prefix: string, into: Map<string, WireField>, seen: Set<ModelClass>, skip: Set<string> = new Set()): void {
  if (seen.has(cls)) return;
  const next = new Set(seen).add(cls);
  const names = cls.names();
  const types = cls.types();
  const req = required.get(cls.name) ?? new Set();
  for (const [prop, wire] of Object.entries(names)) {
    if (skip.has(prop)) continue;
    const t = types[prop];
    if (t === undefined) continue;
    const path = prefix ? `${prefix}/${wire}` : wire;
    into.set(path, { path, kind: kindOf(t), required: req.has(prop) });
    const inner = innerModel(t);
    if (inner) flatten(inner, required, path, into, next);
  }
}

/** Each `<op>WithOptions` method of the client: its text, by operation name. */
function clientMethods(clientJs: string): Map<string, { args: string[]; body: string }> {
  const out = new Map<string, { args: string[]; body: string }>();
  const re = /\n {4}async (\w+)WithOptions\(([^)]*)\) \{\n([\s\S]*?)\n {4}\}\n/g;
  for (let m = re.exec(clientJs); m; m = re.exec(clientJs)) {
    const name = m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1);
    out.set(name, { args: m[2]!.split(',').map((s) => s.trim()), body: m[3]! });
  }
  return out;
}

export type SdkName = 'cs20151215' | 'ecs20140526';

const cache = new Map<SdkName, Map<string, SdkOperation>>();

/** Every operation of one SDK, by operation name (`CreateClusterNodePool`). */
export function loadSdk(pkg: SdkName): Map<string, SdkOperation> {
  const hit = cache.get(pkg);
  if (hit) return hit;
  const base = join(ROOT, 'node_modules', '@alicloud', pkg, 'dist');
  const require = createRequire(join(ROOT, 'package.json'));
  const models = require(join(base, 'models', 'model.js')) as Record<string, unknown>;
  const required = requiredProps(join(base, 'models'));
  const client = readFileSync(join(base, 'client.js'), 'utf8');
  const ops = new Map<string, SdkOperation>();
  for (const [name, m] of clientMethods(client)) {
    const style = /style: "ROA"/.test(m.body) ? 'ROA' : 'RPC';
    const method = /method: "(\w+)"/.exec(m.body)?.[1] ?? 'POST';
    const pathExpr = /pathname: (`[^`]*`|"[^"]*")/.exec(m.body)?.[1] ?? '"/"';
    const pathname = pathExpr.slice(1, -1).replace(/\$\{\$dara\.URL\.percentEncode\((\w+)\)\}/g, '{$1}');
    const location = new Map<string, WireIn>();
    const json = new Set<string>();
    for (const q of m.body.matchAll(/(query|body|realHeaders)\["([^"]+)"\] = /g)) location.set(q[2]!, q[1] === 'realHeaders' ? 'header' : (q[1] as WireIn));
    for (const j of m.body.matchAll(/arrayToStringWithSpecifiedStyle\([^,]+, "([^"]+)", "json"\)/g)) json.add(j[1]!);
    const pathArgs = m.args.filter((a) => !['request', 'tmpReq', 'headers', 'runtime'].includes(a));
    for (const a of pathArgs) location.set(a, 'path');

    const request = new Map<string, WireField>();
    const reqClass = models[`${name}Request`];
    // The whole body as one property (`body: toArray(request.body)`): its items are the body.
    const wholeBody = /body: openapi_core_2\.OpenApiUtil\.toArray\(request\.(\w+)\)/.exec(m.body)?.[1];
    if (isModel(reqClass)) flatten(reqClass, required, '', request, new Set(), new Set(wholeBody ? [wholeBody] : []));
    for (const a of pathArgs) request.set(a, { path: a, kind: 'string', required: true });

    const response = new Map<string, WireField>();
    const respClass = models[`${name}Response`];
    if (isModel(respClass)) {
      const bodyType = respClass.types().body;
      const inner = bodyType === undefined ? null : innerModel(bodyType);
      // A body that is an array of objects: its items' fields are the response's top level.
      if (inner) flatten(inner, required, '', response, new Set());
    }
    ops.set(name, { name, style, method, pathname, location, json, request, response });
  }
  cache.set(pkg, ops);
  return ops;
}
