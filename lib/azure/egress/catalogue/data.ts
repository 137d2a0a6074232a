// Per-cloud egress requirements of AKS, as listed in outbound-rules-control-egress.md (ms.date 2026-06-18).
// Entries left out on purpose (obsolete since the 2020 version of the doc): *.cdn.mscr.io,
// apt.dockerproject.org, Dev Spaces hosts, the Policy preview hosts, winlayers.*, kms.core.windows.net,
// and *.tun / TCP 22 outside 21Vianet.
import { AzureCloud, EgressFeature } from '../../contracts';

/** The `ms.date` of the document the catalogue follows. */
export const EGRESS_DOC_DATE = '2026-06-18';
/**
 * Version of the catalogue: the document's `ms.date` and the revision of our reading of it.
 * Revision 2 (December 2026 reading): NTP UDP 123 required in 21Vianet and US Government, custom DNS on
 * UDP and TCP 53, Defender for Cloud retired in 21Vianet (2026-08-18), the US Government Azure Monitor
 * hosts as the document writes them, no private-cluster exemption inferred for US Government.
 */
export const EGRESS_CATALOGUE_VERSION = `${EGRESS_DOC_DATE}.2`;

export const OUTBOUND_RULES_URL = 'https://learn.microsoft.com/azure/aks/outbound-rules-control-egress';
export const LIMIT_EGRESS_URL = 'https://learn.microsoft.com/azure/aks/limit-egress-traffic';
export const FQDN_TAGS_URL = 'https://learn.microsoft.com/azure/firewall/fqdn-tags';

/** Source URLs of each cloud's section. */
export const CLOUD_SOURCES: Record<AzureCloud, string> = {
  [AzureCloud.PUBLIC]: `${OUTBOUND_RULES_URL}#azure-global-required-network-rules`,
  [AzureCloud.CHINA]: `${OUTBOUND_RULES_URL}#microsoft-azure-operated-by-21vianet-required-network-rules`,
  [AzureCloud.US_GOVERNMENT]: `${OUTBOUND_RULES_URL}#azure-us-government-required-network-rules`,
};

/** Core requirements of one cloud — `{location}` is replaced by the cluster's region. */
export interface CloudCore {
  /** HTTPS FQDNs of the API server tunnel (konnectivity) — dropped for private clusters where `privateExempt`. */
  readonly tunnelFqdns: string[];
  /** Tunnel network ports. */
  readonly tunnelTcpPorts: number[];
  readonly tunnelUdpPorts: number[];
  /** Whether private clusters need no tunnel rules. */
  readonly privateExempt: boolean;
  /**
   * Whether the cloud's table lists NTP (UDP 123) as required: the public table exempts nodes
   * provisioned after March 2021, the 21Vianet and US Government tables do not.
   */
  readonly ntpRequired: boolean;
  /** Other HTTPS FQDNs every cluster needs. */
  readonly fqdns: string[];
}

export const CORE: Record<AzureCloud, CloudCore> = {
  [AzureCloud.PUBLIC]: {
    tunnelFqdns: ['*.hcp.{location}.azmk8s.io'],
    tunnelTcpPorts: [9000],
    tunnelUdpPorts: [1194],
    privateExempt: true,
    ntpRequired: false,
    fqdns: [
      'mcr.microsoft.com',
      '*.data.mcr.microsoft.com',
      'mcr-0001.mcr-msedge.net',
      'management.azure.com',
      'login.microsoftonline.com',
      'packages.microsoft.com',
      'acs-mirror.azureedge.net',
      'packages.aks.azure.com',
    ],
  },
  [AzureCloud.CHINA]: {
    tunnelFqdns: ['*.hcp.{location}.cx.prod.service.azk8s.cn', '*.tun.{location}.cx.prod.service.azk8s.cn'],
    // 21Vianet still lists TCP 22 and has no private-cluster exemption.
    tunnelTcpPorts: [22, 9000],
    tunnelUdpPorts: [1194],
    privateExempt: false,
    ntpRequired: true,
    fqdns: [
      'mcr.microsoft.com',
      '*.data.mcr.microsoft.com',
      'mcr.azure.cn',
      '*.data.mcr.azure.cn',
      'management.chinacloudapi.cn',
      'login.chinacloudapi.cn',
      // UNCERTAIN (facts §9.4): the core table says login.chinacloudapi.cn, the feature tables
      // login.microsoftonline.cn; both are allowed so neither path breaks.
      'login.microsoftonline.cn',
      'packages.microsoft.com',
      '*.azk8s.cn',
    ],
  },
  [AzureCloud.US_GOVERNMENT]: {
    tunnelFqdns: ['*.hcp.{location}.cx.aks.containerservice.azure.us'],
    tunnelTcpPorts: [9000],
    tunnelUdpPorts: [1194],
    // UNCERTAIN (platform facts 2026-12 §3): only the public-cloud tables state the private-cluster
    // exemption of the tunnel rules and *.hcp; for US Government it would be an inference. Decision:
    // not applied, so private US Government clusters keep the tunnel rules (unneeded at worst).
    privateExempt: false,
    ntpRequired: true,
    fqdns: [
      'mcr.microsoft.com',
      '*.data.mcr.microsoft.com',
      'management.usgovcloudapi.net',
      'login.microsoftonline.us',
      'packages.microsoft.com',
      'acs-mirror.azureedge.net',
      'packages.aks.azure.com',
    ],
  },
};

/** A feature's FQDNs on one cloud, by application protocol. */
export interface FeatureFqdns {
  readonly https?: string[];
  readonly http?: string[];
  /** Service tags reached on TCP 443 through a network rule. */
  readonly serviceTagsTcp443?: string[];
  readonly reason: string;
  readonly anchor: string;
}

const UBUNTU: FeatureFqdns = {
  http: ['security.ubuntu.com', 'azure.archive.ubuntu.com', 'changelogs.ubuntu.com'],
  https: ['snapshot.ubuntu.com'],
  reason: 'Ubuntu security updates on nodes (the mirrors are HTTP only)',
  anchor: 'optional-recommended-fqdn--application-rules-for-aks-clusters',
};

/** Features per cloud — a missing cloud means the document lists nothing for it. */
export const FEATURES: Record<EgressFeature, Partial<Record<AzureCloud, FeatureFqdns>>> = {
  [EgressFeature.OS_UPDATES]: {
    [AzureCloud.PUBLIC]: UBUNTU,
    [AzureCloud.CHINA]: UBUNTU,
    [AzureCloud.US_GOVERNMENT]: UBUNTU,
  },
  [EgressFeature.GPU]: {
    [AzureCloud.PUBLIC]: {
      https: ['nvidia.github.io', 'us.download.nvidia.com', 'download.docker.com'],
      reason: 'GPU node pools install NVIDIA drivers and the container toolkit',
      anchor: 'gpu-enabled-aks-clusters-required-fqdn--application-rules',
    },
  },
  [EgressFeature.WINDOWS]: {
    [AzureCloud.PUBLIC]: {
      https: ['onegetcdn.azureedge.net', 'go.microsoft.com'],
      http: ['*.mp.microsoft.com', 'www.msftconnecttest.com', 'ctldl.windowsupdate.com'],
      reason: 'Windows node pools: package and update endpoints',
      anchor: 'windows-server-based-node-pools-required-fqdn--application-rules',
    },
  },
  [EgressFeature.MONITOR]: {
    [AzureCloud.PUBLIC]: {
      serviceTagsTcp443: ['AzureMonitor'],
      https: [
        '*.ods.opinsights.azure.com',
        '*.oms.opinsights.azure.com',
        'dc.services.visualstudio.com',
        '*.in.applicationinsights.azure.com',
        '*.monitoring.azure.com',
        'login.microsoftonline.com',
        'global.handler.control.monitor.azure.com',
        '{location}.handler.control.monitor.azure.com',
        '*.ingest.monitor.azure.com',
        '*.metrics.ingest.monitor.azure.com',
      ],
      reason: 'Container insights and managed Prometheus send logs and metrics',
      anchor: 'azure-monitor-for-containers',
    },
    [AzureCloud.CHINA]: {
      serviceTagsTcp443: ['AzureMonitor'],
      // The document changes only ods/oms/handler/ingest/metrics.ingest to .azure.cn; no
      // *.monitoring host is listed for 21Vianet, so none is added.
      https: [
        '*.ods.opinsights.azure.cn',
        '*.oms.opinsights.azure.cn',
        'dc.services.visualstudio.com',
        '*.in.applicationinsights.azure.com',
        'login.microsoftonline.cn',
        'global.handler.control.monitor.azure.cn',
        '{location}.handler.control.monitor.azure.cn',
        '*.ingest.monitor.azure.cn',
        '*.metrics.ingest.monitor.azure.cn',
      ],
      reason: 'Container insights and managed Prometheus send logs and metrics',
      anchor: 'azure-monitor-for-containers',
    },
    [AzureCloud.US_GOVERNMENT]: {
      serviceTagsTcp443: ['AzureMonitor'],
      // As the document writes the US Government list: *.in.applicationinsights.azure.com (kept next
      // to the .azure.us spelling, the safe choice), neither *.monitoring.azure.us nor a login host.
      https: [
        '*.ods.opinsights.azure.us',
        '*.oms.opinsights.azure.us',
        'dc.services.visualstudio.com',
        '*.in.applicationinsights.azure.com',
        '*.in.applicationinsights.azure.us',
        'global.handler.control.monitor.azure.us',
        '{location}.handler.control.monitor.azure.us',
        '*.ingest.monitor.azure.us',
        '*.metrics.ingest.monitor.azure.us',
      ],
      reason: 'Container insights and managed Prometheus send logs and metrics',
      anchor: 'azure-monitor-for-containers',
    },
  },
  [EgressFeature.POLICY]: {
    [AzureCloud.PUBLIC]: {
      https: [
        'data.policy.core.windows.net',
        'store.policy.core.windows.net',
        'dc.services.visualstudio.com',
      ],
      reason: 'Azure Policy add-on fetches policies and reports compliance',
      anchor: 'azure-policy',
    },
    [AzureCloud.CHINA]: {
      https: ['data.policy.azure.cn', 'store.policy.azure.cn'],
      reason: 'Azure Policy add-on fetches policies and reports compliance',
      anchor: 'azure-policy',
    },
    [AzureCloud.US_GOVERNMENT]: {
      https: ['data.policy.azure.us', 'store.policy.azure.us'],
      reason: 'Azure Policy add-on fetches policies and reports compliance',
      anchor: 'azure-policy',
    },
  },
  [EgressFeature.KEY_VAULT]: {
    // UNCERTAIN (facts §9.5): the document writes `vault.azure.net`, but clients call
    // `<name>.vault.azure.net`, which only a wildcard matches; the wildcard is used.
    [AzureCloud.PUBLIC]: {
      https: ['*.vault.azure.net'],
      reason: 'Key Vault CSI driver, app routing TLS certificates, Istio CA',
      anchor: 'azure-key-vault-provider-for-secrets-store-csi-driver',
    },
    // UNCERTAIN (facts §9.5): nothing is listed for 21Vianet; its Key Vault DNS suffix is vault.azure.cn.
    [AzureCloud.CHINA]: {
      https: ['*.vault.azure.cn'],
      reason: 'Key Vault CSI driver, app routing TLS certificates (21Vianet Key Vault suffix)',
      anchor: 'azure-key-vault-provider-for-secrets-store-csi-driver',
    },
    [AzureCloud.US_GOVERNMENT]: {
      https: ['*.vault.usgovcloudapi.net'],
      reason: 'Key Vault CSI driver, app routing TLS certificates, Istio CA',
      anchor: 'azure-key-vault-provider-for-secrets-store-csi-driver',
    },
  },
  [EgressFeature.DEFENDER]: {
    [AzureCloud.PUBLIC]: {
      https: [
        'login.microsoftonline.com',
        '*.ods.opinsights.azure.com',
        '*.oms.opinsights.azure.com',
        '*.cloud.defender.microsoft.com',
      ],
      reason: 'Defender for Containers sensor sends security data',
      anchor: 'microsoft-defender-for-containers',
    },
    [AzureCloud.US_GOVERNMENT]: {
      https: ['login.microsoftonline.us', '*.ods.opinsights.azure.us', '*.oms.opinsights.azure.us'],
      reason: 'Defender for Containers sensor sends security data',
      anchor: 'microsoft-defender-for-containers',
    },
  },
  [EgressFeature.CLUSTER_EXTENSIONS]: {
    [AzureCloud.PUBLIC]: {
      https: [
        '{location}.dp.kubernetesconfiguration.azure.com',
        'mcr.microsoft.com',
        '*.data.mcr.microsoft.com',
        'arcmktplaceprod.azurecr.io',
        ...['centralindia', 'japaneast', 'westus2', 'westeurope', 'eastus'].map(
          (r) => `arcmktplaceprod.${r}.data.azurecr.io`,
        ),
        '*.ingestion.msftcloudes.com',
        '*.microsoftmetrics.com',
        'marketplaceapi.microsoft.com',
      ],
      reason: 'Cluster extensions (Flux, marketplace) pull configuration and images',
      anchor: 'cluster-extensions',
    },
    [AzureCloud.US_GOVERNMENT]: {
      https: [
        '{location}.dp.kubernetesconfiguration.azure.us',
        'mcr.microsoft.com',
        '*.data.mcr.microsoft.com',
      ],
      reason: 'Cluster extensions pull configuration and images',
      anchor: 'cluster-extensions',
    },
  },
  [EgressFeature.WORKLOAD_IDENTITY]: {
    [AzureCloud.PUBLIC]: {
      https: ['login.microsoftonline.com'],
      reason: 'Workload identity token exchange with Microsoft Entra ID',
      anchor: 'microsoft-entra-workload-id',
    },
    [AzureCloud.CHINA]: {
      https: ['login.chinacloudapi.cn'],
      reason: 'Workload identity token exchange with Microsoft Entra ID',
      anchor: 'microsoft-entra-workload-id',
    },
    [AzureCloud.US_GOVERNMENT]: {
      https: ['login.microsoftonline.us'],
      reason: 'Workload identity token exchange with Microsoft Entra ID',
      anchor: 'microsoft-entra-workload-id',
    },
  },
};

/** A feature the document once listed for a cloud and that is retired there. */
export interface RetiredFeature {
  /** The retirement date. */
  readonly retired: string;
  readonly reason: string;
}

/** Features retired on a cloud: asking for them gives no rules and a warning. */
export const RETIRED_FEATURES: Partial<Record<AzureCloud, Partial<Record<EgressFeature, RetiredFeature>>>> = {
  [AzureCloud.CHINA]: {
    // Its hosts (login.microsoftonline.cn, *.ods/oms.opinsights.azure.cn) stay in use by the core set
    // and Azure Monitor (platform facts 2026-12 §3).
    [EgressFeature.DEFENDER]: {
      retired: '2026-08-18',
      reason: 'Microsoft Defender for Cloud is retired in Azure operated by 21Vianet',
    },
  },
};
