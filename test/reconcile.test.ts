/** Reconcile: the seeds merged into one CreateCluster model; variants on real corpus pages. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentIR, Model, OperationModel } from '../generator/model/ir.ts';
import { buildIR, findDocuments, readDocuments } from '../generator/generate.ts';
import { loadManifest, parseManifest, reconcile } from '../generator/reconcile/index.ts';
import { groupByOperation } from '../generator/reconcile/pages.ts';
import { typeToString } from '../generator/model/types.ts';
import { conflictReports } from '../generator/emit/conflicts-report.ts';
import { ROOT, expectGolden } from './helpers/golden.ts';

const manifest = loadManifest(join(ROOT, 'docs', 'manifest.json5'));
const docs: DocumentIR[] = readDocuments(findDocuments(join(ROOT, 'docs'), ROOT));
const [op] = reconcile(docs, manifest) as [OperationModel];

/** The 87 request parameters of the five seeds, reviewed against the pages' tables. */
const REQUEST_PARAMETERS = `addons api_audiences charge_type cis_enabled cloud_monitor_flags cluster_domain cluster_spec cluster_type
container_cidr controlplane_log_components controlplane_log_project controlplane_log_ttl cpu_policy custom_san
deletion_protection disable_rollback enable_rrsa encryption_provider_key endpoint_public_access format_disk image_id
instances is_enterprise_security_group keep_instance_name key_pair kubernetes_version load_balancer_spec logging_type
login_password master_auto_renew master_auto_renew_period master_count master_instance_charge_type master_instance_types
master_period master_period_unit master_system_disk_category master_system_disk_size master_system_disk_snapshot_policy_id
master_vswitch_ids name nat_gateway node_cidr_mask node_name_mode node_port_range nodepools num_of_nodes os_type period
period_unit platform pod_vswitch_ids profile proxy_mode rds_instances region_id resource_group_id runtime
security_group_id service_account_issuer service_cidr service_discovery_types snat_entry soc_enabled ssh_flags tags
taints timeout_mins timezone user_ca user_data vpcid vswitch_ids worker_auto_renew worker_auto_renew_period
worker_data_disk_category worker_data_disk_size worker_data_disks worker_instance_charge_type worker_instance_types
worker_period worker_period_unit worker_system_disk_category worker_system_disk_size worker_system_disk_snapshot_policy_id
worker_vswitch_ids zone_id`.split(/\s+/);

function fields(m: Model | undefined): Record<string, string> {
  return Object.fromEntries((m?.fields ?? []).map((f) => [f.name, typeToString(f.type) + (f.sampleOnly ? ' (sample-only)' : '')]));
}
const model = (name: string): Model | undefined => op.models.find((m) => m.name === name);
const param = (name: string) => op.request.find((p) => p.name === name)!;

describe('reconciled CreateCluster', () => {
  it('is one operation: CS 2015-12-15 POST /clusters, from all five pages', () => {
    expect(reconcile(docs, manifest)).toHaveLength(1);
    expect([op.id, op.method, op.path, op.documents.length]).toEqual(['CS/2015-12-15/CreateCluster', 'POST', '/clusters', 5]);
  });

  it('has all 87 request parameters, the 2 only samples send, and the 3 response fields: none lost, none invented', () => {
    expect(REQUEST_PARAMETERS).toHaveLength(87);
    // 000's samples send master_/worker_system_disk_performance_level, which no table names (the
    // official SDK has both); union-of-pages keeps them, sample-only.
    const sampleOnly = ['master_system_disk_performance_level', 'worker_system_disk_performance_level'];
    expect(op.request.map((p) => p.name).sort()).toEqual([...REQUEST_PARAMETERS, ...sampleOnly].sort());
    expect(op.request.filter((p) => p.sampleOnly).map((p) => p.name).sort()).toEqual(sampleOnly);
    expect(op.response.map((p) => p.name).sort()).toEqual(['cluster_id', 'request_id', 'task_id']);
    expect(op.request.filter((p) => !p.sampleOnly).every((p) => p.sources.length > 0)).toBe(true);
  });

  it('resolves types from the structure the skeletons and samples show', () => {
    const t = (n: string): string => typeToString(param(n).type);
    expect(t('runtime')).toBe('ref:runtime');
    expect(t('rds_instances')).toBe('array<string>');
    expect(t('tags')).toBe('array<ref:tag>');
    expect(t('worker_data_disks')).toBe('array<ref:data_disk>');
    expect(t('nodepools')).toBe('array<ref:nodepool>');
    expect(t('num_of_nodes')).toBe('integer');
  });

  it('makes the sub-fields a row lists with their flag ("- name: required. … - config: optional") required or not in its model (Facts.fields)', () => {
    const addon = model('addon')!;
    expect(addon.fields.map((f) => [f.name, f.required, f.requiredKnown])).toEqual([
      ['name', true, true],
      ['config', false, true],
      ['disabled', false, true],
    ]);
    // Cited: the description that lists them.
    const listed = docs.flatMap((d) => d.request.filter((r) => r.name === 'addons' && r.facts.fields).map((r) => r.facts.fields!.source));
    expect(listed).toContainEqual(addon.fields[0]!.factSources.required![0]);
    // A model no row lists sub-fields for keeps what its own rows say (none here).
    expect(model('taint')!.fields.every((f) => !f.required && !f.requiredKnown)).toBe(true);
  });

  it('builds a named model for every nested structure', () => {
    expect(fields(model('runtime'))).toEqual({ name: 'string', version: 'string' });
    expect(fields(model('tag'))).toEqual({ key: 'string', value: 'string' });
    expect(fields(model('addon'))).toEqual({ name: 'string', config: 'string', disabled: 'boolean' });
    expect(fields(model('taint'))).toEqual({ key: 'string', value: 'string', effect: 'string' });
    // size: the skeleton says Long, and every parsed sample sends "40" (so does the official SDK's type): string.
    expect(fields(model('data_disk'))).toEqual({ category: 'string', size: 'string', encrypted: 'string', auto_snapshot_policy_id: 'string' });
    expect(fields(model('nodepool'))).toEqual({
      auto_scaling: 'ref:nodepool.auto_scaling',
      kubernetes_config: 'ref:nodepool.kubernetes_config',
      nodepool_info: 'ref:nodepool.nodepool_info',
      scaling_group: 'ref:nodepool.scaling_group',
      tee_config: 'ref:nodepool.tee_config',
      management: 'ref:nodepool.management',
      count: 'integer',
      interconnect_mode: 'string (sample-only)',
      interconnect_config: 'ref:nodepool.interconnect_config (sample-only)',
      max_nodes: 'integer (sample-only)',
    });
    expect(fields(model('nodepool.auto_scaling'))).toEqual({
      enable: 'boolean', max_instances: 'integer', min_instances: 'integer', type: 'string', is_bond_eip: 'boolean', eip_internet_charge_type: 'string', eip_bandwidth: 'integer',
    });
    expect(fields(model('nodepool.kubernetes_config'))).toMatchObject({
      labels: 'array<ref:nodepool.kubernetes_config.labels>', taints: 'array<ref:nodepool.kubernetes_config.taints>', runtime: 'string', node_name_mode: 'string (sample-only)',
    });
    expect(fields(model('nodepool.nodepool_info'))).toEqual({ name: 'string', resource_group_id: 'string', type: 'string (sample-only)' });
    expect(fields(model('nodepool.tee_config'))).toEqual({ tee_enable: 'boolean' });
    expect(fields(model('nodepool.management'))).toEqual({ enable: 'boolean', auto_repair: 'boolean', upgrade_config: 'ref:nodepool.management.upgrade_config' });
    expect(fields(model('nodepool.management.upgrade_config'))).toEqual({ auto_upgrade: 'boolean', surge: 'integer', surge_percentage: 'integer', max_unavailable: 'integer' });
    const sg = fields(model('nodepool.scaling_group'));
    expect(Object.keys(sg)).toHaveLength(33);
    expect(sg).toMatchObject({
      data_disks: 'array<ref:nodepool.scaling_group.data_disks>', instance_types: 'array<string>', spot_price_limit: 'array<ref:nodepool.scaling_group.spot_price_limit>',
      system_disk_size: 'integer', tags: 'array<ref:nodepool.scaling_group.tags>', desired_size: 'integer (sample-only)', image_type: 'string (sample-only)',
    });
    expect(fields(model('nodepool.scaling_group.data_disks'))).toMatchObject({ size: 'integer', performance_level: 'string (sample-only)' });
  });

  it('records every type and required disagreement with all its sources', () => {
    const typeOrRequired = op.conflicts.filter((c) => c.kind === 'type' || c.kind === 'required');
    expect(typeOrRequired.map((c) => `${c.kind}:${c.path}`).sort()).toEqual([
      'required:container_cidr', 'required:is_enterprise_security_group', 'required:pod_vswitch_ids', 'required:profile', 'required:region_id',
      'required:security_group_id', 'required:worker_instance_charge_type', 'type:data_disk.size', 'type:rds_instances', 'type:runtime',
    ]);
    // All sources, including the page that leaves the flag empty (003).
    const pod = op.conflicts.find((c) => c.kind === 'required' && c.path === 'pod_vswitch_ids')!;
    expect(pod.values.map((v) => `${v.source.file.slice(5, 8)}:${v.source.line}=${v.value}`)).toEqual(['002:333=false', '001:291=true', '003:286=null', '000:49=true']);
    const ep = op.conflicts.find((c) => c.kind === 'default' && c.path === 'endpoint_public_access')!;
    expect(ep.resolution).toBe(true);
    expect(ep.values.find((v) => v.source.file.includes('000'))!.value).toBe(false);
  });

  it('matches the reviewed conflict report', () => {
    const lines = op.conflicts.map(
      (c) => `${c.kind} ${c.path} → ${JSON.stringify(c.resolution)} [${c.rule}] ${c.values.map((v) => `${v.source.file.slice(5, 8)}:${v.source.line}=${JSON.stringify(v.value)}`).join(' ')}`,
    );
    const lint = op.lint.map((l) => `${l.code} ${l.path} @${l.source.file.slice(5, 8)}:${l.source.line}: ${l.message}`);
    expectGolden('reconcile/conflicts.txt', [...lines, '', ...lint, '', ...op.notes, ''].join('\n'));
    const report = conflictReports(buildIR(docs, manifest));
    expect(JSON.parse(report.get('reports/conflicts.json')!).operations[0].conflicts).toHaveLength(op.conflicts.length);
    expect(report.get('reports/conflicts.md')).toContain('| `endpoint_public_access` | default |');
  });

  it('types a field as the samples send it when they all agree, and flags samples that break their own page', () => {
    // `worker_data_disks[].size`: Long in the skeletons, "40" in both parsed samples (001's sample is not JSON).
    const size = op.conflicts.find((c) => c.kind === 'type' && c.path === 'data_disk.size')!;
    expect([size.rule, size.resolution]).toEqual(['samples-agree-on-json-type', 'string']);
    expect(size.values.filter((v) => String(v.value).startsWith('sample')).map((v) => `${v.source.file.slice(5, 8)}:${v.source.line}`)).toEqual(['003:532', '004:196']);
    expect(op.lint.filter((l) => l.code === 'sample-breaks-table' && l.path === 'data_disk.size')).toEqual([]);
    expect(op.lint.filter((l) => l.code === 'sample-invalid-json').map((l) => `${l.source.file.slice(5, 8)}:${l.source.line}`)).toEqual(['000:398', '001:594', '002:799']);
  });

  it('models dedicated, managed, edge and serverless variants with required sets and backing pages', () => {
    const v = Object.fromEntries(op.variants.map((x) => [x.id, x]));
    expect(Object.keys(v).sort()).toEqual(['dedicated', 'edge', 'managed', 'serverless']);
    expect(v.dedicated!.discriminator).toEqual({ cluster_type: 'Kubernetes' });
    expect(v.managed!.discriminator).toEqual({ cluster_type: 'ManagedKubernetes' });
    expect(v.edge!.discriminator).toEqual({ cluster_type: 'ManagedKubernetes', profile: 'Edge' });
    expect(v.serverless!.discriminator).toEqual({ cluster_type: 'Ask' });
    expect(v.managed!.required.slice().sort()).toEqual(['cluster_type', 'name', 'region_id', 'service_cidr', 'vpcid', 'vswitch_ids']);
    expect(v.edge!.required.slice().sort()).toEqual([
      'cluster_type', 'name', 'num_of_nodes', 'profile', 'region_id', 'service_cidr', 'vpcid', 'vswitch_ids',
      'worker_instance_charge_type', 'worker_instance_types', 'worker_system_disk_category', 'worker_system_disk_size',
    ]);
    // 004 marks both key_pair and login_password required, and says "Set this parameter or …": one of them is.
    expect(v.edge!.requiredOneOf).toEqual([['key_pair', 'login_password']]);
    expect(v.dedicated!.requiredOneOf).toEqual([['is_enterprise_security_group', 'security_group_id'], ['key_pair', 'login_password']]);
    expect(v.managed!.requiredOneOf).toEqual([]);
    expect(v.dedicated!.required).toContain('master_count');
    expect(v.dedicated!.required).not.toContain('key_pair'); // one of key_pair / login_password (see requiredOneOf)
    expect(v.serverless!.required.slice().sort()).toEqual(['cluster_type', 'name', 'service_cidr']);
    expect(new Set(v.managed!.sources.map((s) => s.file.slice(5, 8)))).toEqual(new Set(['000', '001', '002', '003']));
    expect(new Set(v.edge!.sources.map((s) => s.file.slice(5, 8)))).toEqual(new Set(['000', '004']));
    expect(v.dedicated!.undetermined.join(' ')).toContain('no page is specific to this kind');
    expect(v.managed!.parameters).toContain('nodepools');
    expect(v.dedicated!.parameters).toContain('master_vswitch_ids');
    expect(op.notes).toContain('cluster_type also allows ExternalKubernetes, which no page or sample describes: no variant is made for it');
  });

  it('widens the discriminator enum to every kind instead of taking one page\'s single value', () => {
    expect(param('cluster_type').enum).toEqual(['Kubernetes', 'ManagedKubernetes', 'Ask', 'ExternalKubernetes']);
  });

  it('gives the same IR whatever order the documents are read in', () => {
    const base = JSON.stringify(buildIR(docs, manifest));
    expect(JSON.stringify(buildIR(docs.slice().reverse(), manifest))).toBe(base);
    const shuffled = [docs[2]!, docs[4]!, docs[0]!, docs[3]!, docs[1]!];
    expect(JSON.stringify(buildIR(shuffled, manifest))).toBe(base);
  });

  it('lets the config reorder precedence (oldest page wins)', () => {
    const oldest = parseManifest(readFileSync(join(ROOT, 'docs', 'manifest.json5'), 'utf8').replace('datePrecedence: "newest"', 'datePrecedence: "oldest"'), 'm');
    const [o] = reconcile(docs, oldest) as [OperationModel];
    expect(o.request.find((p) => p.name === 'endpoint_public_access')!.default).toBe(false);
    expect(param('endpoint_public_access').default).toBe(true);
  });

  it('rejects a malformed manifest with file and line', () => {
    expect(() => parseManifest('{ pages: { "a": { date: "yesterday" } } }', 'docs/manifest.json5')).toThrow(/manifest\.json5: pages\.a\.date must be YYYY-MM-DD/);
    expect(() => parseManifest('{ pages: [', 'docs/manifest.json5')).toThrow(/docs\/manifest\.json5:1: not valid JSON5/);
  });
});

describe('variant detection on the real CreateCluster pages (one per cluster kind)', () => {
  for (const lang of ['en', 'zh']) {
    it(`finds dedicated, managed, edge and serverless kinds in the ${lang} pages`, () => {
      const dir = join(ROOT, 'test', 'fixtures', 'corpus', 'csk-create-cluster', lang);
      const [o] = reconcile(readDocuments(findDocuments(dir, ROOT))) as [OperationModel];
      const kinds = o.variants.map((v) => JSON.stringify(v.discriminator)).sort();
      expect(kinds).toEqual([
        '{"cluster_type":"Ask"}',
        '{"cluster_type":"Kubernetes"}',
        '{"cluster_type":"ManagedKubernetes","profile":"Edge"}',
        '{"cluster_type":"ManagedKubernetes"}',
      ]);
      const edge = o.variants.find((v) => v.discriminator.profile === 'Edge')!;
      expect(edge.required).toContain('profile');
      expect(edge.sources.every((s) => /edge|边缘/i.test(s.file))).toBe(true);
      const dedicated = o.variants.find((v) => v.discriminator.cluster_type === 'Kubernetes')!;
      expect(dedicated.parameters).toContain('master_instance_types');
    });
  }
});


describe('grouping pages by operation', () => {
  const page = (file: string, product: string | null, version: string | null, operation = 'CreateKeyPair'): DocumentIR =>
    ({ file, operation, identity: { kind: 'operation', operation, rule: 'explorer-link', evidence: [{ source: 'explorer-link', value: operation, line: 1, chosen: true }] }, product, version, request: [{ name: 'KeyPairName' }], skeleton: null }) as unknown as DocumentIR;
  const groups = (docs: DocumentIR[]): Record<string, string[]> => Object.fromEntries([...groupByOperation(docs)].map(([k, v]) => [k, v.map((d) => d.file)]));

  it('puts a page whose link names no version with the one versioned group of its product, and a page naming nothing after it', () => {
    expect(groups([page('en.md', 'Ecs', '2014-05-26'), page('zh-intl.md', 'Ecs', null), page('zh-cn.md', null, null)])).toEqual({
      'Ecs/2014-05-26/CreateKeyPair': ['en.md', 'zh-cn.md', 'zh-intl.md'],
    });
  });

  it('keeps pages apart where more than one group would fit', () => {
    expect(
      groups([page('a.md', 'Ecs', '2014-05-26'), page('b.md', 'Ecs', '2016-01-01'), page('c.md', 'Ecs', null), page('slb.md', 'Slb', '2014-05-15', 'DescribeRegions'), page('ecs.md', 'Ecs', '2014-05-26', 'DescribeRegions'), page('none.md', null, null, 'DescribeRegions')]),
    ).toEqual({
      'Ecs/2014-05-26/CreateKeyPair': ['a.md'],
      'Ecs/2016-01-01/CreateKeyPair': ['b.md'],
      'Ecs/_/CreateKeyPair': ['c.md'],
      'Ecs/2014-05-26/DescribeRegions': ['ecs.md'],
      'Slb/2014-05-15/DescribeRegions': ['slb.md'],
      '_/_/DescribeRegions': ['none.md'],
    });
  });
});
