/** The five seed pages, read end to end: counts, layouts, reviewed goldens per seed. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentFromBytes } from '../generator/parse/index.ts';
import { ROOT, expectGolden, renderDocument, renderFacts } from './helpers/golden.ts';

const seeds = readdirSync(join(ROOT, 'docs')).filter((f) => /^\d{3}_.*\.txt$/.test(f)).sort();
const docs = Object.fromEntries(seeds.map((f) => [f.slice(0, 3), documentFromBytes(`docs/${f}`, readFileSync(join(ROOT, 'docs', f)))]));

describe('seed pages', () => {
  it('finds all five seeds', () => {
    expect(Object.keys(docs)).toEqual(['000', '001', '002', '003', '004']);
  });

  it('reads 255 request rows: 71, 59, 38, 54, 33, and 3 response rows per page', () => {
    const counts = Object.fromEntries(Object.entries(docs).map(([k, d]) => [k, [d.request.length, d.response.length]]));
    expect(counts).toEqual({ '000': [71, 3], '001': [59, 3], '002': [38, 3], '003': [54, 3], '004': [33, 3] });
    expect(Object.values(docs).reduce((n, d) => n + d.request.length, 0)).toBe(255);
    for (const d of Object.values(docs)) expect(d.response.map((r) => r.name).sort()).toEqual(['cluster_id', 'request_id', 'task_id']);
  });

  it('detects language, format and the layout of every request table', () => {
    const summary = Object.fromEntries(
      Object.entries(docs).map(([k, d]) => [k, `${d.lang} ${d.format} ${d.tables.filter((t) => t.kind === 'request').map((t) => t.layout).join(',')}`]),
    );
    expect(summary).toEqual({
      '000': 'zh markdown pipe-table',
      '001': 'en text text-row-per-line',
      '002': 'en text text-cell-per-line',
      '003': 'zh text text-row-per-line',
      '004': 'en text text-row-per-line',
    });
  });

  it('keeps an empty required column as null (003), never a guess', () => {
    expect(docs['003']!.request.every((r) => r.required === null && r.rawRequired === '')).toBe(true);
    for (const k of ['000', '001', '002', '004']) expect(docs[k]!.request.every((r) => typeof r.required === 'boolean')).toBe(true);
  });

  it('skips 000\'s untitled Object body row: it is not a parameter', () => {
    expect(docs['000']!.request.some((r) => r.name === '' || r.rawType === 'Object')).toBe(false);
    expect(docs['000']!.request[0]!.name).toBe('name');
  });

  it('names the operation, method, path, version and dates', () => {
    const meta = Object.fromEntries(Object.entries(docs).map(([k, d]) => [k, [d.operation, d.method, d.path, d.version, d.lastUpdated]]));
    expect(meta).toEqual({
      '000': ['CreateCluster', 'POST', '/clusters', '2015-12-15', null],
      '001': ['CreateCluster', 'POST', '/clusters', null, null],
      '002': ['CreateCluster', 'POST', '/clusters', null, '2024-08-30'],
      '003': ['CreateCluster', 'POST', '/clusters', null, null],
      '004': ['CreateCluster', 'POST', '/clusters', null, '2026-03-26'],
    });
  });

  it('removes markdown and escapes from raw types but keeps link text', () => {
    const t = Object.fromEntries(docs['000']!.request.map((r) => [r.name, r.rawType]));
    expect(t.tags).toBe('Array of tag');
    expect(t.worker_data_disks).toBe('Array of data_disk');
    expect(t.runtime).toBe('runtime');
    expect(docs['000']!.request.find((r) => r.name === 'vpcid')!.example).toBe('vpc-2zeik9h3ahvv2zz95****');
    expect(docs['004']!.request.find((r) => r.name === 'vswitch_ids')!.example).toBe('vsw-2ze48rkq464rsdts1****');
    expect(docs['004']!.request.find((r) => r.name === 'rds_instances')!.rawType).toBe('rds_instances');
  });

  it('keeps the list structure of descriptions', () => {
    const d = docs['000']!.request.find((r) => r.name === 'cluster_type')!;
    expect(d.description.split('\n')).toEqual([
      '集群类型。取值：',
      '- Kubernetes: 专有版集群。',
      '- ManagedKubernetes：标准托管版集群、边缘托管版集群。',
      '- Ask：标准Serverless集群。',
      '- ExternalKubernetes：注册至ACK的外部集群。',
    ]);
    const s = docs['001']!.request.find((r) => r.name === 'snat_entry')!;
    expect(s.description).toContain('- If the VPC does not support Internet access, valid values are:\n  - true: configures SNAT rules.');
  });

  it('puts 002\'s rows under their category group rows', () => {
    const cats = [...new Set(docs['002']!.request.map((r) => r.category))];
    expect(cats).toEqual(['Basic configurations', 'Network parameters', 'Advanced settings', 'Component configurations', 'Node pool configurations']);
  });

  for (const k of ['000', '001', '002', '003', '004']) {
    it(`matches the reviewed golden of seed ${k}`, () => {
      expectGolden(`seeds/${k}.rows.txt`, renderDocument(docs[k]!));
    });
    it(`matches the reviewed golden of the facts mined from seed ${k}`, () => {
      expectGolden(`seeds/${k}.facts.txt`, `${renderFacts(docs[k]!.request)}\n`);
    });
  }

  it('mines worker_system_disk_size\'s range from every page that has it', () => {
    const ranges = Object.fromEntries(
      Object.entries(docs).map(([k, d]) => [k, d.request.find((r) => r.name === 'worker_system_disk_size')?.facts.range?.value ?? null]),
    );
    expect(ranges).toEqual({ '000': { min: 20, max: 500 }, '001': { min: 40, max: 500 }, '002': null, '003': { min: 40, max: 500 }, '004': { min: 40, max: 500 } });
  });

  it('finds the 12 parameters 004 marks deprecated', () => {
    expect(docs['004']!.request.filter((r) => r.facts.deprecated).map((r) => r.name)).toEqual([
      'disable_rollback', 'timeout_mins', 'key_pair', 'login_password', 'num_of_nodes', 'worker_system_disk_category',
      'worker_system_disk_size', 'cloud_monitor_flags', 'worker_data_disks', 'worker_instance_types', 'worker_instance_charge_type', 'rds_instances',
    ]);
  });

  it('reads name\'s length limit in English and Chinese', () => {
    for (const k of ['000', '001', '002', '003', '004']) {
      const f = docs[k]!.request.find((r) => r.name === 'name')!.facts.length!;
      expect([k, f.value]).toEqual([k, { min: 1, max: 63 }]);
    }
    expect(docs['000']!.request.find((r) => r.name === 'name')!.facts.length!.text).toContain('长度范围1~63个字符');
  });

  it('reports every sample defect of every seed with file and line', () => {
    const diags = Object.values(docs).flatMap((d) => d.diagnostics.map((x) => `${x.file}:${x.line} ${x.severity} ${x.code}`));
    expect(diags).toEqual([
      'docs/000_43e04a5f97c052c2.txt:398 error sample-invalid-json',
      'docs/000_43e04a5f97c052c2.txt:414 warning unbalanced-fence',
      'docs/000_43e04a5f97c052c2.txt:500 warning unbalanced-fence',
      'docs/000_43e04a5f97c052c2.txt:572 warning unbalanced-fence',
      'docs/000_43e04a5f97c052c2.txt:611 warning unbalanced-fence',
      'docs/001_f0118c1a963c3406.txt:594 error sample-invalid-json',
      'docs/002_1dd93588f18cb584.txt:799 error sample-invalid-json',
      'docs/003_1688ff0bbc61cdc8.txt:468 info sample-jsonc',
      'docs/004_65ea0e32433b0565.txt:181 info sample-jsonc',
    ]);
    const requests = Object.fromEntries(Object.entries(docs).map(([k, d]) => [k, d.samples.filter((s) => s.kind === 'request').map((s) => `${s.source.line}:${s.ok ? 'ok' : 'invalid'}`)]));
    expect(requests).toEqual({
      '000': ['313:invalid', '417:ok', '504:ok', '575:ok', '614:ok'],
      '001': ['507:invalid'],
      '002': ['776:invalid'],
      '003': ['465:ok'],
      '004': ['146:ok'],
    });
  });

  it('reads 002\'s request-syntax skeleton with every nested field of nodepools', () => {
    const body = docs['002']!.skeleton!.body!;
    const walk = (n: typeof body, path: string, out: string[]): void => {
      if (n.kind === 'object') for (const f of n.fields) walk(f.node, path ? `${path}.${f.name}` : f.name, out);
      else if (n.kind === 'array') n.items ? walk(n.items, `${path}[]`, out) : out.push(`${path}[]`);
      else out.push(`${path}:${n.type}`);
    };
    const leaves: string[] = [];
    walk(body, '', leaves);
    const np = leaves.filter((l) => l.startsWith('nodepools'));
    expect(np).toHaveLength(61); // 7 auto_scaling + 10 kubernetes_config + 2 nodepool_info + 34 scaling_group + 1 tee_config + 6 management + count
    expect(np).toContain('nodepools[].management.upgrade_config.max_unavailable:integer');
    expect(np).toContain('nodepools[].scaling_group.spot_price_limit[].price_limit:string');
    expect(np).toContain('nodepools[].kubernetes_config.taints[].effect:string');
    expect(np).toContain('nodepools[].count:integer');
  });
});
