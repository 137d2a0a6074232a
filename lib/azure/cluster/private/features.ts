// Today's AKS network features: API Server VNet Integration limits, ACNS through azurerm and the
// AzAPI patch, and LocalDNS per pool. Props in, checks and plain values out; the cluster wires them.
import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { ArmBody } from '../../../core/azapi';
import { AksNetworkError } from '../../../core/errors';
import { AzureCloud } from '../../contracts';
import { IClusterNetwork } from '../../network/cluster-network';
import { ApiServerAccess } from '../access';
import { AdvancedNetworkingOptions } from '../aks-cluster-props';
import { NetworkModel } from '../network-model';
import { AcnsNetworkPolicies, LocalDnsMode, NodeOsSku } from '../settings';
import { ResolvedPool } from './node-pool';

/** Regions where API Server VNet Integration is not offered (docs, ms.date 2026-04-15, "Availability"). */
export const API_SERVER_VNET_INTEGRATION_UNAVAILABLE = ['qatarcentral'];
/** ACNS L7 policies support clusters of at most this many nodes. */
export const ACNS_L7_MAX_NODES = 1000;
/** LocalDNS needs Kubernetes 1.31+ and pools of at least 4 vCPUs (docs `localdns-custom.md`, 2026-07-06). */
export const LOCAL_DNS_MIN_KUBERNETES_MINOR = 31;
export const LOCAL_DNS_MIN_VCPUS = 4;
/** eBPF host routing runs only on these node OSes (docs `container-network-performance-ebpf-host-routing.md`). */
const EBPF_HOST_ROUTING_OS: string[] = [NodeOsSku.AZURE_LINUX, NodeOsSku.AZURE_LINUX3];

/** The VM generation of a size (`Standard_D4ds_v5` → 5 — no `_vN` suffix → 1). */
export function vmGeneration(vmSize: string): number {
  const match = /_v(\d+)$/i.exec(vmSize);
  return match ? Number(match[1]) : 1;
}

/** The vCPU count a size name states (`Standard_D4ds_v5` → 4), if it states one. */
export function vcpusOf(vmSize: string): number | undefined {
  const match = /^Standard_[A-Za-z]+(\d+)/.exec(vmSize);
  return match ? Number(match[1]) : undefined;
}

/**
 * API Server VNet Integration: the subnet, the region, the cloud, and VNet encryption with v4+ SKUs
 * (docs `api-server-vnet-integration.md`, ms.date 2026-04-15, "Limitations", "Availability").
 * Returns warnings.
 */
export function checkVnetIntegration(
  scope: IConstruct,
  access: ApiServerAccess,
  network: IClusterNetwork,
  where: { location: string; cloud: AzureCloud },
): string[] {
  if (!access.vnetIntegration) {
    return network.apiServerSubnet
      ? [
          `the network's API server subnet ${network.apiServerSubnet.name} is unused: the API server is not VNet-integrated`,
        ]
      : [];
  }
  if (!network.apiServerSubnet) {
    throw new AksNetworkError(
      'API Server VNet Integration without an API server subnet',
      'set apiServerSubnetPrefixLength (e.g. 28) on the network, or give apiServerSubnet of an ExistingClusterNetwork',
      scope,
    );
  }
  if (API_SERVER_VNET_INTEGRATION_UNAVAILABLE.includes(where.location)) {
    throw new AksNetworkError(
      `API Server VNet Integration in ${where.location}, where AKS does not offer it`,
      'pick another region, or use ApiServerAccess.privateCluster() without vnetIntegration',
      scope,
    );
  }
  const warnings = [
    'API Server VNet Integration cannot be switched off once applied; enabling it on an existing cluster changes the API server IP and needs a manual restart (az aks stop, az aks start) right after the apply',
  ];
  if (where.cloud !== AzureCloud.PUBLIC) {
    // UNCERTAIN: the docs state availability for GA public cloud regions only.
    warnings.push(
      `API Server VNet Integration on the ${where.cloud} cloud: the docs state availability for public cloud regions only`,
    );
  }
  return warnings;
}

/** A pool on a VNet-integrated API server: v4+ SKUs are blocked in an encrypted VNet. */
export function checkVnetIntegrationPool(
  scope: IConstruct,
  access: ApiServerAccess,
  network: IClusterNetwork,
  pool: ResolvedPool,
): void {
  if (!access.vnetIntegration || !network.vnetEncryptionEnabled) return;
  if (vmGeneration(pool.vmSize) >= 4) {
    throw new AksNetworkError(
      `node pool ${pool.name}: VM size ${pool.vmSize} (v4 or later) in a VNet with encryption, with API Server VNet Integration`,
      'AKS blocks v4+ SKUs there: turn VNet encryption off, use a v3 or earlier SKU (its traffic is not encrypted), or drop vnetIntegration',
      scope,
    );
  }
}

/** ACNS with every default filled in: what azurerm sets and what the AzAPI patch sets. */
export interface ResolvedAcns {
  /** `network_profile.advanced_networking` (azurerm 4.55: the two booleans only). */
  readonly azurerm: { observabilityEnabled: boolean; securityEnabled: boolean };
  /** Whether CiliumNetworkPolicies with `toFQDNs` are enforced (FQDN or L7). */
  readonly fqdnPolicies: boolean;
  /** Whether L7 rules are enforced. */
  readonly l7Policies: boolean;
  /** Whether eBPF host routing is asked for. */
  readonly ebpfHostRouting: boolean;
  /** The fragment of the AzAPI patch, if anything azurerm cannot set is asked for. */
  readonly patch?: ArmBody;
}

/** Resolve and check ACNS (facts: arm-managed-clusters §3 — platform 2026-12 §2). */
export function resolveAcns(
  scope: IConstruct,
  model: NetworkModel,
  acns: AdvancedNetworkingOptions | undefined,
): ResolvedAcns | undefined {
  if (!acns) return undefined;
  if (!model.ciliumDataPlane) {
    throw new AksNetworkError(
      `advanced container networking on network model ${model.name}`,
      'ACNS needs the Cilium data plane: use NetworkModel.cilium()',
      scope,
    );
  }
  for (const prop of [
    'observabilityEnabled',
    'securityEnabled',
    'wireGuardEnabled',
    'ebpfHostRoutingEnabled',
  ] as const) {
    const value: unknown = acns[prop];
    if (value !== undefined && typeof value !== 'boolean') {
      throw new AksNetworkError(
        `advancedNetworking.${prop} is ${JSON.stringify(value)}`,
        'give true or false',
        scope,
      );
    }
  }
  const policies: unknown = acns.advancedNetworkPolicies;
  if (
    policies !== undefined &&
    !Object.values(AcnsNetworkPolicies).includes(policies as AcnsNetworkPolicies)
  ) {
    throw new AksNetworkError(
      `advancedNetworking.advancedNetworkPolicies is ${JSON.stringify(policies)}`,
      'use AcnsNetworkPolicies.FQDN, L7 or NONE',
      scope,
    );
  }
  const securityEnabled = acns.securityEnabled ?? true;
  if (!securityEnabled && (acns.advancedNetworkPolicies !== undefined || acns.wireGuardEnabled)) {
    // UNCERTAIN for WireGuard: ARM nests transitEncryption under security and the docs list it as a
    // Container Network Security feature; decision: it needs security on (policies NONE keeps FQDN off).
    throw new AksNetworkError(
      `advancedNetworking: ${acns.wireGuardEnabled ? 'wireGuardEnabled' : `advancedNetworkPolicies ${acns.advancedNetworkPolicies}`} with securityEnabled false`,
      'set securityEnabled: true (with advancedNetworkPolicies: AcnsNetworkPolicies.NONE for encryption without FQDN policies)',
      scope,
    );
  }
  const effective = securityEnabled ? (acns.advancedNetworkPolicies ?? AcnsNetworkPolicies.FQDN) : undefined;
  const security: ArmBody = {
    ...(acns.advancedNetworkPolicies !== undefined
      ? { advancedNetworkPolicies: acns.advancedNetworkPolicies }
      : {}),
    ...(acns.wireGuardEnabled !== undefined
      ? { transitEncryption: { type: acns.wireGuardEnabled ? 'WireGuard' : 'None' } }
      : {}),
  };
  const advanced: ArmBody = {
    ...(Object.keys(security).length > 0 ? { security } : {}),
    ...(acns.ebpfHostRoutingEnabled !== undefined
      ? { performance: { accelerationMode: acns.ebpfHostRoutingEnabled ? 'BpfVeth' : 'None' } }
      : {}),
  };
  return {
    azurerm: { observabilityEnabled: acns.observabilityEnabled ?? true, securityEnabled },
    fqdnPolicies: effective === AcnsNetworkPolicies.FQDN || effective === AcnsNetworkPolicies.L7,
    l7Policies: effective === AcnsNetworkPolicies.L7,
    ebpfHostRouting: acns.ebpfHostRoutingEnabled ?? false,
    patch:
      Object.keys(advanced).length > 0
        ? { properties: { networkProfile: { advancedNetworking: advanced } } }
        : undefined,
  };
}

/** The ACNS rules that depend on the pools: L7 node limit, eBPF host routing's node OS. */
export function checkAcnsPools(
  scope: IConstruct,
  acns: ResolvedAcns | undefined,
  pools: ResolvedPool[],
): void {
  if (!acns) return;
  if (acns.l7Policies) {
    const nodes = pools.reduce((n, p) => n + p.maxNodes + p.maxSurgeNodes, 0);
    if (nodes > ACNS_L7_MAX_NODES) {
      throw new AksNetworkError(
        `ACNS L7 policies on up to ${nodes} nodes (max nodes plus surge of every pool)`,
        `L7 policies support at most ${ACNS_L7_MAX_NODES} nodes: lower maxNodes, or use AcnsNetworkPolicies.FQDN`,
        scope,
      );
    }
  }
  if (acns.ebpfHostRouting) {
    const bad = pools.find((p) => !EBPF_HOST_ROUTING_OS.includes(p.osSku));
    if (bad) {
      throw new AksNetworkError(
        `eBPF host routing with node pool ${bad.name} on ${bad.osSku}`,
        'eBPF host routing runs on Azure Linux 3 (NodeOsSku.AZURE_LINUX or AZURE_LINUX3) or Ubuntu 24.04 (needs azurerm 4.67): change the pool OS, or drop ebpfHostRoutingEnabled',
        scope,
      );
    }
  }
}

/**
 * The LocalDNS mode of each pool: the pool's own, else the cluster's, else pinned `Disabled` when
 * ACNS FQDN filtering is on (it does not work with LocalDNS: docs
 * `container-network-security-fqdn-filtering-concepts.md`), else not managed (AKS decides).
 */
export class LocalDnsPlan {
  constructor(
    private readonly clusterMode: LocalDnsMode | undefined,
    private readonly pinnedOffForFqdn: boolean,
    private readonly kubernetesVersion: string | undefined,
  ) {}

  /** The mode the patch sets on the pool, if any — Windows pools never get one. */
  public modeFor(pool: ResolvedPool): LocalDnsMode | undefined {
    if (pool.windows) return undefined;
    return pool.localDns ?? this.clusterMode ?? (this.pinnedOffForFqdn ? LocalDnsMode.DISABLED : undefined);
  }

  /** Check the pool's mode — returns warnings (the reimage note of the deploy plan). */
  public checkPool(scope: IConstruct, pool: ResolvedPool): string[] {
    const where = `node pool ${pool.name}`;
    if (pool.windows && pool.localDns !== undefined) {
      throw new AksNetworkError(
        `${where}: localDns ${pool.localDns} on a Windows pool`,
        'LocalDNS runs on Linux pools (Azure Linux, Ubuntu 22.04+) only: leave localDns unset here',
        scope,
      );
    }
    const mode = this.modeFor(pool);
    if (mode === undefined) return [];
    const on = mode !== LocalDnsMode.DISABLED;
    const explicit = pool.localDns ?? this.clusterMode;
    if (on && this.pinnedOffForFqdn) {
      throw new AksNetworkError(
        `${where}: LocalDNS ${mode} with ACNS FQDN filtering, which does not work with LocalDNS`,
        'drop localDns (the cluster then pins LocalDNS Disabled on every pool), or use advancedNetworkPolicies: AcnsNetworkPolicies.NONE',
        scope,
      );
    }
    const minor = this.kubernetesVersion ? Number(this.kubernetesVersion.split('.')[1]) : undefined;
    if (minor !== undefined && minor < LOCAL_DNS_MIN_KUBERNETES_MINOR) {
      throw new AksNetworkError(
        `${where}: LocalDNS ${mode} on Kubernetes ${this.kubernetesVersion}`,
        `LocalDNS needs Kubernetes 1.${LOCAL_DNS_MIN_KUBERNETES_MINOR} or later: raise kubernetesVersion or use LocalDnsMode.DISABLED`,
        scope,
      );
    }
    const vcpus = vcpusOf(pool.vmSize);
    if (on && !Token.isUnresolved(pool.vmSize) && vcpus !== undefined && vcpus < LOCAL_DNS_MIN_VCPUS) {
      throw new AksNetworkError(
        `${where}: LocalDNS ${mode} on ${pool.vmSize} (${vcpus} vCPUs)`,
        `LocalDNS needs VM sizes with at least ${LOCAL_DNS_MIN_VCPUS} vCPUs: pick a larger size or use LocalDnsMode.DISABLED`,
        scope,
      );
    }
    const why = explicit === undefined ? ' (pinned: ACNS FQDN filtering does not work with LocalDNS)' : '';
    return [
      `${where}: LocalDNS ${mode} through the AzAPI patch${why}; applying or changing a pool's LocalDNS mode reimages all its nodes`,
    ];
  }

  /** Whether LocalDNS may be on somewhere: false only when every Linux pool is pinned `Disabled`. */
  public mayBeOn(pools: ResolvedPool[]): boolean {
    return pools.some((p) => !p.windows && this.modeFor(p) !== LocalDnsMode.DISABLED);
  }

  /** The patch fragment: `agentPoolProfiles[{ name, localDNSProfile: { mode } }]`, matched by name. */
  public fragment(pools: ResolvedPool[]): ArmBody {
    const profiles = pools
      .map((p) => ({ name: p.name, mode: this.modeFor(p) }))
      .filter((p) => p.mode !== undefined)
      .map((p) => ({ name: p.name, localDNSProfile: { mode: p.mode } }));
    return { properties: { agentPoolProfiles: profiles } };
  }
}
