import { describe, expect, it } from 'vitest';
import { mineFacts } from '../generator/parse/facts/index.ts';
import type { Facts, Lang, TextLine, TypeRef } from '../generator/model/ir.ts';
import { itemsFact } from '../generator/parse/facts/index.ts';

// Descriptions below are copied from the seed pages (docs/00*.txt) and the corpus, cleaned the way
// the readers hand them over: markdown escapes and backticks removed, list items as "- item"
// (nested: two spaces per level), one TextLine per source line (blank lines kept as empty text).

const STR: TypeRef = { kind: 'string' };
const INT: TypeRef = { kind: 'integer' };
const BOOL: TypeRef = { kind: 'boolean' };
const ARR_STR: TypeRef = { kind: 'array', items: { kind: 'string' } };

/** Lines starting at source line `first`, one per array element. */
function at(first: number, ...texts: string[]): TextLine[] {
  return texts.map((text, i) => ({ text, line: first + i }));
}

const F000 = 'docs/000_43e04a5f97c052c2.txt';
const F001 = 'docs/001_f0118c1a963c3406.txt';
const F002 = 'docs/002_1dd93588f18cb584.txt';
const F003 = 'docs/003_1688ff0bbc61cdc8.txt';
const F004 = 'docs/004_65ea0e32433b0565.txt';

function mine(lines: TextLine[], type: TypeRef, file = F000, lang: Lang = 'zh'): Facts {
  return mineFacts(lines, lang, file, type);
}

describe('zh seed 000 (markdown table, multi-line cells)', () => {
  // docs/000 lines 34-41, cluster_spec
  it('cluster_spec: enum list and default', () => {
    const f = mine(
      at(34, '托管版集群类型，面向托管集群。取值：', '', '- ack.pro.small：专业托管集群，即："ACK Pro版集群"。', '- ack.standard：标准托管集群。', '', '默认值：ack.standard。取值可以为空，为空时则创建标准托管集群。', '', '更多详情，请参见Kubernetes Pro版集群介绍。'),
      STR,
    );
    expect(f.enum?.value).toEqual(['ack.pro.small', 'ack.standard']);
    expect(f.enum?.source).toEqual({ file: F000, line: 34 });
    expect(f.default?.value).toBe('ack.standard');
    expect(f.default?.source.line).toBe(39);
    expect(f.default?.text).toBe('默认值：ack.standard。');
    expect(f.range).toBeUndefined();
    expect(f.length).toBeUndefined();
  });

  // docs/000 lines 61-68, is_enterprise_security_group (list with no lead-in, after a note)
  it('is_enterprise_security_group: lead-less true/false list, default true', () => {
    const f = mine(
      at(61, '自动创建企业级安全组，当security_group_id为空的时生效。', '', '说明： 使用普通安全组时，集群内节点与 Terway Pod 数量之和不能超过 2000。所以创建Terway网络类型集群时，建议使用企业安全组。', '', '- true：创建并使用企业级安全组。', '- false：不使用企业级安全组。', '', '默认值：true。'),
      BOOL,
    );
    expect(f.enum?.value).toEqual([true, false]);
    expect(f.enum?.source.line).toBe(65);
    expect(f.default?.value).toBe(true);
    expect(f.default?.source.line).toBe(68);
  });

  // docs/000 lines 69-76, snat_entry
  it('snat_entry: enum and default true', () => {
    const f = mine(
      at(69, '为专有网络配置SNAT。取值：', '', '- true：将为您创建NAT网关并自动配置SNAT规则，若您集群内的节点、应用等需要访问公网需要设置为true。', '- false：不为您创建NAT网关及SNAT规则。这种模式下，集群内节点及应用将不能访问公网。', '', '说明： 如果创建集群时未开启，后续业务需要访问公网，可手动开启。更多信息，请参见手动开启。', '', '默认值：true。'),
      BOOL,
    );
    expect(f.enum?.value).toEqual([true, false]);
    expect(f.enum?.source.line).toBe(69);
    expect(f.default?.value).toBe(true);
    expect(f.default?.source.line).toBe(76);
  });

  // docs/000 lines 77-82, endpoint_public_access (default false in 000)
  it('endpoint_public_access: default false', () => {
    const f = mine(
      at(77, '是否开启公网访问。通过EIP暴露API Server，实现集群公网访问。', '', '- true：开启公网访问。', '- false：不开启公网访问。选择不开放时，则无法通过外网访问集群 API Server。', '', '默认值：false。'),
      BOOL,
    );
    expect(f.enum?.value).toEqual([true, false]);
    expect(f.enum?.source.line).toBe(79);
    expect(f.default?.value).toBe(false);
    expect(f.default?.source.line).toBe(82);
  });

  // docs/000 lines 83-88, ssh_flags
  it('ssh_flags: lead-less list and default false', () => {
    const f = mine(
      at(83, '是否开放公网SSH登录。用登录"专有版集群"的Master节点，托管版集群中该参数不生效。', '', '- true：表示开放。', '- false：表示不开放。', '', '默认值：false。'),
      BOOL,
    );
    expect(f.enum?.value).toEqual([true, false]);
    expect(f.enum?.source.line).toBe(85);
    expect(f.default?.value).toBe(false);
    expect(f.default?.source.line).toBe(88);
  });

  // docs/000 lines 130-139, platform (bare values)
  it('platform: bare list CentOS..WindowsCore, default AliyunLinux', () => {
    const f = mine(
      at(130, '操作系统发行版。取值：', '', '- CentOS', '- AliyunLinux', '- QbootAliyunLinux', '- Qboot', '- Windows', '- WindowsCore', '', '默认值：AliyunLinux。'),
      STR,
    );
    expect(f.enum?.value).toEqual(['CentOS', 'AliyunLinux', 'QbootAliyunLinux', 'Qboot', 'Windows', 'WindowsCore']);
    expect(f.enum?.source.line).toBe(130);
    expect(f.default?.value).toBe('AliyunLinux');
    expect(f.default?.source.line).toBe(139);
  });

  // docs/000 lines 140-145, os_type
  it('os_type: Windows/Linux, default Linux', () => {
    const f = mine(at(140, '操作系统平台类型。取值：', '', '- Windows', '- Linux', '', '默认值：Linux。'), STR);
    expect(f.enum?.value).toEqual(['Windows', 'Linux']);
    expect(f.enum?.source.line).toBe(140);
    expect(f.default?.value).toBe('Linux');
    expect(f.default?.source.line).toBe(145);
  });

  // docs/000 lines 146-151, cpu_policy (lead-in "支持以下两种策略：" is not a values lead-in)
  it('cpu_policy: static/none, default none', () => {
    const f = mine(
      at(146, '节点CPU管理策略。当集群版本在1.12.6及以上时支持以下两种策略：', '', '- static：允许为节点上具有某些资源特征Pod增强其CPU亲和性和独占性。', '- none：表示启用现有的默认CPU亲和性方案。', '', '默认值：none。'),
      STR,
    );
    expect(f.enum?.value).toEqual(['static', 'none']);
    expect(f.enum?.source.line).toBe(148);
    expect(f.default?.value).toBe('none');
    expect(f.default?.source.line).toBe(151);
  });

  // docs/000 lines 152-157, proxy_mode (ASCII colon after the first value)
  it('proxy_mode: iptables/ipvs, default ipvs', () => {
    const f = mine(
      at(152, 'kube-proxy代理模式', '', '- iptables: 成熟稳定的 kube-proxy 代理模式，Kubernetes Service 的服务发现和负载均衡使用 iptables 规则配置，但是性能一般，受规模影响较大，适用于集群存在少量的service。', '- ipvs：高性能的 kube-proxy 代理模式，Kubernetes Service 的服务发现和负载均衡使用 Linux IPVS 模块进行配置，适用于集群存在大量的 service，对负载均衡有高性能要求的场景。', '', '默认值：ipvs。'),
      STR,
    );
    expect(f.enum?.value).toEqual(['iptables', 'ipvs']);
    expect(f.enum?.source.line).toBe(154);
    expect(f.default?.value).toBe('ipvs');
    expect(f.default?.source.line).toBe(157);
  });

  // docs/000 lines 163-165, master_count
  it('master_count: 可选值3或5 → range values, default 3', () => {
    const f = mine(at(163, 'Master节点数量，可选值3或5。', '', '默认值：3。'), INT);
    expect(f.range?.value).toEqual({ values: [3, 5] });
    expect(f.range?.source.line).toBe(163);
    expect(f.enum).toBeUndefined();
    expect(f.default?.value).toBe(3);
    expect(f.default?.source.line).toBe(165);
  });

  // docs/000 lines 168-174, master_system_disk_category
  it('master_system_disk_category: three disk types, default cloud_ssd', () => {
    const f = mine(
      at(168, 'Master节点系统盘类型，取值：', '', '- cloud_efficiency：高效云盘。', '- cloud_ssd：SSD云盘。', '- cloud_essd：ESSD云盘。', '', '默认值：cloud_ssd。不同可用区，默认值可能会有所差异。'),
      STR,
    );
    expect(f.enum?.value).toEqual(['cloud_efficiency', 'cloud_ssd', 'cloud_essd']);
    expect(f.enum?.source.line).toBe(168);
    expect(f.default?.value).toBe('cloud_ssd');
    expect(f.default?.source.line).toBe(174);
  });

  // docs/000 lines 175-177, master_system_disk_size
  it('master_system_disk_size: 取值范围[40,500], default 40', () => {
    const f = mine(at(175, 'Master节点系统盘类型，取值范围[40,500]，单位：GiB。', '', '默认值：40。'), INT);
    expect(f.range?.value).toEqual({ min: 40, max: 500 });
    expect(f.range?.source.line).toBe(175);
    expect(f.default?.value).toBe(40);
    expect(f.default?.source.line).toBe(177);
  });

  // docs/000 lines 179-184 and 224-229, *_instance_charge_type
  it('master_instance_charge_type: PrePaid/PostPaid, default PostPaid', () => {
    const f = mine(at(179, 'Master节点付费类型，取值：', '', '- PrePaid：包年包月。', '- PostPaid：按量付费。', '', '默认值：PostPaid。'), STR);
    expect(f.enum?.value).toEqual(['PrePaid', 'PostPaid']);
    expect(f.default?.value).toBe('PostPaid');
    expect(f.default?.source.line).toBe(184);
  });
  it('worker_instance_charge_type: prose default "按量付费" maps to the value whose meaning it is', () => {
    const f = mine(at(224, 'Worker节点付费类型，取值：', '', '- PrePaid：包年包月。', '- PostPaid：按量付费。', '', '默认值：按量付费。'), STR);
    expect(f.enum?.value).toEqual(['PrePaid', 'PostPaid']);
    expect(f.enum?.source.line).toBe(224);
    expect(f.default?.value).toBe('PostPaid');
    expect(f.default?.source.line).toBe(229);
  });

  // docs/000 lines 185-187, master_period_unit
  it('master_period_unit: 取值：Month，当前仅支持以月为周期 → one-value enum', () => {
    const f = mine(at(185, 'Master节点付费周期，当付费类型为PrePaid的时候必须指定周期。', '', '取值：Month，当前仅支持以月为周期。'), STR);
    expect(f.enum?.value).toEqual(['Month']);
    expect(f.enum?.source.line).toBe(187);
  });

  // docs/000 lines 188-192, master_period
  it('master_period: {1,...,60}, default 1', () => {
    const f = mine(
      at(188, 'Master节点包年包月时长，当master_instance_charge_type取值为PrePaid时才生效且为必选值。', '', '取值范围：{1, 2, 3, 6, 12, 24, 36, 48, 60}。', '', '默认值：1。'),
      INT,
    );
    expect(f.range?.value).toEqual({ values: [1, 2, 3, 6, 12, 24, 36, 48, 60] });
    expect(f.range?.source.line).toBe(190);
    expect(f.enum).toBeUndefined();
    expect(f.default?.value).toBe(1);
    expect(f.default?.source.line).toBe(192);
  });

  // docs/000 lines 193-198, master_auto_renew ("当…时才生效，可选值为：" is not a conditional list)
  it('master_auto_renew: 可选值为： list', () => {
    const f = mine(
      at(193, 'Master节点是否开启自动续费，当master_instance_charge_type取值为PrePaid时才生效，可选值为：', '', '- true：自动续费。', '- false：不自动续费。', '', '默认值：true。'),
      BOOL,
    );
    expect(f.enum?.value).toEqual([true, false]);
    expect(f.enum?.source.line).toBe(193);
    expect(f.default?.value).toBe(true);
    expect(f.default?.source.line).toBe(198);
  });

  // docs/000 line 204, num_of_nodes (full-width comma inside the brackets)
  it('num_of_nodes: 范围是[0，100]', () => {
    const f = mine(at(204, 'Worker节点数。范围是[0，100]。'), INT);
    expect(f.range?.value).toEqual({ min: 0, max: 100 });
    expect(f.range?.source.line).toBe(204);
    expect(f.range?.text).toBe('范围是[0，100]。');
  });

  // docs/000 line 205, worker_vswitch_ids: a range on an array type is an item count
  it('worker_vswitch_ids: 取值范围：[1,20] on an array → items', () => {
    const f = mine(at(205, '虚拟交换机ID列表，取值范围：[1,20]。为保证高可用性，建议选择不同可用区的虚拟交换机。'), ARR_STR);
    expect(f.items?.value).toEqual({ min: 1, max: 20 });
    expect(f.items?.source.line).toBe(205);
    expect(f.range).toBeUndefined();
  });

  // docs/000 line 206, worker_instance_types
  it('worker_instance_types: 至少要指定一个 → items min 1', () => {
    const f = mine(at(206, 'Worker节点实例规格，至少要指定一个实例规格。更多信息，请参见实例规格族。'), ARR_STR);
    expect(f.items?.value).toEqual({ min: 1 });
    expect(f.items?.source.line).toBe(206);
  });

  // docs/000 lines 215-221, worker_system_disk_size: the prose default max{40, …} is not a number
  it('worker_system_disk_size (000): [20,500], no default from max{40, …}', () => {
    const f = mine(
      at(215, 'Worker节点系统盘大小，单位为GiB。', '', '取值范围：[20,500]。', '', '该参数的取值必须大于或者等于max{20, ImageSize}。', '', '默认值：max{40, 参数ImageId对应的镜像大小}。'),
      INT,
    );
    expect(f.range?.value).toEqual({ min: 20, max: 500 });
    expect(f.range?.source.line).toBe(217);
    expect(f.default).toBeUndefined();
  });

  // docs/000 lines 25-26, name
  it('name: 长度范围1~63个字符', () => {
    const f = mine(at(24, '集群名称。', '', '命名规则：由数字、汉字、英文字符或短划线（-）组成，长度范围1~63个字符，且不能以短划线（-）开头。'), STR);
    expect(f.length?.value).toEqual({ min: 1, max: 63 });
    expect(f.length?.source.line).toBe(26);
    expect(f.enum).toBeUndefined();
  });

  // docs/000 line 162, login_password
  it('login_password: 8~30个字符', () => {
    const f = mine(at(162, 'SSH登录密码，和key_pair二选一。密码规则为8~30个字符，且至少同时包含三项（大小写字母、数字和特殊符号）。'), STR);
    expect(f.length?.value).toEqual({ min: 8, max: 30 });
    expect(f.length?.source.line).toBe(162);
  });

  // docs/000 lines 265-270, service_discovery_types: "默认值：不开启" is prose
  it('service_discovery_types: enum of item values, no default from 不开启', () => {
    const f = mine(
      at(265, '集群内服务发现类型，用于在ASK集群中指定服务发现方式。', '', '- CoreDNS：使用Kubernetes原生标准服务发现组件CoreDNS，需要在集群部署一组容器用于DNS解析。默认采用两个0.25 Core 512 MiB规格的ECI实例。', '- PrivateZone：使用阿里云PrivateZone产品提供服务发现能力，需要开启PrivateZone服务。', '', '默认值：不开启。'),
      ARR_STR,
    );
    expect(f.enum?.value).toEqual(['CoreDNS', 'PrivateZone']);
    expect(f.enum?.source.line).toBe(267);
    expect(f.default).toBeUndefined();
  });

  // docs/000 lines 245-250, cluster_domain: a length of each part is not the value's length
  it('cluster_domain: 每个部分最长为63个字符 is not a length', () => {
    const f = mine(at(120, '集群本地域名。', '', '命名规则：域名由小数点（.）分隔的一个或多个部分构成，每个部分最长为63个字符，可以使用小写字母、数字和短划线（-），且首尾必须为小写字母或数字。'), STR);
    expect(f.length).toBeUndefined();
  });

  // docs/000 lines 56-59, service_cidr: "可选范围：" followed by CIDR blocks is not an enum
  it('service_cidr: no enum from 可选范围 and no default from 默认使用…', () => {
    const f = mine(at(56, 'Service网络地址段，可选范围：10.0.0.0/16-24，172.16-31.0.0/16-24，192.168.0.0/16-24', '', '不能与VPC网段10.1.0.0/21及VPC内已有Kubernetes集群使用的网段重复，创建成功后不能修改。', '', '默认使用172.19.0.0/20网段。'), STR);
    expect(f).toEqual({});
  });
});

describe('en seed 001 (text, one row per line)', () => {
  // docs/001 lines 128-136
  it('worker_system_disk_size: 40 to 500, default 120', () => {
    const f = mine(
      at(128, 'The size of the system disk that is specified for worker nodes. Unit: GiB.', 'Valid values: 40 to 500.', 'The value of this parameter must be at least 40 and no less than the image size.', 'Default value: 120.').map((l, i) => ({ ...l, line: [130, 132, 134, 136][i]! })),
      INT,
      F001,
      'en',
    );
    expect(f.range?.value).toEqual({ min: 40, max: 500 });
    expect(f.range?.source).toEqual({ file: F001, line: 132 });
    expect(f.default?.value).toBe(120);
    expect(f.default?.source.line).toBe(136);
  });

  // docs/001 lines 99-101
  it('name: 1 to 63 characters', () => {
    const f = mine([{ text: 'The name of the ACK cluster.', line: 99 }, { text: 'The name must be 1 to 63 characters in length, and can contain digits, letters, and hyphens (-). It cannot start with a hyphen (-).', line: 101 }], STR, F001, 'en');
    expect(f.length?.value).toEqual({ min: 1, max: 63 });
    expect(f.length?.source.line).toBe(101);
    expect(f.length?.text).toBe('The name must be 1 to 63 characters in length, and can contain digits, letters, and hyphens (-).');
  });

  // docs/001 line 103
  it('num_of_nodes: Valid values: 0 to 100', () => {
    const f = mine(at(103, 'The number of worker nodes that you want to create. Valid values: 0 to 100.'), INT, F001, 'en');
    expect(f.range?.value).toEqual({ min: 0, max: 100 });
    expect(f.range?.source.line).toBe(103);
    expect(f.enum).toBeUndefined();
  });

  // docs/001 line 118
  it('vswitch_ids: one to three vSwitches', () => {
    const f = mine(at(118, 'The IDs of the vSwitches. You can specify one to three vSwitches.'), ARR_STR, F001, 'en');
    expect(f.items?.value).toEqual({ min: 1, max: 3 });
    expect(f.items?.source.line).toBe(118);
  });

  // docs/001 line 218
  it('proxy_mode: inline "iptables and ipvs", default ipvs on the same line', () => {
    const f = mine(at(218, 'The kube-proxy mode. Valid values: iptables and ipvs. Default value: ipvs.'), STR, F001, 'en');
    expect(f.enum?.value).toEqual(['iptables', 'ipvs']);
    expect(f.enum?.source.line).toBe(218);
    expect(f.enum?.text).toBe('Valid values: iptables and ipvs.');
    expect(f.default?.value).toBe('ipvs');
    expect(f.default?.text).toBe('Default value: ipvs.');
  });

  // docs/001 lines 174-178 (cluster_spec): a dotted default followed by prose
  it('cluster_spec: Valid values list, default ack.standard', () => {
    const f = mine(
      [
        { text: 'The type of managed Kubernetes cluster. Valid values:', line: 174 },
        { text: '- ack.pro.small: professional managed Kubernetes cluster.', line: 175 },
        { text: '- ack.standard: standard managed Kubernetes cluster.', line: 176 },
        { text: 'Default value: ack.standard. If you leave this parameter empty, a standard managed Kubernetes cluster is created.', line: 178 },
      ],
      STR,
      F001,
      'en',
    );
    expect(f.enum?.value).toEqual(['ack.pro.small', 'ack.standard']);
    expect(f.enum?.source.line).toBe(174);
    expect(f.default?.value).toBe('ack.standard');
    expect(f.default?.source.line).toBe(178);
  });

  // docs/001 line 344 (worker_auto_renew_period)
  it('worker_auto_renew_period: "1, 2, 3, 6, and 12" → range values', () => {
    const f = mine([{ text: 'The cycle of auto-renewal. This parameter takes effect and is required only if the subscription billing method is selected for worker nodes.', line: 342 }, { text: 'Valid values: 1, 2, 3, 6, and 12.', line: 344 }], INT, F001, 'en');
    expect(f.range?.value).toEqual({ values: [1, 2, 3, 6, 12] });
    expect(f.range?.source.line).toBe(344);
    expect(f.enum).toBeUndefined();
  });

  // docs/001 lines 347-352 (worker_data_disk_category) and 353-354 (worker_data_disk_size)
  it('worker_data_disk_category: obsolete note → deprecated, enum and default kept', () => {
    const f = mine(
      [
        { text: 'The category of the data disk. Valid values:', line: 347 },
        { text: '- cloud_efficiency: ultra disk.', line: 348 },
        { text: '- cloud_ssd: standard SSD.', line: 349 },
        { text: '- cloud: basic disk.', line: 350 },
        { text: 'Default value: cloud_efficiency.', line: 351 },
        { text: 'Note This parameter is obsolete and replaced by the category field in the worker_data_disks parameter.', line: 352 },
      ],
      STR,
      F001,
      'en',
    );
    expect(f.enum?.value).toEqual(['cloud_efficiency', 'cloud_ssd', 'cloud']);
    expect(f.default?.value).toBe('cloud_efficiency');
    expect(f.default?.source.line).toBe(351);
    expect(f.deprecated?.value).toBe(true);
    expect(f.deprecated?.source.line).toBe(352);
  });
  it('worker_data_disk_size: obsolete', () => {
    const f = mine(at(353, 'The size of the data disk. Unit: GiB.', 'Note This parameter is obsolete and replaced by the size field in the worker_data_disks parameter.'), INT, F001, 'en');
    expect(f.deprecated?.value).toBe(true);
    expect(f.deprecated?.source.line).toBe(354);
    expect(f.deprecated?.text).toBe('Note This parameter is obsolete and replaced by the size field in the worker_data_disks parameter.');
  });

  // docs/001 line 94 and line 376: "Set the value to X"
  it('cluster_type: Set the value to ManagedKubernetes → one-value enum', () => {
    const f = mine(at(94, 'The type of cluster. Set the value to ManagedKubernetes to create a standard managed Kubernetes cluster.'), STR, F001, 'en');
    expect(f.enum?.value).toEqual(['ManagedKubernetes']);
    expect(f.enum?.source.line).toBe(94);
  });

  // docs/001 lines 105-114 (snat_entry): values only under a condition; "If …, set the value to false" is no enum
  it('snat_entry: conditional value list and "If …, set the value to false" give no enum; default false', () => {
    const f = mine(
      [
        { text: 'Specifies whether to configure Source Network Address Translation (SNAT) rules for the virtual private cloud (VPC) where your cluster is deployed.', line: 106 },
        { text: '- If the VPC supports Internet access, set the value to false.', line: 108 },
        { text: '- If the VPC does not support Internet access, valid values are:', line: 109 },
        { text: '  - true: configures SNAT rules. This enables Internet access for the cluster.', line: 110 },
        { text: '  - false: does not configure SNAT rules. In this case, the cluster cannot access the Internet.', line: 111 },
        { text: 'If your applications deployed in the cluster need to access the Internet, we recommend that you set the value to true.', line: 113 },
        { text: 'Default value: false.', line: 115 },
      ],
      BOOL,
      F001,
      'en',
    );
    expect(f.enum).toBeUndefined();
    expect(f.default?.value).toBe(false);
    expect(f.default?.source.line).toBe(115);
  });
});

describe('en seed 002 (text, one cell per line)', () => {
  // docs/002 line 177
  it('name: 1 to 63 characters', () => {
    const f = mine(at(175, 'The cluster name.', '', 'The name must be 1 to 63 characters in length, and can contain digits, letters, hyphens (-), and underscores (_). It cannot start with an underscore (_).'), STR, F002, 'en');
    expect(f.length?.value).toEqual({ min: 1, max: 63 });
    expect(f.length?.source.line).toBe(177);
  });

  // docs/002 line 331
  it('vswitch_ids: one to five vSwitches', () => {
    const f = mine(at(331, 'The IDs of vSwitches. You can specify one to five vSwitches.'), ARR_STR, F002, 'en');
    expect(f.items?.value).toEqual({ min: 1, max: 5 });
    expect(f.items?.source.line).toBe(331);
  });

  // docs/002 lines 293-297 (period)
  it('period: 1, 2, 3, 6, 12, 24, 36, 48, and 60; default 1', () => {
    const f = mine(at(293, 'The subscription duration. The subscription duration. This parameter takes effect and is required only when you set charge_type to PrePaid.', '', 'Valid values: 1, 2, 3, 6, 12, 24, 36, 48, and 60.', '', 'Default value: 1.'), INT, F002, 'en');
    expect(f.range?.value).toEqual({ values: [1, 2, 3, 6, 12, 24, 36, 48, 60] });
    expect(f.range?.source.line).toBe(295);
    expect(f.default?.value).toBe(1);
    expect(f.default?.source.line).toBe(297);
  });

  // docs/002 line 309 (period_unit)
  it('period_unit: Set the value to Month.', () => {
    const f = mine(at(307, 'The billing cycle. This parameter is required if charge_type is set to PrePaid.', '', 'Set the value to Month. Resources are billed only on a monthly basis.'), STR, F002, 'en');
    expect(f.enum?.value).toEqual(['Month']);
    expect(f.enum?.source.line).toBe(309);
    expect(f.enum?.text).toBe('Set the value to Month.');
  });

  // docs/002 lines 197-203 (cluster_type): "Valid value:" (singular) lead-in
  it('cluster_type: Valid value: list of three', () => {
    const f = mine(
      at(197, 'The cluster type is ManagedKubernetes. Valid value:', '', '- ManagedKubernetes: You can create ACK managed clusters (Basic and Pro editions), ACK Serverless clusters (Basic and Pro editions), and ACK Edge clusters (Basic and Pro editions).', '', '- Kubernetes: ACK dedicated cluster.', '', '- ExternalKubernetes: Registered clusters.'),
      STR,
      F002,
      'en',
    );
    expect(f.enum?.value).toEqual(['ManagedKubernetes', 'Kubernetes', 'ExternalKubernetes']);
    expect(f.enum?.source.line).toBe(197);
  });

  // docs/002 lines 270-282 (charge_type): a prose list before the real lead-in
  it('charge_type: a list of resources is not an enum; the Valid values list is', () => {
    const f = mine(
      at(270, 'The billing method of the cluster. The following resources are billed on a subscription basis:', '', '- Elastic Compute Service (ECS) instances in node pools.', '', '- The internal-facing Server Load Balancer (SLB) instance of the cluster API server.', '', 'Valid values:', '', '- PrePaid: subscription.', '', '- PostPaid: pay-as-you-go.', '', 'Default value: PostPaid.'),
      STR,
      F002,
      'en',
    );
    expect(f.enum?.value).toEqual(['PrePaid', 'PostPaid']);
    expect(f.enum?.source.line).toBe(276);
    expect(f.default?.value).toBe('PostPaid');
    expect(f.default?.source.line).toBe(282);
  });

  // docs/002 line 690 (controlplane_log_ttl, typed String): no enum and no range from "1 to 3000"
  it('controlplane_log_ttl (String): "Valid values: 1 to 3000" is neither enum nor range; default "30"', () => {
    const f = mine(at(690, 'The interval at which the logs of control plane components are collected. Valid values: 1 to 3000. Unit: days.', 'Default value: 30.'), STR, F002, 'en');
    expect(f.enum).toBeUndefined();
    expect(f.range).toBeUndefined();
    expect(f.default?.value).toBe('30');
    expect(f.default?.source.line).toBe(691);
  });
});

describe('zh seed 003 (text, empty required column)', () => {
  // docs/003 lines 125-131
  it('worker_system_disk_size: 取值范围:[40,500], default 120', () => {
    const f = mine(
      [
        { text: 'Worker节点系统盘大小,单位为GiB。', line: 125 },
        { text: '取值范围:[40,500]。', line: 127 },
        { text: '该参数的取值必须大于或者等于max{40, ImageSize}。', line: 129 },
        { text: '默认值:120。', line: 131 },
      ],
      INT,
      F003,
    );
    expect(f.range?.value).toEqual({ min: 40, max: 500 });
    expect(f.range?.source).toEqual({ file: F003, line: 127 });
    expect(f.default?.value).toBe(120);
    expect(f.default?.source.line).toBe(131);
  });

  // docs/003 line 96
  it('name: 长度范围1~63个字符 (ASCII punctuation)', () => {
    const f = mine([{ text: '集群名称。', line: 94 }, { text: '命名规则:由数字、汉字、英文字符或短划线(-)组成,长度范围1~63个字符,且不能以短划线(-)开头。', line: 96 }], STR, F003);
    expect(f.length?.value).toEqual({ min: 1, max: 63 });
    expect(f.length?.source.line).toBe(96);
  });

  // docs/003 line 98
  it('num_of_nodes: 范围是[0,100]', () => {
    const f = mine(at(98, 'Worker节点数。范围是[0,100]。'), INT, F003);
    expect(f.range?.value).toEqual({ min: 0, max: 100 });
    expect(f.range?.source.line).toBe(98);
  });

  // docs/003 line 113
  it('vswitch_ids: List长度范围为[1,3]', () => {
    const f = mine(at(113, '交换机ID。List长度范围为[1,3]。'), ARR_STR, F003);
    expect(f.items?.value).toEqual({ min: 1, max: 3 });
    expect(f.items?.source.line).toBe(113);
  });

  // docs/003 lines 100-111 (snat_entry): ASCII colon default
  it('snat_entry: 默认值:false (ASCII colon), no enum from 设置为… items', () => {
    const f = mine(
      [
        { text: '是否为网络配置SNAT:', line: 100 },
        { text: '- 当已有VPC能访问公网环境时,设置为false', line: 102 },
        { text: '- 当已有VPC不能访问公网环境时:', line: 103 },
        { text: '  - 设置为true,表示配置SNAT,此时可以访问公网环境。', line: 104 },
        { text: '  - 设置为false,表示不配置SNAT,此时不能访问公网环境。', line: 105 },
        { text: '如果您的应用需要访问公网,建议配置为true。', line: 109 },
        { text: '默认值:false', line: 111 },
      ],
      BOOL,
      F003,
    );
    expect(f.enum).toBeUndefined();
    expect(f.default?.value).toBe(false);
    expect(f.default?.source.line).toBe(111);
  });

  // docs/003 line 213 (proxy_mode): "默认为ipvs"
  it('proxy_mode: 默认为ipvs', () => {
    const f = mine(at(213, 'kube-proxy代理模式,支持iptablesipvs两种模式,默认为ipvs。'), STR, F003);
    expect(f.default?.value).toBe('ipvs');
    expect(f.default?.source.line).toBe(213);
    expect(f.enum).toBeUndefined();
  });

  // docs/003 lines 342-349: 过期参数
  it('worker_data_disk_category: 过期参数 → deprecated; default cloud_efficiency', () => {
    const f = mine(
      [
        { text: '数据盘类型。取值:', line: 342 },
        { text: '- cloud_efficiency:高效云盘。', line: 343 },
        { text: '- cloud_ssd:SSD云盘。', line: 344 },
        { text: '- cloud:普通云盘。', line: 345 },
        { text: '默认值:cloud_efficiency', line: 346 },
        { text: '说明 过期参数,替代参数请参见worker_data_disks参数中的category取值。', line: 347 },
      ],
      STR,
      F003,
    );
    expect(f.enum?.value).toEqual(['cloud_efficiency', 'cloud_ssd', 'cloud']);
    expect(f.enum?.source.line).toBe(342);
    expect(f.default?.value).toBe('cloud_efficiency');
    expect(f.default?.source.line).toBe(346);
    expect(f.deprecated?.value).toBe(true);
    expect(f.deprecated?.source.line).toBe(347);
  });
  it('worker_data_disk_size: 过期参数', () => {
    const f = mine([{ text: '数据盘大小,单位为GiB。', line: 348 }, { text: '说明 过期参数,替代参数请参见worker_data_disks参数中的size取值。', line: 349 }], INT, F003);
    expect(f.deprecated?.value).toBe(true);
    expect(f.deprecated?.source.line).toBe(349);
    // "…中的size取值。" is not a lead-in of values
    expect(f.enum).toBeUndefined();
    expect(f.range).toBeUndefined();
  });
});

describe('en seed 004 (text, whole description on the row line)', () => {
  // docs/004 line 88
  it('worker_system_disk_size: Deprecated, 40 to 500, default 120', () => {
    const f = mine(at(88, 'Deprecated. The size of the system disk for worker nodes. Unit: GiB. Valid values: 40 to 500. The value must be at least 40 and no less than the image size. Default value: 120.'), INT, F004, 'en');
    expect(f.deprecated?.value).toBe(true);
    expect(f.deprecated?.source).toEqual({ file: F004, line: 88 });
    expect(f.deprecated?.text).toBe('Deprecated.');
    expect(f.range?.value).toEqual({ min: 40, max: 500 });
    expect(f.range?.source.line).toBe(88);
    expect(f.default?.value).toBe(120);
    expect(f.default?.source.line).toBe(88);
  });

  // docs/004 line 75
  it('disable_rollback: Deprecated; true (…) and false (…); default false', () => {
    const f = mine(at(75, 'Deprecated. Specifies whether to perform a rollback when the cluster fails to be created. Valid values: true (performs a rollback) and false (does not perform a rollback). Default value: false.'), BOOL, F004, 'en');
    expect(f.deprecated?.value).toBe(true);
    expect(f.deprecated?.source.line).toBe(75);
    expect(f.enum?.value).toEqual([true, false]);
    expect(f.enum?.source.line).toBe(75);
    expect(f.default?.value).toBe(false);
    expect(f.default?.source.line).toBe(75);
  });

  // docs/004 line 87
  it('worker_system_disk_category: cloud_efficiency (ultra disk) and cloud_ssd (standard SSD)', () => {
    const f = mine(at(87, 'Deprecated. The system disk type for worker nodes. Valid values: cloud_efficiency (ultra disk) and cloud_ssd (standard SSD). Default value: cloud_ssd.'), STR, F004, 'en');
    expect(f.enum?.value).toEqual(['cloud_efficiency', 'cloud_ssd']);
    expect(f.enum?.source.line).toBe(87);
    expect(f.default?.value).toBe('cloud_ssd');
    expect(f.deprecated?.source.line).toBe(87);
  });

  // docs/004 line 82
  it('num_of_nodes: Deprecated, 0 to 100', () => {
    const f = mine(at(82, 'Deprecated. The number of worker nodes. Valid values: 0 to 100.'), INT, F004, 'en');
    expect(f.deprecated?.value).toBe(true);
    expect(f.range?.value).toEqual({ min: 0, max: 100 });
    expect(f.range?.source.line).toBe(82);
  });

  // docs/004 line 86
  it('vswitch_ids: Specify one to three vSwitches', () => {
    const f = mine(at(86, 'The IDs of vSwitches. Specify one to three vSwitches.'), ARR_STR, F004, 'en');
    expect(f.items?.value).toEqual({ min: 1, max: 3 });
    expect(f.items?.source.line).toBe(86);
    expect(f.deprecated).toBeUndefined();
  });

  // docs/004 line 73
  it('name: 1 to 63 characters, not deprecated', () => {
    const f = mine(at(73, 'The name of the cluster. The name must be 1 to 63 characters in length and can contain digits, letters, and hyphens (-). The name cannot start with a hyphen (-).'), STR, F004, 'en');
    expect(f.length?.value).toEqual({ min: 1, max: 63 });
    expect(f.length?.source.line).toBe(73);
    expect(f.deprecated).toBeUndefined();
  });

  // docs/004 line 81
  it('login_password: Deprecated, 8 to 30 characters', () => {
    const f = mine(at(81, 'Deprecated. The password for SSH logon. Set this parameter or key_pair. The password must be 8 to 30 characters in length and must contain at least three of the following character types: uppercase letters, lowercase letters, digits, and special characters.'), STR, F004, 'en');
    expect(f.deprecated?.value).toBe(true);
    expect(f.length?.value).toEqual({ min: 8, max: 30 });
    expect(f.length?.source.line).toBe(81);
    // "Set this parameter or key_pair." does not give a value
    expect(f.enum).toBeUndefined();
  });

  // docs/004 line 111: "at least one instance type" on an array
  it('worker_instance_types: at least one → items min 1', () => {
    const f = mine(at(111, 'Deprecated. The Elastic Compute Service (ECS) instance types for worker nodes. Specify at least one instance type. The types are listed in descending priority order; if the system cannot create nodes with the highest-priority type, it attempts the next type. For more information, see Overview of instance families.'), ARR_STR, F004, 'en');
    expect(f.items?.value).toEqual({ min: 1 });
    expect(f.items?.source.line).toBe(111);
    expect(f.deprecated?.source.line).toBe(111);
  });

  // docs/004 line 83 (profile)
  it('profile: Default value: Edge', () => {
    const f = mine(at(83, 'Identifies the cluster as an ACK Edge cluster. Default value: Edge.'), STR, F004, 'en');
    expect(f.default?.value).toBe('Edge');
    expect(f.default?.source.line).toBe(83);
    expect(f.enum).toBeUndefined();
  });
});

describe('corpus phrasings (shared/corpus/alibabacloud-docs)', () => {
  // slb/cn.zh-CN/API参考/HTTP监听/CreateLoadBalancerHTTPListener.md (Scheduler): "(默认值)" marker in a list
  it('list item with a (默认值) marker gives the default', () => {
    const f = mine(at(10, '调度算法。取值：', '- wrr（默认值）：权重值越高的后端服务器，被轮询到的次数（概率）也越高。', '- wlc：除了根据每台后端服务器设定的权重值来进行轮询，同时还考虑后端服务器的实际负载（即连接数）。', '- rr：按照访问顺序依次将外部请求依序分发到后端服务器。'), STR, 'corpus/slb.md');
    expect(f.enum?.value).toEqual(['wrr', 'wlc', 'rr']);
    expect(f.enum?.source.line).toBe(10);
    expect(f.default?.value).toBe('wrr');
    expect(f.default?.source.line).toBe(11);
  });

  // slb pages: "取值：on | off（默认值）。"
  it('inline "on | off（默认值）" gives enum and default', () => {
    const f = mine(at(5, '是否开启会话保持。', '取值：on | off（默认值）。'), STR, 'corpus/slb.md');
    expect(f.enum?.value).toEqual(['on', 'off']);
    expect(f.enum?.source.line).toBe(6);
    expect(f.default?.value).toBe('off');
    expect(f.default?.source.line).toBe(6);
  });

  // slb pages: "取值：1-65535。" on an Integer, and "Tag.N.Key … N的取值范围：1~20 … 最多支持64个字符" on a String
  it('取值：1-65535 is a range; N的取值范围 is not the value; 最多支持64个字符 is a max length', () => {
    const port = mine(at(3, '负载均衡实例前端使用的端口。', '取值：1-65535。'), INT, 'corpus/slb.md');
    expect(port.range?.value).toEqual({ min: 1, max: 65535 });
    expect(port.range?.source.line).toBe(4);
    const tag = mine(at(7, '实例的标签键。N的取值范围：1~20。一旦传入该值，则不允许为空字符串。最多支持64个字符，不能以aliyun和acs:开头，不能包含http://或者https://。'), STR, 'corpus/ecs.md');
    expect(tag.range).toBeUndefined();
    expect(tag.enum).toBeUndefined();
    expect(tag.length?.value).toEqual({ max: 64 });
    expect(tag.length?.source.line).toBe(7);
  });

  // ecs pages: "InstanceId.N … N的取值范围：1~100" on a list parameter → item count
  it('N的取值范围 on an array is the item count', () => {
    const f = mine(at(9, '实例ID。N的取值范围：1~100。'), ARR_STR, 'corpus/ecs.md');
    expect(f.items?.value).toEqual({ min: 1, max: 100 });
    expect(f.items?.source.line).toBe(9);
  });

  // ecs pages: "该参数即将被弃用" and "This parameter will be removed in the future."
  it('deprecation notices in zh and en', () => {
    const zh = mine(at(20, '磁盘名称。', '说明： 该参数即将被弃用，为提高兼容性，请尽量使用其他参数。'), STR, 'corpus/ecs.md');
    expect(zh.deprecated?.value).toBe(true);
    expect(zh.deprecated?.source.line).toBe(21);
    const en = mine(at(30, 'The name of the disk. Note: This parameter will be removed in the future. We recommend that you use other parameters to ensure future compatibility.'), STR, 'corpus/ecs.md', 'en');
    expect(en.deprecated?.value).toBe(true);
    expect(en.deprecated?.source.line).toBe(30);
  });

  // ecs pages: "When DataDisk.N.Category is set to cloud_efficiency, the valid values are …" style conditions
  it('conditional statements are skipped', () => {
    const f = mine(at(40, '自动续费时长。当PeriodUnit=Month时，取值范围：{1, 2, 3, 6, 12}。'), INT, 'corpus/ecs.md');
    expect(f.range).toBeUndefined();
    const d = mine(at(41, 'For instances of retired instance types, the default value is none.'), STR, 'corpus/ecs.md', 'en');
    expect(d.default).toBeUndefined();
  });

  // ecs pages: "Maximum value: 100" / "起始值：1"
  it('explicit minimum and maximum values merge', () => {
    const f = mine(at(1, '分页查询时设置的每页行数。', '最大值：100', '默认值：10'), INT, 'corpus/ecs.md');
    expect(f.range?.value).toEqual({ max: 100 });
    expect(f.range?.source.line).toBe(2);
    expect(f.default?.value).toBe(10);
    const g = mine(at(1, 'The number of the page to return. Minimum value: 1.', 'Maximum value: 50.'), INT, 'corpus/ecs.md', 'en');
    expect(g.range?.value).toEqual({ min: 1, max: 50 });
    expect(g.range?.source.line).toBe(1);
  });

  // ecs pages: "长度为2~128个英文或中文字符" and "It can be up to 128 characters in length"
  it('length phrasings', () => {
    const a = mine(at(3, '实例名称。长度为2~128个英文或中文字符。必须以大小字母或中文开头，不能以http://和https://开头。'), STR, 'corpus/ecs.md');
    expect(a.length?.value).toEqual({ min: 2, max: 128 });
    expect(a.length?.source.line).toBe(3);
    const b = mine(at(4, 'The description of the instance. It can be up to 128 characters in length.'), STR, 'corpus/ecs.md', 'en');
    expect(b.length?.value).toEqual({ max: 128 });
    expect(b.length?.source.line).toBe(4);
    const c = mine(at(5, '标签键。最长为64个字符。'), { kind: 'unknown' }, 'corpus/ecs.md');
    expect(c.length?.value).toEqual({ max: 64 });
  });

  // csk pages: "最多支持100个" / "您最多可以设置20个标签" on arrays
  it('item-count maxima', () => {
    const a = mine(at(6, '节点ID列表，最多支持100个。'), ARR_STR, 'corpus/csk.md');
    expect(a.items?.value).toEqual({ max: 100 });
    expect(a.items?.source.line).toBe(6);
    const b = mine(at(7, '- 标签由区分大小写的键值对组成，您最多可以设置20个标签。', '节点标签。您最多可以设置20个标签。'), { kind: 'array', items: { kind: 'ref', name: 'tag' } }, 'corpus/csk.md');
    expect(b.items?.value).toEqual({ max: 20 });
    expect(b.items?.source.line).toBe(8);
  });
});

describe('negative cases and robustness', () => {
  // docs/000 line 270 on a boolean: "默认值：不开启" is prose
  it('no default from 默认值：不开启 for a boolean', () => {
    const f = mine(at(270, '默认值：不开启。'), BOOL);
    expect(f.default).toBeUndefined();
  });

  // docs/000 addons / tags: field lists on object-array types are not enums
  it('no enum from a field list on an array of objects, nor from one on a string', () => {
    const arr = mine(at(1, 'The components that you want to install in the cluster. Parameter description:', '- name: the name of the component. This parameter is required.', '- config: This parameter is optional. If this parameter is left empty, it indicates that no configurations are required.'), { kind: 'array', items: { kind: 'ref', name: 'addon' } }, F001, 'en');
    expect(arr.enum).toBeUndefined();
    const str = mine(at(1, 'Kubernetes集群安装的组件列表。组件的结构包括:', '- name:必填,组件名称。', '- config:可选,取值为空时表示无需配置。'), STR, F003);
    expect(str.enum).toBeUndefined();
  });

  // ordinary prose with colons and "取值"/"valid"
  it('no enum from ordinary prose', () => {
    const cases = [
      'Valid values: the ID of a security group in the VPC.',
      '集群版本，与Kubernetes社区基线版本保持一致。建议选择最新版本，若不指定，默认使用最新版本。',
      'The value of this parameter must be valid: it cannot be empty.',
      '该参数的取值必须大于或者等于max{20, ImageSize}。',
      'If the VPC can access the Internet, set this parameter to false.',
      'We recommend that you set the value to true.',
      'Valid values: 40 to 500.',
    ];
    for (const c of cases) {
      const f = mine(at(1, c), STR, F001, 'en');
      expect(f.enum, c).toBeUndefined();
    }
  });

  it('a prose default is skipped; "Default value: the latest version"', () => {
    expect(mine(at(1, 'Default value: the latest version.'), STR, F001, 'en').default).toBeUndefined();
    expect(mine(at(1, '默认值：空'), STR).default).toBeUndefined();
    expect(mine(at(1, 'Default value: null.'), STR).default).toBeUndefined();
  });

  it('never throws (timing is measured by the growth tests: test/facts-growth.test.ts)', () => {
    expect(mineFacts([], 'zh', 'x', STR)).toEqual({});
    const weird: TextLine[] = [
      { text: '', line: 1 },
      { text: '\u0000\uFFFF\uD800 取值：', line: 2 },
      { text: '- ', line: 3 },
      { text: '-', line: 4 },
      { text: '默认值：', line: 5 },
      { text: 'Valid values: ' + 'a, '.repeat(5000), line: 6 },
      { text: '取值范围：[', line: 7 },
      { text: '  '.repeat(200) + '- x: y', line: 8 },
      { text: '- 功能说明：', line: 9 },
      { text: '取值：-1 | ', line: 10 },
      { text: 'name (required', line: 11 },
    ];
    for (const t of [STR, INT, BOOL, ARR_STR, { kind: 'unknown' } as TypeRef, { kind: 'map', values: STR } as TypeRef, { kind: 'ref', name: 'x' } as TypeRef]) {
      expect(() => mineFacts(weird, 'en', 'x', t)).not.toThrow();
    }
    const big: TextLine[] = [];
    for (let i = 0; i < 300; i++) big.push({ text: `${'Valid values: '.repeat(50)}${'1 '.repeat(500)}${'取值'.repeat(300)}${'- a: '.repeat(200)}`, line: i });
    for (const t of [STR, INT, ARR_STR]) expect(() => mineFacts(big, 'en', 'x', t)).not.toThrow();
    expect(() => mineFacts([{ text: '- ' + 'a.'.repeat(20000) + '!', line: 1 }, { text: 'a'.repeat(50000) + ' characters', line: 2 }], 'en', 'x', STR)).not.toThrow();
  });
});

// Phrasings other products use (issue 12 point 5) and the enum/default sentences of issue 11
// point 10. Sentences are copied from the pages named (../shared/corpus, ../shared/corpus-wider),
// cleaned as the readers hand them over; those quoted by the issues are marked so. Huawei pages
// are quoted by their facts only (short value statements), never by their prose.
describe('issue 11.10: a list followed by "Default value" keeps its last value', () => {
  it('"Valid values: cloud, cloud_ssd. Default value: cloud." (the issue\'s sentence)', () => {
    const f = mine(at(7, 'The category of the system disk. Valid values: cloud, cloud_ssd. Default value: cloud.'), STR, 'x.md', 'en');
    expect(f.enum?.value).toEqual(['cloud', 'cloud_ssd']);
    expect(f.enum?.text).toBe('Valid values: cloud, cloud_ssd.');
    expect(f.default?.value).toBe('cloud');
  });
  it('"Valid values: true, false. Default value: false." (the issue\'s sentence): the validator can accept the default', () => {
    const f = mine(at(3, 'Specifies whether to enable the feature. Valid values: true, false. Default value: false.'), BOOL, 'x.md', 'en');
    expect(f.enum?.value).toEqual([true, false]);
    expect(f.default?.value).toBe(false);
    expect(f.enum!.value).toContain(f.default!.value);
  });
  it('the same on one value list per sentence, in Chinese', () => {
    const f = mine(at(3, '取值：cloud，cloud_ssd。默认值：cloud。'), STR);
    expect(f.enum?.value).toEqual(['cloud', 'cloud_ssd']);
    expect(f.default?.value).toBe('cloud');
  });
  it('a comma followed by prose still ends the list ("Valid values: ssd, which means …")', () => {
    expect(mine(at(1, 'Valid values: ssd, which means standard SSD.'), STR, 'x.md', 'en').enum?.value).toEqual(['ssd']);
  });
});

describe('issue 12.5: ranges with a value besides them', () => {
  const slbEn = 'alibabacloud-docs/slb/intl.en-US/User Guide/Developer Guide/TCP listeners/SetLoadBalancerTCPListenerAttribute.md';
  const slbZh = 'alibabacloud-docs/slb/cn.zh-CN/API参考/HTTPS监听/CreateLoadBalancerHTTPSListener.md';
  const slbUdp = 'alibabacloud-docs/slb/cn.zh-CN/传统型负载均衡CLB/CLB开发指南/API参考/UDP监听/CreateLoadBalancerUDPListener.md';
  it('"Valid values: 1 to 5120 and -1." (slb en, Bandwidth)', () => {
    const f = mine(at(23, 'The maximum bandwidth of the listener. Valid values: 1 to 5120 and -1. Unit: Mbit/s.'), INT, slbEn, 'en');
    expect(f.range?.value).toEqual({ min: 1, max: 5120, also: [-1] });
    expect(f.range?.text).toBe('Valid values: 1 to 5120 and -1.');
  });
  it('"取值：-1 | 1-5120。" (slb zh, Bandwidth)', () => {
    expect(mine(at(20, '监听的带宽峰值。取值：-1 | 1-5120。'), INT, slbZh).range?.value).toEqual({ min: 1, max: 5120, also: [-1] });
  });
  it('"取值：-1或1~5120。" and "Valid values: -1 or 1 to 5120."', () => {
    expect(mine(at(20, '取值：-1或1~5120。'), INT, slbUdp).range?.value).toEqual({ min: 1, max: 5120, also: [-1] });
    expect(mine(at(20, 'Valid values: -1 or 1 to 5120.'), INT, slbEn, 'en').range?.value).toEqual({ min: 1, max: 5120, also: [-1] });
    expect(mine(at(20, 'Valid values: -1 and 1 to 5120.'), INT, slbEn, 'en').range?.value).toEqual({ min: 1, max: 5120, also: [-1] });
  });
  it('a number inside the range adds nothing ("取值：1|1-5120。", slb zh SetLoadBalancerHTTPSListenerAttribute)', () => {
    expect(mine(at(55, '取值：1|1-5120。'), INT).range?.value).toEqual({ min: 1, max: 5120 });
  });
  it('"A and B" is two values, except after "between"', () => {
    expect(mine(at(1, 'Valid values: 3 and 5.'), INT, 'x.md', 'en').range?.value).toEqual({ values: [3, 5] });
    expect(mine(at(1, 'Optional values: 1 and 3.'), INT, 'x.md', 'en').range?.value).toEqual({ values: [1, 3] });
    expect(mine(at(1, 'The value must be between 1 and 5.'), INT, 'x.md', 'en').range?.value).toEqual({ min: 1, max: 5 });
  });
  it('a range followed by other text stays that range ("Valid values: 40 to 500 GiB …")', () => {
    expect(mine(at(1, 'Valid values: 40 to 500 GiB, in steps of 20.'), INT, 'x.md', 'en').range?.value).toEqual({ min: 40, max: 500 });
  });
});

describe('issue 12.5: a range and a default in one statement; markers of the default', () => {
  it('"取值范围：\\[1 - 100\\]" (RAM\'s definition lists): a bracketed range written with a dash', () => {
    expect(mine(at(5, '取值范围：[1 - 100]'), INT).range?.value).toEqual({ min: 1, max: 100 });
    expect(mine(at(5, 'Valid values: [1-100].'), INT).range?.value).toEqual({ min: 1, max: 100 });
  });

  it('"取值范围：[1,200] 默认值：200" (the issue\'s sentence): a range and a numeric default', () => {
    const f = mine(at(5, '每页条数。取值范围：[1,200] 默认值：200'), INT);
    expect(f.range?.value).toEqual({ min: 1, max: 200 });
    expect(f.default?.value).toBe(200);
    expect(typeof f.default?.value).toBe('number');
  });
  it('"取值范围：1~1000之间的任意整数。" and "默认值：300" as list items (cdn DescribeCdnDomainLogs PageSize)', () => {
    const f = mine(at(39, '单页大小。', '- 取值范围：1~1000之间的任意整数。', '- 默认值：300'), INT);
    expect(f.range?.value).toEqual({ min: 1, max: 1000 });
    expect(f.default).toMatchObject({ value: 300, source: { line: 41 } });
  });
  it('"（默认值）" marks one listed value (cdn, "- **off**（默认值）：不启用。")', () => {
    const f = mine(at(10, '是否开启。取值：', '- on：开启。', '- off（默认值）：不启用。'), STR);
    expect(f.enum?.value).toEqual(['on', 'off']);
    expect(f.default).toMatchObject({ value: 'off', source: { line: 12 } });
  });
  it('"(default)" / "（默认）" inline: "Valid values: wrr (default), wlc, rr.", "取值范围：i386 | x86_64（默认）" (ecs zh CreateImage)', () => {
    const a = mine(at(1, 'Valid values: wrr (default), wlc, rr.'), STR, 'x.md', 'en');
    expect(a.enum?.value).toEqual(['wrr', 'wlc', 'rr']);
    expect(a.default?.value).toBe('wrr');
    const b = mine(at(41, '系统架构。取值范围：i386 | x86_64（默认）'), STR);
    expect(b.enum?.value).toEqual(['i386', 'x86_64']);
    expect(b.default?.value).toBe('x86_64');
  });
  it('"取值范围" lists names for a string parameter, never numbers ("取值范围：json | xml。", ecs zh 公共参数 Format)', () => {
    expect(mine(at(19, '返回参数的语言类型。取值范围：json | xml。默认值：xml。'), STR)).toMatchObject({ enum: { value: ['json', 'xml'] }, default: { value: 'xml' } });
    expect(mine(at(1, '取值范围：1~20。'), STR).enum).toBeUndefined();
  });
  it('"Value: HMAC-SHA1." at the start of a sentence, "Optional values: json | xml." (ecs en Common parameters)', () => {
    expect(mine(at(14, 'Signature method. Value: HMAC-SHA1.'), STR, 'x.md', 'en').enum?.value).toEqual(['HMAC-SHA1']);
    expect(mine(at(19, 'Type of the response parameters. Optional values: json | xml. Default value: xml.'), STR, 'x.md', 'en').enum?.value).toEqual(['json', 'xml']);
    // not in the middle of a sentence
    expect(mine(at(1, 'The default value: abc.'), STR, 'x.md', 'en').enum).toBeUndefined();
  });
});

describe('issue 12.5: a description that lists sub-fields with "required" makes the nested field required', () => {
  it('seed 002 addons: "- name: required. …", "- config: optional. …"', () => {
    const f = mine(at(646, 'The components that you want to install in the cluster.', '- name: required. This parameter specifies the name of the component.', '- config: optional. If this parameter is left empty, no configurations are required.', '- disabled: optional. It specifies whether to disable automatic installation.'), { kind: 'array', items: { kind: 'ref', name: 'addon' } }, F002, 'en');
    expect(f.fields?.value).toEqual({ name: true, config: false, disabled: false });
    expect(f.fields?.source.line).toBe(647);
    expect(f.enum).toBeUndefined();
  });
  it('seed 001: "- name: the name of the component. This parameter is required."', () => {
    const f = mine(at(142, '- name: the name of the component. This parameter is required.', '- config: This parameter is optional. If this parameter is left empty, it indicates that no configurations are required.'), { kind: 'ref', name: 'addon' }, F001, 'en');
    expect(f.fields?.value).toEqual({ name: true, config: false });
  });
  it('csk zh: "- name：必填，组件名称。", "- config：可选，…"; slb zh "- **Port**：必选参数，…"', () => {
    expect(mine(at(1, '组件列表。', '- name：必填，组件名称。', '- config：可选，取值为空时表示无需配置。'), { kind: 'array', items: { kind: 'object' } }).fields?.value).toEqual({ name: true, config: false });
    expect(mine(at(1, '- Port：必选参数，表示后端服务器使用的端口。', '- Weight：可选参数，后端服务器的权重。'), { kind: 'unknown' }).fields?.value).toEqual({ Port: true, Weight: false });
  });
  it('seed 004, inline: "name (required; …), config (optional; …), and disabled (optional; …)"', () => {
    const f = mine(at(101, 'The components to install in the cluster. Parameters: name (required; the component name), config (optional; leave blank if no configuration is needed), and disabled (optional; specifies whether to disable automatic installation). Network plug-in (required): Flannel or Terway.'), { kind: 'array', items: { kind: 'ref', name: 'addon' } }, F004, 'en');
    expect(f.fields?.value).toEqual({ name: true, config: false, disabled: false });
  });
  it('a list of values is no list of fields, and a string parameter has no fields', () => {
    expect(mine(at(1, '- true: 开启。', '- false: 关闭。'), BOOL).fields).toBeUndefined();
    expect(mine(at(1, '- name: required.', '- config: optional.'), STR).fields).toBeUndefined();
    expect(mine(at(1, '- name: required. The name.'), { kind: 'object' }).fields).toBeUndefined(); // one field is no list
  });
});

describe("issue 12.5: Huawei's 功能说明 / 取值范围 / 约束 / 默认值 parts (facts only)", () => {
  // Huawei pages are read from ../shared only; these are the short value statements, as cells give them.
  const HW = 'huaweicloud-docs/vpc/cn.zh-cn/API参考/x.md';
  it('each part as a list item: the range, the length, the default are read', () => {
    expect(mine(at(1, '- 功能说明：协议端口', '- 取值范围：1~65535'), INT, HW).range?.value).toEqual({ min: 1, max: 65535 });
    expect(mine(at(1, '- 功能说明：端口名称', '- 取值：默认为空，最大长度不超过255'), STR, HW)).toMatchObject({ length: { value: { max: 255 } } });
    expect(mine(at(1, '- 功能说明：名称', '- 取值范围：0-255个字符，不能包含“<”和“>”。'), STR, HW).length?.value).toEqual({ min: 0, max: 255 });
    expect(mine(at(1, '- 功能说明：是否启用', '- 约束：只支持true，默认为true'), BOOL, HW).default?.value).toBe(true);
    expect(mine(at(1, '- 功能说明：状态', '- 取值范围：ACTIVE、BUILD、DOWN'), STR, HW).enum?.value).toEqual(['ACTIVE', 'BUILD', 'DOWN']);
  });
  it('the parts run together in one cell ("功能说明：镜像策略取值范围：accept（采集）、reject（不采集）")', () => {
    expect(mine(at(75, '功能说明：镜像策略取值范围：accept（采集）、reject（不采集）'), STR, HW).enum?.value).toEqual(['accept', 'reject']);
    const f = mine(at(67, '会话标识取值范围：0~16777215 默认值：1'), INT, HW);
    expect(f.range?.value).toEqual({ min: 0, max: 16777215 });
    expect(f.default?.value).toBe(1);
  });
  it('功能说明 is the description, never a fact: its label is not read as a value', () => {
    expect(mine(at(1, '- 功能说明：取值为空时使用默认值'), STR, HW)).toEqual({});
  });
});

describe('itemsFact: the item count over rows reconcile joins', () => {
  it('"Valid values of N: 1 to 20" over the Tag.N rows is the count of tags', () => {
    const f = itemsFact(at(30, 'The key of tag N. Valid values of N: 1 to 20.', 'The value of tag N. Valid values of N: 1 to 20.'), 'en', 'x.md');
    expect(f).toMatchObject({ value: { min: 1, max: 20 }, source: { line: 30 } });
    expect(itemsFact(at(1, 'The key of the tag.'), 'en', 'x.md')).toBeUndefined();
  });
});
