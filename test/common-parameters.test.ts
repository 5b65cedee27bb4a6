/**
 * Common parameters (reconcile/common.ts): the pages recognised as common-parameters pages are
 * kept per product, merged like an operation's pages, and never reach an operation. Expected
 * parameters read off the fixture pages (test/fixtures/corpus/identity/, see SOURCES.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentIR } from '../generator/model/ir.ts';
import { buildIR } from '../generator/generate.ts';
import { documentFromBytes } from '../generator/parse/index.ts';
import { commonParameters } from '../generator/reconcile/common.ts';
import { ROOT } from './helpers/golden.ts';

const DIR = join(ROOT, 'test', 'fixtures', 'corpus', 'identity');
/** A fixture page read as if it sat at `path` in a docs tree. */
const at = (path: string, name: string): DocumentIR => documentFromBytes(path, readFileSync(join(DIR, name)));

describe('common parameters per product', () => {
  const docs = [
    at('docs/ecs/en/API Reference/Call methods/Common parameters.md', 'Common parameters.md'),
    at('docs/ecs/zh/API参考/调用方式/公共参数.md', '公共参数.md'),
    at('docs/ecs/en/API Reference/Instances/ModifyInstanceAttribute.md', 'ModifyInstanceAttribute.md'),
    at('docs/ecs/zh/API参考/快照/DescribeAutoSnapshotPolicyEX.md', 'DescribeAutoSnapshotPolicyEX.md'),
    at('docs/cdn/zh/API 参考/调用方式.md', '调用方式.md'),
    at('docs/cdn/en/DescribeRefreshQuota.md', 'DescribeRefreshQuota.md'),
    at('docs/公共参数.md', '公共参数.md'),
  ];

  it('takes the product of the operation pages around a page without a link, and none where they mix products', () => {
    const c = commonParameters(docs);
    expect(c.map((x) => [x.product, x.documents])).toEqual([
      ['Cdn', ['docs/cdn/zh/API 参考/调用方式.md']],
      ['Ecs', ['docs/ecs/en/API Reference/Call methods/Common parameters.md', 'docs/ecs/zh/API参考/调用方式/公共参数.md']],
      [null, ['docs/公共参数.md']],
    ]);
  });

  it('merges the parameters of the pages of one product (English and Chinese), required as the pages say', () => {
    const ecs = commonParameters(docs)[1]!;
    expect(ecs.request.map((p) => `${p.name}${p.required ? '*' : ''}`)).toEqual(['Action*', 'AccessKeyId*', 'Signature*', 'SignatureMethod*', 'SignatureVersion*', 'SignatureNonce*', 'Timestamp*', 'Version*', 'Format']);
    const v = ecs.request.find((p) => p.name === 'Version')!;
    expect(v.description.en).toBeTruthy();
    expect(v.description.zh).toBeTruthy();
    expect(v.sources.map((s) => s.file)).toEqual(['docs/ecs/en/API Reference/Call methods/Common parameters.md', 'docs/ecs/zh/API参考/调用方式/公共参数.md']);
    expect(ecs.request.find((p) => p.name === 'Format')).toMatchObject({ required: false, default: 'xml' });
  });

  it('never lets a common parameter into an operation', () => {
    const ir = buildIR(docs);
    expect(ir.operations.map((o) => o.id)).toEqual(['Cdn/2018-05-10/DescribeRefreshQuota', 'Ecs/2014-05-26/DescribeAutoSnapshotPolicyEx', 'Ecs/2014-05-26/ModifyInstanceAttribute']);
    const commonFiles = new Set(ir.commonParameters.flatMap((c) => c.documents));
    for (const o of ir.operations) {
      expect(o.documents.filter((f) => commonFiles.has(f))).toEqual([]);
      expect(o.request.map((p) => p.name)).not.toContain('SignatureNonce');
    }
    expect(ir.commonParameters).toHaveLength(3);
  });

  it('is empty without common-parameters pages (the seeds)', () => {
    expect(commonParameters(docs.filter((d) => d.identity.kind === 'operation'))).toEqual([]);
  });
});
