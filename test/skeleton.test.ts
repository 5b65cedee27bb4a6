import { describe, expect, it } from 'vitest';
import { seedLines } from './helpers/golden.ts';
import fc from 'fast-check';
import { extractSkeleton, normaliseSkeletonType } from '../generator/parse/skeleton.ts';
import type { SkeletonNode, TextLine } from '../generator/model/ir.ts';


const seed = seedLines;

/** The lines after the request-syntax heading up to the request-parameters heading (found by text). */
function syntaxSection(lines: TextLine[]): TextLine[] {
  const start = lines.findIndex((l) => /^(##\s*)?(请求语法|Request syntax|Request structure)\s*$/.test(l.text.trim()));
  const end = lines.findIndex((l, i) => i > start && /^(##\s*)?(请求参数|Request parameters)\s*$/.test(l.text.trim()));
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return lines.slice(start + 1, end);
}

function toLines(text: string, first = 1): TextLine[] {
  return text.split('\n').map((t, i) => ({ text: t, line: first + i }));
}

/** A compact picture of a node: scalars as their type, arrays as `[items]`, objects as `{field: ...}`. */
function shape(n: SkeletonNode | null): unknown {
  if (!n) return null;
  if (n.kind === 'scalar') return n.type;
  if (n.kind === 'array') return [shape(n.items)];
  return Object.fromEntries(n.fields.map((f) => [f.name, shape(f.node)]));
}

/** Every field's line must be the line that names it. */
function checkFieldLines(n: SkeletonNode | null, byLine: Map<number, string>): number {
  if (!n) return 0;
  if (n.kind === 'scalar') return 0;
  if (n.kind === 'array') return checkFieldLines(n.items, byLine);
  let count = 0;
  for (const f of n.fields) {
    expect(byLine.get(f.line), `field ${f.name} at line ${f.line}`).toContain(`"${f.name}"`);
    expect(f.node.line).toBe(f.line); // values sit on the line of their name in these skeletons
    count += 1 + checkFieldLines(f.node, byLine);
  }
  return count;
}

describe('normaliseSkeletonType', () => {
  it('maps the type words of the skeletons', () => {
    expect(normaliseSkeletonType('String')).toBe('string');
    expect(normaliseSkeletonType('Long')).toBe('integer');
    expect(normaliseSkeletonType('Integer')).toBe('integer');
    expect(normaliseSkeletonType('Int')).toBe('integer');
    expect(normaliseSkeletonType('Double')).toBe('number');
    expect(normaliseSkeletonType('Float')).toBe('number');
    expect(normaliseSkeletonType('Number')).toBe('number');
    expect(normaliseSkeletonType('Boolean')).toBe('boolean');
    expect(normaliseSkeletonType('bool')).toBe('boolean');
    expect(normaliseSkeletonType('Object')).toBe('unknown');
  });
});

describe('extractSkeleton on the seeds', () => {
  it('000 (zh): request line only, no body', () => {
    const { name, lines } = seed('000');
    const r = extractSkeleton(syntaxSection(lines), name);
    expect(r.diagnostics).toEqual([]);
    expect(r.skeleton).toEqual({ requestLine: 'POST /clusters', body: null, source: { file: name, line: 16 } });
  });

  it('001 (en, text page): every field with its type and line', () => {
    const { name, lines } = seed('001');
    const r = extractSkeleton(syntaxSection(lines), name);
    expect(r.diagnostics).toEqual([]);
    const sk = r.skeleton!;
    expect(sk.requestLine).toBe('POST /clusters HTTP/1.1'); // trailing space dropped
    expect(sk.source).toEqual({ file: name, line: 9 });
    expect(sk.body!.kind).toBe('object');
    expect(sk.body!.line).toBe(11);
    const expected = {
      name: 'string',
      region_id: 'string',
      cluster_type: 'string',
      cluster_spec: 'string',
      kubernetes_version: 'string',
      runtime: { name: 'string', version: 'string' },
      vpcid: 'string',
      pod_vswitch_ids: ['string'],
      container_cidr: 'string',
      service_cidr: 'string',
      security_group_id: 'string',
      is_enterprise_security_group: 'boolean',
      snat_entry: 'boolean',
      endpoint_public_access: 'boolean',
      timezone: 'string',
      node_cidr_mask: 'string',
      user_data: 'string',
      cluster_domain: 'string',
      node_name_mode: 'string',
      custom_san: 'string',
      encryption_provider_key: 'string',
      service_account_issuer: 'string',
      api_audiences: 'string',
      image_id: 'string',
      rds_instances: ['string'],
      tags: [{ key: 'string', value: 'string' }],
      addons: [{ name: 'string', config: 'string', disabled: 'boolean' }],
      taints: [{ key: 'string', value: 'string', effect: 'string' }],
      cloud_monitor_flags: 'boolean',
      platform: 'string',
      os_type: 'string',
      soc_enabled: 'boolean',
      cis_enabled: 'boolean',
      cpu_policy: 'string',
      proxy_mode: 'string',
      key_pair: 'string',
      login_password: 'string',
      num_of_nodes: 'integer',
      vswitch_ids: ['string'],
      worker_instance_types: ['string'],
      worker_system_disk_category: 'string',
      worker_system_disk_size: 'integer',
      worker_data_disks: [{ category: 'string', size: 'integer', encrypted: 'string', auto_snapshot_policy_id: 'string' }],
      worker_instance_charge_type: 'string',
      worker_period_unit: 'string',
      worker_period: 'integer',
      worker_auto_renew: 'boolean',
      worker_auto_renew_period: 'integer',
      instances: ['string'],
      format_disk: 'boolean',
      keep_instance_name: 'boolean',
      controlplane_log_ttl: 'string',
      controlplane_log_project: 'string',
      controlplane_log_components: ['string'],
      deletion_protection: 'boolean',
      disable_rollback: 'boolean',
      timeout_mins: 'integer',
    };
    expect(shape(sk.body)).toEqual(expected);
    const body = sk.body as Extract<SkeletonNode, { kind: 'object' }>;
    expect(body.fields.map((f) => f.name)).toEqual(Object.keys(expected)); // page order kept
    const byLine = new Map(lines.map((l) => [l.line, l.text]));
    expect(checkFieldLines(sk.body, byLine)).toBe(57 + 2 + 2 + 3 + 3 + 4);
    // raw type words are kept
    const nodes = body.fields.find((f) => f.name === 'num_of_nodes')!;
    expect(nodes.node).toEqual({ kind: 'scalar', type: 'integer', raw: 'Long', line: 63 });
    const tags = body.fields.find((f) => f.name === 'tags')!;
    expect(tags.line).toBe(40);
    expect(tags.node.kind === 'array' && tags.node.items?.kind === 'object' && tags.node.items.line).toBe(40);
  });

  it('002 (en): the deep nodepools structure', () => {
    const { name, lines } = seed('002');
    const r = extractSkeleton(syntaxSection(lines), name);
    expect(r.diagnostics).toEqual([]);
    const sk = r.skeleton!;
    expect(sk.requestLine).toBe('POST /clusters HTTP/1.1');
    expect(sk.source.line).toBe(17);
    const body = sk.body as Extract<SkeletonNode, { kind: 'object' }>;
    expect(body.fields).toHaveLength(34);
    const nodepools = body.fields.find((f) => f.name === 'nodepools')!;
    expect(nodepools.line).toBe(lines.find((l) => l.text.trim().startsWith('"nodepools" :'))!.line);
    expect(shape(nodepools.node)).toEqual([
      {
        auto_scaling: {
          enable: 'boolean',
          max_instances: 'integer',
          min_instances: 'integer',
          type: 'string',
          is_bond_eip: 'boolean',
          eip_internet_charge_type: 'string',
          eip_bandwidth: 'integer',
        },
        kubernetes_config: {
          cms_enabled: 'boolean',
          cpu_policy: 'string',
          labels: [{ key: 'string', value: 'string' }],
          runtime: 'string',
          runtime_version: 'string',
          taints: [{ key: 'string', value: 'string', effect: 'string' }],
          user_data: 'string',
        },
        nodepool_info: { name: 'string', resource_group_id: 'string' },
        scaling_group: {
          auto_renew: 'boolean',
          auto_renew_period: 'integer',
          data_disks: [{ category: 'string', size: 'integer', encrypted: 'string', auto_snapshot_policy_id: 'string' }],
          image_id: 'string',
          instance_charge_type: 'string',
          instance_types: ['string'],
          key_pair: 'string',
          login_password: 'string',
          period: 'integer',
          period_unit: 'string',
          platform: 'string',
          rds_instances: ['string'],
          spot_strategy: 'string',
          spot_price_limit: [{ instance_type: 'string', price_limit: 'string' }],
          scaling_policy: 'string',
          security_group_id: 'string',
          security_group_ids: ['string'],
          system_disk_category: 'string',
          system_disk_size: 'integer',
          tags: [{ key: 'string', value: 'string' }],
          vswitch_ids: ['string'],
          multi_az_policy: 'string',
          on_demand_base_capacity: 'integer',
          on_demand_percentage_above_base_capacity: 'integer',
          spot_instance_pools: 'integer',
          spot_instance_remedy: 'boolean',
          compensate_with_on_demand: 'boolean',
          internet_charge_type: 'string',
          internet_max_bandwidth_out: 'integer',
        },
        tee_config: { tee_enable: 'boolean' },
        management: {
          enable: 'boolean',
          auto_repair: 'boolean',
          upgrade_config: { auto_upgrade: 'boolean', surge: 'integer', surge_percentage: 'integer', max_unavailable: 'integer' },
        },
        count: 'integer',
      },
    ]);
    const byLine = new Map(lines.map((l) => [l.line, l.text]));
    checkFieldLines(sk.body, byLine);
    // a few exact lines, looked up by text
    const np = nodepools.node as Extract<SkeletonNode, { kind: 'array' }>;
    const item = np.items as Extract<SkeletonNode, { kind: 'object' }>;
    const at = (re: RegExp) => lines.find((l) => re.test(l.text.trim()))!.line;
    expect(item.fields.find((f) => f.name === 'count')!.line).toBe(at(/^"count" : Long/));
    const mgmt = item.fields.find((f) => f.name === 'management')!.node as Extract<SkeletonNode, { kind: 'object' }>;
    expect(mgmt.fields.find((f) => f.name === 'upgrade_config')!.line).toBe(at(/^"upgrade_config" : \{/));
  });

  it('003 and 004 read without diagnostics', () => {
    for (const p of ['003', '004']) {
      const { name, lines } = seed(p);
      const r = extractSkeleton(syntaxSection(lines), name);
      expect(r.diagnostics).toEqual([]);
      expect(r.skeleton!.requestLine).toBe('POST /clusters HTTP/1.1');
      expect(r.skeleton!.body!.kind).toBe('object');
    }
    // 004: runtime is an object in the skeleton, rds_instances an array of strings
    const { name, lines } = seed('004');
    const body = extractSkeleton(syntaxSection(lines), name).skeleton!.body;
    const s = shape(body) as Record<string, unknown>;
    expect(s['runtime']).toEqual({ name: 'string', version: 'string' });
    expect(s['rds_instances']).toEqual(['string']);
  });
});

describe('extractSkeleton on other shapes', () => {
  it('a fenced markdown skeleton (csk history/CreateCluster.en-US.29fd005fd.2021-06-03.md, shape)', () => {
    const r = extractSkeleton(
      toLines(
        [
          '',
          '```',
          'POST /clusters HTTP/1.1 ',
          'Content-Type:application/json',
          '{',
          '  "name" : "String",',
          '  "worker_data_disks" : [ {',
          '    "size" : Long,',
          '    "ratio" : Double',
          '  } ],',
          '  "count" : Integer',
          '}',
          '```',
          '',
        ].join('\n'),
        10,
      ),
      'h.md',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.skeleton!.source).toEqual({ file: 'h.md', line: 12 });
    expect(shape(r.skeleton!.body)).toEqual({ name: 'string', worker_data_disks: [{ size: 'integer', ratio: 'number' }], count: 'integer' });
  });

  it('request lines as the csk pages write them (lower case, `http|https`, `POST|PUT`)', () => {
    // csk/intl.en-US/API Reference/Node pools/Create a node pool.md
    expect(extractSkeleton(toLines('\n```\npost /clusters/{ClusterId}/nodepools http|https\n```\n'), 'x.md').skeleton!.requestLine).toBe(
      'post /clusters/{ClusterId}/nodepools http|https',
    );
    // csk/intl.en-US/API Reference/Applications/Create an application deployment template.md
    const r = extractSkeleton(toLines('```\nPOST|PUT /templates HTTPS|HTTP\n```'), 'x.md');
    expect(r.skeleton!.requestLine).toBe('POST|PUT /templates HTTPS|HTTP');
    expect(r.diagnostics).toEqual([]);
  });

  it('descriptive skeleton values are kept raw as unknown (csk history/CreateCluster.en-US.c08e1bdee.2019-06-04.md)', () => {
    const r = extractSkeleton(
      toLines('**Request line**\n\n```\nPOST /clusters HTTP/1.1 \n```\n\n**Request body**\n\n```\n{\n    "disable_rollback": "whether or not to roll back if the cluster fails to be created",\n    "name": "cluster name"\n}\n```'),
      'h.md',
    );
    expect(r.diagnostics).toEqual([]);
    const body = r.skeleton!.body as Extract<SkeletonNode, { kind: 'object' }>;
    expect(body.fields[0]!.node).toEqual({
      kind: 'scalar',
      type: 'unknown',
      raw: 'whether or not to roll back if the cluster fails to be created',
      line: 11,
    });
  });

  it('a malformed skeleton gives skeleton-invalid with file:line and keeps what it could read', () => {
    const r = extractSkeleton(
      toLines(
        [
          'POST /clusters HTTP/1.1',
          '{',
          '  "name" : "String"', // missing comma
          '  "size" : Long,',
          '  "config" : "{"a":"b"}",', // unescaped quotes
          '  "tags" : [ {',
          '    "key" : "String",',
          '  } ],',
          '  "oops" Boolean,', // missing colon
          '  "last" : Float',
          '}',
        ].join('\n'),
      ),
      'bad.md',
    );
    expect(r.skeleton!.requestLine).toBe('POST /clusters HTTP/1.1');
    expect(r.diagnostics.map((d) => [d.code, d.line, d.file])).toEqual([
      ['skeleton-invalid', 4, 'bad.md'],
      ['skeleton-invalid', 5, 'bad.md'],
      ['skeleton-invalid', 9, 'bad.md'],
    ]);
    expect(r.diagnostics[0]!.message).toContain('line 4 col 3');
    const s = shape(r.skeleton!.body) as Record<string, unknown>;
    expect(s['name']).toBe('string');
    expect(s['tags']).toEqual([{ key: 'string' }]);
    expect(s['last']).toBe('number');
  });

  it('an unclosed body and an empty section are reported, not thrown', () => {
    const r = extractSkeleton(toLines('POST /x\n{\n  "a" : [ "String"\n'), 'u.md');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['skeleton-invalid']);
    expect(shape(r.skeleton!.body)).toEqual({ a: ['string'] });
    const e = extractSkeleton(toLines('\nSee the common parameters.\n', 7), 'e.md');
    expect(e.skeleton).toBeNull();
    expect(e.diagnostics).toMatchObject([{ code: 'skeleton-invalid', line: 7, file: 'e.md' }]);
    expect(extractSkeleton([], 'z.md').skeleton).toBeNull();
  });

  it('does not recurse without bound', () => {
    const deep = '{ "a" : ' + '['.repeat(20000) + '\n' + ']'.repeat(20000) + ' }';
    // Its time is the bounds test's ('request-syntax body nested deep': linear growth).
    const r = extractSkeleton(toLines('POST /x\n' + deep), 'deep.md');
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.length).toBeLessThanOrEqual(5);
  });

  it('never throws on arbitrary input', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', ':', ',', '"', '"String"', 'Long', ' ', '//', '/*', '*/', '#', 'POST /x', '```', '\\', 'a');
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), { maxLength: 30 }), (texts) => {
        const r = extractSkeleton(
          texts.map((text, i) => ({ text, line: i + 1 })),
          'f.md',
        );
        for (const d of r.diagnostics) {
          expect(d.code).toBe('skeleton-invalid');
          expect(d.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
