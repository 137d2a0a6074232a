// Bad inputs of FQDN peers and of the DNS/FQDN props of TieredNetworkPolicies.
import { PolicyPeer } from '../../lib/k8s/policy/peer';
import { Port } from '../../lib/k8s/policy/port';
import {
  TieredNetworkPolicies,
  TieredNetworkPoliciesProps,
} from '../../lib/k8s/policy/tiered-network-policies';
import { PolicyEngine } from '../../lib/plan/policy-engine';
import { BadInput, Scopes } from '../tools/helpers';

const POL = 'TieredNetworkPolicies shop/Policies';
const FQDNS = 'PolicyPeer.fqdns';
/** What a Cilium cluster with ACNS FQDN filtering (and so LocalDNS pinned off) passes. */
export const FQDN_CLUSTER: Partial<TieredNetworkPoliciesProps> = {
  engine: PolicyEngine.CILIUM,
  fqdnPoliciesAllowed: true,
  localDnsMayBeOn: false,
};

/** Policies for namespace shop with tier api, then `then`. */
const policies =
  (then?: (p: TieredNetworkPolicies) => void, props: Partial<TieredNetworkPoliciesProps> = FQDN_CLUSTER) =>
  (s: Scopes) => {
    const p = new TieredNetworkPolicies(s.chart, 'Policies', {
      namespace: 'shop',
      engine: PolicyEngine.CILIUM,
      ...props,
    });
    p.addTier('api', { podLabels: { app: 'api' } });
    then?.(p);
  };
const toSql = (props?: Partial<TieredNetworkPoliciesProps>) =>
  policies((p) => p.tier('api').allowTo(PolicyPeer.fqdns(['*.database.windows.net']), Port.tcp(1433)), props);
const fqdns = (names: string[]) => () => {
  PolicyPeer.fqdns(names);
};

export const DNS_FQDN_CASES: BadInput[] = [
  ['FQDN peer with no names', fqdns([]), FQDNS, 'no names given', 'give at least one name or pattern'],
  [
    'FQDN peer *',
    fqdns(['*']),
    FQDNS,
    "'*' would match every name",
    'name the domains, e.g. *.database.windows.net',
  ],
  [
    'FQDN peer with the multi-level prefix',
    fqdns(['**.example.com']),
    FQDNS,
    "'**.example.com' uses the multi-level prefix **",
    'list one pattern per level',
  ],
  [
    'FQDN wildcard over a top-level domain',
    fqdns(['*.com']),
    FQDNS,
    "'*.com' is a wildcard over a top-level domain",
    'name the domain the wildcard stands under',
  ],
  [
    'FQDN peer with one label',
    fqdns(['localhost']),
    FQDNS,
    "'localhost' is a single label",
    'give the fully qualified name',
  ],
  [
    'FQDN peer that is an IP',
    fqdns(['10.0.0.1']),
    FQDNS,
    "'10.0.0.1' is an IP address",
    'use PolicyPeer.cidr',
  ],
  [
    'FQDN peer that is a service name',
    fqdns(['api.shop.svc.cluster.local']),
    FQDNS,
    "'api.shop.svc.cluster.local' is a Kubernetes service name",
    'select the pods behind it with a tier',
  ],
  [
    'FQDN wildcard in an inner label',
    fqdns(['api.*.example.com']),
    FQDNS,
    "'api.*.example.com' has a * outside the leftmost label",
    'put the wildcard in the leftmost label only',
  ],
  [
    'FQDN wildcard leading a label',
    fqdns(['*example.com']),
    FQDNS,
    "wildcard label '*example'",
    'use * alone or after a prefix in the leftmost label',
  ],
  [
    'FQDN label ending in a dash',
    fqdns(['db-.example.com']),
    FQDNS,
    "invalid label 'db-'",
    'use labels of 1-63 letters, digits, - and _',
  ],
  [
    'FQDN longer than the CRD allows',
    fqdns([`${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example.com`]),
    FQDNS,
    'is longer than 253 characters',
    'use a shorter name',
  ],
  [
    'FQDN peer on Calico',
    toSql({ engine: PolicyEngine.CALICO, fqdnPoliciesAllowed: true, localDnsMayBeOn: false }),
    POL,
    'FQDN *.database.windows.net needs CiliumNetworkPolicy toFQDNs, which engine calico does not enforce',
    'run the cluster on NetworkModel.cilium() with advancedNetworking security on',
  ],
  [
    'FQDN peer without ACNS FQDN filtering',
    toSql({ engine: PolicyEngine.CILIUM, localDnsMayBeOn: false }),
    POL,
    'FQDN *.database.windows.net needs ACNS FQDN filtering, and fqdnPoliciesAllowed is false',
    'pass fqdnPoliciesAllowed: cluster.fqdnPoliciesAllowed',
  ],
  [
    'FQDN peer with LocalDNS possibly on (the default)',
    toSql({ engine: PolicyEngine.CILIUM, fqdnPoliciesAllowed: true }),
    POL,
    'FQDN *.database.windows.net with LocalDNS possibly on (localDnsMayBeOn)',
    'pass localDnsMayBeOn: cluster.localDnsMayBeOn',
  ],
  [
    'FQDN peer on a named port',
    policies((p) => p.tier('api').allowTo(PolicyPeer.fqdns(['db.example.com']), Port.named('tds'))),
    POL,
    'FQDN db.example.com on named port tds',
    'give the port number, e.g. Port.tcp(1433)',
  ],
  [
    'FQDN peer as a source',
    policies((p) => p.tier('api').allowFrom(PolicyPeer.fqdns(['client.example.com']), Port.tcp(8080))),
    POL,
    'FQDN client.example.com as a source: FQDN rules (toFQDNs) allow egress only',
    'use FQDN peers with tier.allowTo',
  ],
  [
    'localDnsMayBeOn a string (JavaScript)',
    policies(undefined, { localDnsMayBeOn: 'yes' as unknown as boolean }),
    POL,
    "localDnsMayBeOn is 'yes', not a boolean",
    'give localDnsMayBeOn as true or false',
  ],
  [
    'fqdnPoliciesAllowed a number (JavaScript)',
    policies(undefined, { fqdnPoliciesAllowed: 1 as unknown as boolean }),
    POL,
    'fqdnPoliciesAllowed is 1, not a boolean',
    'give fqdnPoliciesAllowed as true or false',
  ],
];
