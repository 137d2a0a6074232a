/**
 * The output of each construct, over a matrix of configurations, passes the Terraform consistency
 * checks and the error rules of the security pack (opt-outs aside, which must be suppressed).
 */
import * as cdk8s from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { TerraformStack } from 'cdktf';
import {
  AksCluster,
  AksClusterProps,
  ApiServerAccess,
  NetworkModel,
  NginxControllerMode,
  NodeOsSku,
  PrivateDnsZone,
} from '../lib/azure/cluster';
import { AppIngress, IngressTls } from '../lib/k8s/ingress/app-ingress';
import { IngressTarget } from '../lib/k8s/ingress/ingress-target';
import { InternalNginxController } from '../lib/k8s/ingress/internal-controller';
import { AppService, ServiceExposure } from '../lib/k8s/services/app-service';
import { PolicyEngine } from '../lib/plan/policy-engine';
import { RuleSeverity } from '../lib/verify/info';
import { formatFinding, kubernetesFindings, terraformFindings } from '../lib/verify/rule-pack';
import { FakeEgress, clusterNetwork, providerStack } from './tools/helpers';
import { validateManifests } from './tools/k8s-schema';
import { checkTerraform } from './tools/tf-check';

function stackWith(build: (stack: TerraformStack) => void): {
  stack: TerraformStack;
  json: Record<string, unknown>;
} {
  const stack = providerStack();
  build(stack);
  return { stack, json: stack.toTerraform() as Record<string, unknown> };
}

/** The rule pack's findings on the stack, its suppressions read from the constructs. */
function findingsOf(stack: TerraformStack, json: Record<string, unknown>) {
  const constructs = new Map(stack.node.findAll().map((c) => [c.node.path, c] as const));
  return terraformFindings(json, (p) => constructs.get(p));
}

const CLUSTERS: [string, (stack: TerraformStack) => AksClusterProps][] = [
  ['defaults', () => ({})],
  [
    'private cluster',
    () => ({ apiServerAccess: ApiServerAccess.privateCluster({ privateDnsZone: PrivateDnsZone.SYSTEM }) }),
  ],
  ['public restricted', () => ({ apiServerAccess: ApiServerAccess.publicRestricted(['203.0.113.0/24']) })],
  ['kubenet + calico', () => ({ networkModel: NetworkModel.kubenet(), policyEngine: PolicyEngine.CALICO })],
  [
    'flat CNI node subnet',
    () => ({ networkModel: NetworkModel.azureCniNodeSubnet(), nodeSubnetPrefixLength: 21 }),
  ],
  ['pod subnet', () => ({ networkModel: NetworkModel.azureCniPodSubnet(), podSubnetPrefixLength: 20 })],
  [
    'overlay + NPM',
    () => ({
      networkModel: NetworkModel.azureCniOverlay({ podCidr: '100.64.0.0/16' }),
      policyEngine: PolicyEngine.AZURE_NPM,
    }),
  ],
  ['cilium', () => ({ networkModel: NetworkModel.cilium() })],
  // no engine is an error of the pack, which the cluster suppresses (data on its resource) for BYO CNI
  ['BYO CNI', () => ({ networkModel: NetworkModel.byoCni() })],
  [
    'UDR behind a firewall, internal app routing',
    (stack) => ({
      egress: new FakeEgress(stack),
      appRouting: { defaultNginxController: NginxControllerMode.INTERNAL },
    }),
  ],
  [
    'app routing with DNS zones',
    () => ({
      appRouting: {
        dnsZoneIds: ['/subscriptions/0/resourceGroups/dns/providers/Microsoft.Network/dnszones/example.com'],
      },
    }),
  ],
];

describe('AksCluster output', () => {
  test.each(CLUSTERS)('%s: consistent Terraform, no security errors', (_name, props) => {
    const { stack, json } = stackWith((s) => {
      const cluster = new AksCluster(s, 'Aks', { location: 'westeurope', ...props(s) });
      cluster.addNodePool('apps', { minNodes: 1, maxNodes: 10 });
    });
    expect(checkTerraform(json)).toEqual([]);
    const errors = findingsOf(stack, json).filter(
      (f) => f.rule.severity === RuleSeverity.ERROR && !f.suppressedBecause,
    );
    expect(errors.map(formatFinding)).toEqual([]);
  });

  test('Windows pool and existing network output is consistent', () => {
    const { json } = stackWith((s) => {
      const network = clusterNetwork(
        s,
        { addressSpace: '10.40.0.0/16', ingressSubnetPrefixLength: 28, firewallSubnetPrefixLength: 26 },
        'Net',
      );
      new AksCluster(s, 'Aks', { network, networkModel: NetworkModel.azureCniOverlay() }).addNodePool('win', {
        osSku: NodeOsSku.WINDOWS2022,
        minNodes: 1,
        maxNodes: 3,
      });
    });
    expect(checkTerraform(json)).toEqual([]);
  });

  test('an explicit opt-out (local accounts) is a security error the caller must suppress', () => {
    const { stack, json } = stackWith(
      (s) => new AksCluster(s, 'Aks', { location: 'westeurope', localAccountsEnabled: true }),
    );
    const ids = findingsOf(stack, json)
      .filter((f) => f.rule.severity === RuleSeverity.ERROR)
      .map((f) => f.rule.id);
    expect(ids).toEqual(['AKSNET-AZ-002']);
  });
});

describe('Kubernetes construct output', () => {
  function shop() {
    const chart = new cdk8s.Chart(new cdk8s.App(), 'shop', { namespace: 'shop' });
    // hardened the way a user of cdk8s-plus has to: its defaults do not drop capabilities
    const hardened = {
      ensureNonRoot: true,
      capabilities: { drop: [kplus.Capability.ALL] },
      seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
    };
    const api = new kplus.Deployment(chart, 'Api', {
      containers: [{ image: 'contoso.azurecr.io/api:1.4.2', portNumber: 8080, securityContext: hardened }],
    });
    const web = new kplus.Deployment(chart, 'Web', {
      containers: [{ image: 'contoso.azurecr.io/web:2.0.1', portNumber: 8080, securityContext: hardened }],
    });
    const nic = new InternalNginxController(chart, 'Nginx', {
      privateIp: '10.240.4.14',
      subnetName: 'snet-aks-ingress',
    });
    const ingress = new AppIngress(chart, 'Ingress', {
      name: 'shop',
      controller: nic.controller,
      tls: [
        IngressTls.fromKeyVault('https://kv-shop.vault.azure.net/certificates/shop', ['shop.example.com']),
      ],
      nginx: { proxyBodySize: '8m', useRegex: true, rewriteTarget: '/$2' },
    });
    ingress.route(
      'shop.example.com',
      '/api(/|$)(.*)',
      IngressTarget.service(api.exposeViaService({ name: 'api', ports: [{ port: 80, targetPort: 8080 }] })),
    );
    ingress.route(
      'shop.example.com',
      '/()(.*)',
      IngressTarget.service(web.exposeViaService({ name: 'web', ports: [{ port: 80, targetPort: 8080 }] })),
    );
    new AppService(chart, 'Internal', {
      name: 'reports',
      selector: { app: 'reports' },
      ports: [{ port: 443, targetPort: 8443 }],
      exposure: ServiceExposure.internalLoadBalancer({ ip: '10.240.4.20', subnetName: 'snet-aks-ingress' }),
    });
    return chart;
  }

  test('AppIngress, InternalNginxController, AppService and cdk8s-plus workloads are schema-valid', () => {
    expect(validateManifests(shop().toJson())).toEqual([]);
  });

  test('cdk8s-plus defaults keep capabilities: the pack reports it', () => {
    const chart = new cdk8s.Chart(new cdk8s.App(), 'plain', { namespace: 'plain' });
    new kplus.Deployment(chart, 'Api', {
      containers: [{ image: 'contoso.azurecr.io/api:1.4.2', portNumber: 8080 }],
    });
    const ids = kubernetesFindings(chart.toJson().map((body: Record<string, unknown>) => ({ body }))).map(
      (f) => f.rule.id,
    );
    expect(ids).toContain('AKSNET-K8S-004');
  });

  test('their only security errors are the missing NetworkPolicies (TieredNetworkPolicies adds them)', () => {
    const findings = kubernetesFindings(
      shop()
        .toJson()
        .map((body: Record<string, unknown>) => ({ body })),
    );
    const errors = findings.filter((f) => f.rule.severity === RuleSeverity.ERROR);
    expect([...new Set(errors.map((f) => f.rule.id))]).toEqual(['AKSNET-K8S-014', 'AKSNET-K8S-015']);
  });
});
