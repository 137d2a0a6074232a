import { AksNetworkError } from '../../../core/errors';
import { AzureCloud, EgressFeature } from '../../contracts';
import { regionProblem } from '../../regions';
import {
  CLOUD_SOURCES,
  CORE,
  EGRESS_CATALOGUE_VERSION,
  FEATURES,
  FQDN_TAGS_URL,
  LIMIT_EGRESS_URL,
  OUTBOUND_RULES_URL,
  RETIRED_FEATURES,
} from './data';
import {
  defaultNtpRule,
  EgressCatalogueOptions,
  EgressDestinationKind,
  EgressRuleEntry,
  EgressRuleKind,
  NtpRule,
} from './types';

/** The FQDN tag Azure Firewall keeps up to date with the AKS core FQDNs. */
export const AKS_FQDN_TAG = 'AzureKubernetesService';

const CSV_HEADER = [
  'name',
  'kind',
  'protocol',
  'ports',
  'destination_kind',
  'destinations',
  'feature',
  'reason',
  'source',
];

/**
 * The outbound dependencies of an AKS cluster on one Azure cloud, versioned by the date of the
 * document they follow. Pure data: usable without cdktf, e.g. to configure a third-party firewall.
 *
 * @see https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
 */
export class EgressCatalogue {
  /** Build the catalogue for a cloud, region, cluster kind and feature set. */
  public static forCluster(options: EgressCatalogueOptions): EgressCatalogue {
    return new EgressCatalogue(options);
  }

  /** Features with at least one entry on the given cloud. */
  public static featuresOf(cloud: AzureCloud): EgressFeature[] {
    return Object.values(EgressFeature).filter((f) => FEATURES[f][cloud] !== undefined);
  }

  /** The `ms.date` of the document the entries follow. */
  public readonly version: string = EGRESS_CATALOGUE_VERSION;
  /** The cloud. */
  public readonly cloud: AzureCloud;
  /** The region the location-specific FQDNs were computed for. */
  public readonly location: string;
  /** Whether the private-cluster exemptions were applied. */
  public readonly privateCluster: boolean;
  /** Whether the tunnel rules were dropped for an API server with VNet integration. */
  public readonly apiServerVnetIntegrated: boolean;
  /** The features included. */
  public readonly features: EgressFeature[];
  /** Documents the entries come from. */
  public readonly sourceUrls: string[];
  /** Every entry: network rules first, then application rules. */
  public readonly entries: EgressRuleEntry[];
  /** Features asked for that the document lists nothing for on this cloud. */
  public readonly unlistedFeatures: EgressFeature[];
  /** Features asked for that are retired on this cloud (no rules — e.g. Defender for Cloud in 21Vianet). */
  public readonly retiredFeatures: EgressFeature[];
  /** Whether this cloud's table lists NTP (UDP 123) as required (21Vianet, US Government). */
  public readonly ntpRequired: boolean;
  /** How NTP is allowed (the option, or the cloud's default). */
  public readonly ntp: NtpRule;

  private constructor(options: EgressCatalogueOptions) {
    this.cloud = options.cloud ?? AzureCloud.PUBLIC;
    // the constructs check their location first, with their path and cloud; this covers direct use
    // (the form of the name: the catalogue is data, also read for clouds and regions side by side)
    const region = regionProblem(options.location);
    if (region?.blocking) {
      throw new AksNetworkError(`EgressCatalogue.forCluster: ${region.problem}`, region.fix);
    }
    this.location = options.location;
    this.privateCluster = options.privateCluster ?? false;
    this.apiServerVnetIntegrated = options.apiServerVnetIntegrated ?? false;
    this.features = [...new Set(options.features ?? [])];
    const retired = RETIRED_FEATURES[this.cloud] ?? {};
    this.retiredFeatures = this.features.filter((f) => retired[f] !== undefined);
    this.unlistedFeatures = this.features.filter(
      (f) => FEATURES[f][this.cloud] === undefined && retired[f] === undefined,
    );
    this.ntpRequired = CORE[this.cloud].ntpRequired;
    this.ntp = options.ntp ?? defaultNtpRule(this.ntpRequired);
    this.sourceUrls = [
      CLOUD_SOURCES[this.cloud],
      LIMIT_EGRESS_URL,
      ...(options.useFqdnTag ? [FQDN_TAGS_URL] : []),
    ];
    const all = [...this.coreEntries(options), ...this.features.flatMap((f) => this.featureEntries(f))];
    this.entries = [
      ...all.filter((e) => e.kind === EgressRuleKind.NETWORK),
      ...all.filter((e) => e.kind === EgressRuleKind.APPLICATION),
    ];
  }

  /** Network rules only. */
  public get networkRules(): EgressRuleEntry[] {
    return this.entries.filter((e) => e.kind === EgressRuleKind.NETWORK);
  }

  /** Application rules only. */
  public get applicationRules(): EgressRuleEntry[] {
    return this.entries.filter((e) => e.kind === EgressRuleKind.APPLICATION);
  }

  /** Whether some network rule names an FQDN (then the firewall needs its DNS proxy). */
  public get needsDnsProxy(): boolean {
    return this.networkRules.some((e) => e.destinationKind === EgressDestinationKind.FQDN);
  }

  /** The catalogue as pretty-printed JSON. */
  public toJson(): string {
    const doc = {
      version: this.version,
      cloud: this.cloud,
      location: this.location,
      privateCluster: this.privateCluster,
      // written only when set, so catalogues of other clusters stay as they were
      ...(this.apiServerVnetIntegrated ? { apiServerVnetIntegrated: true } : {}),
      features: this.features,
      unlistedFeatures: this.unlistedFeatures,
      retiredFeatures: this.retiredFeatures,
      sourceUrls: this.sourceUrls,
      rules: this.entries,
    };
    return `${JSON.stringify(doc, undefined, 2)}\n`;
  }

  /** The catalogue as CSV (one row per entry, destinations and ports joined by spaces). */
  public toCsv(): string {
    const rows = this.entries.map((e) => [
      e.name,
      e.kind,
      e.protocol,
      e.ports.join(' '),
      e.destinationKind,
      e.destinations.join(' '),
      e.feature ?? 'core',
      e.reason,
      e.source,
    ]);
    return [CSV_HEADER, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
  }

  private coreEntries(options: EgressCatalogueOptions): EgressRuleEntry[] {
    const core = CORE[this.cloud];
    const source = CLOUD_SOURCES[this.cloud];
    // VNet integration: nodes reach the API server's internal load balancer directly, in every cloud
    // (UNCERTAIN outside the public cloud: the docs state availability for public regions only).
    const withTunnel = !this.apiServerVnetIntegrated && !(this.privateCluster && core.privateExempt);
    const tunnelTo = options.tunnelToAnyAddress ? ['*'] : [`AzureCloud.${this.location}`];
    const tunnelKind = options.tunnelToAnyAddress
      ? EgressDestinationKind.ADDRESS
      : EgressDestinationKind.SERVICE_TAG;
    const tunnelReason = 'Secure tunnel between nodes and the API server';
    const entries: EgressRuleEntry[] = [];
    if (withTunnel) {
      entries.push(
        net('core-tunnel-udp', 'UDP', core.tunnelUdpPorts, tunnelKind, tunnelTo, tunnelReason, source),
        net('core-tunnel-tcp', 'TCP', core.tunnelTcpPorts, tunnelKind, tunnelTo, tunnelReason, source),
      );
    }
    if (this.ntp !== NtpRule.OMIT) {
      const byFqdn = this.ntp === NtpRule.UBUNTU_FQDN;
      entries.push(
        net(
          'core-ntp',
          'UDP',
          [123],
          byFqdn ? EgressDestinationKind.FQDN : EgressDestinationKind.ADDRESS,
          [byFqdn ? 'ntp.ubuntu.com' : '*'],
          this.ntpRequired
            ? 'Time sync (NTP) of Linux nodes, listed as required for this cloud'
            : 'Time sync for nodes provisioned before March 2021',
          source,
        ),
      );
    }
    if ((options.customDnsServers ?? []).length > 0) {
      // UDP and TCP: truncated answers retry over TCP, and LocalDNS forwards over TCP too (facts 2026-12 §3).
      for (const protocol of ['UDP', 'TCP']) {
        entries.push(
          net(
            `core-custom-dns-${protocol.toLowerCase()}`,
            protocol,
            [53],
            EgressDestinationKind.ADDRESS,
            [...options.customDnsServers!],
            'Custom DNS servers (UDP and TCP 53)',
            source,
          ),
        );
      }
    }
    const fqdns = [...(withTunnel ? core.tunnelFqdns : []), ...core.fqdns].map((f) => this.localize(f));
    entries.push(
      app(
        'core-fqdns',
        'Https',
        443,
        fqdns,
        'Images, packages, Azure management and sign-in; konnectivity uses ALPN on *.hcp, so never TLS-inspect it',
        source,
      ),
    );
    if (options.useFqdnTag) {
      entries.push({
        ...app(
          'core-fqdn-tag',
          'Https',
          443,
          [AKS_FQDN_TAG],
          'FQDN tag kept up to date by Azure Firewall (does not replace the network rules)',
          FQDN_TAGS_URL,
        ),
        destinationKind: EgressDestinationKind.FQDN_TAG,
      });
    }
    return entries;
  }

  private featureEntries(feature: EgressFeature): EgressRuleEntry[] {
    const spec = FEATURES[feature][this.cloud];
    if (!spec) {
      return [];
    }
    const source = `${OUTBOUND_RULES_URL}#${spec.anchor}`;
    const entries: EgressRuleEntry[] = [];
    if (spec.serviceTagsTcp443) {
      entries.push(
        net(
          `${feature}-service-tags`,
          'TCP',
          [443],
          EgressDestinationKind.SERVICE_TAG,
          spec.serviceTagsTcp443,
          spec.reason,
          source,
        ),
      );
    }
    if (spec.https) {
      entries.push(
        app(
          `${feature}-https`,
          'Https',
          443,
          spec.https.map((f) => this.localize(f)),
          spec.reason,
          source,
        ),
      );
    }
    if (spec.http) {
      entries.push(
        app(
          `${feature}-http`,
          'Http',
          80,
          spec.http.map((f) => this.localize(f)),
          spec.reason,
          source,
        ),
      );
    }
    return entries.map((e) => ({ ...e, feature }));
  }

  private localize(fqdn: string): string {
    return fqdn.replace('{location}', this.location);
  }
}

function net(
  name: string,
  protocol: string,
  ports: number[],
  destinationKind: EgressDestinationKind,
  destinations: string[],
  reason: string,
  source: string,
): EgressRuleEntry {
  return {
    name,
    kind: EgressRuleKind.NETWORK,
    protocol,
    ports: [...ports],
    destinationKind,
    destinations,
    reason,
    source,
  };
}

function app(
  name: string,
  protocol: string,
  port: number,
  fqdns: string[],
  reason: string,
  source: string,
): EgressRuleEntry {
  return {
    name,
    kind: EgressRuleKind.APPLICATION,
    protocol,
    ports: [port],
    destinationKind: EgressDestinationKind.FQDN,
    destinations: fqdns,
    reason,
    source,
  };
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
