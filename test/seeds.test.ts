/** The five seed pages, read end to end: counts, layouts, reviewed goldens per seed. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentFromBytes } from '../generator/pipeline.ts';
import { ROOT, expectGolden, renderDocument } from './helpers/golden.ts';

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
  }
});
