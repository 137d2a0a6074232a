/**
 * The output of each construct, over a matrix of configurations, passes the Terraform consistency
 * checks and the error rules of the security pack (opt-outs aside, which must be suppressed).
 */
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import { App, TerraformStack } from 'cdktf';
import {
  AksCluster,
  AksClusterProps,
  ApiServerAccess,
  NetworkModel,
  NginxControllerMode,
  NodeOsSku,
  PrivateDnsZone,
} from '../lib/azure/cluster';
import { AzureCloud, IClusterEgress } from '../lib/azure/contracts';
import { ClusterNetwork } from '../lib/azure/network/cluster-network';
import { PolicyEngine } from '../lib/plan/policy-engine';
import { RuleSeverity } from '../lib/verify/info';
import { formatFinding, terraformFindings } from '../lib/verify/security-rules';
import { checkTerraform } from './tools/tf-check';

function stackWith(build: (stack: TerraformStack) => void): {
  stack: TerraformStack;
  json: Record<string, unknown>;
} {
  const stack = new TerraformStack(new App({ stackTraces: false }), 'prod');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  build(stack);
  return { stack, json: stack.toTerraform() as Record<string, unknown> };
}

function egress(stack: TerraformStack): IClusterEgress {
  const rt = new RouteTable(stack, 'Rt', { name: 'rt', location: 'westeurope', resourceGroupName: 'rg' });
  return {
    routeTableId: rt.id,
    routeDependencies: [rt],
    egressPublicIps: ['20.1.2.3'],
    cloud: AzureCloud.PUBLIC,
    attachCluster: () => undefined,
  };
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
  [
    'UDR behind a firewall, internal app routing',
    (stack) => ({
      egress: egress(stack),
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
    const errors = terraformFindings(stack, json).filter(
      (f) => f.rule.severity === RuleSeverity.ERROR && !f.suppressedBecause,
    );
    expect(errors.map(formatFinding)).toEqual([]);
  });

  test('Windows pool and existing network output is consistent', () => {
    const { json } = stackWith((s) => {
      const network = new ClusterNetwork(s, 'Net', {
        location: 'westeurope',
        addressSpace: '10.40.0.0/16',
        ingressSubnetPrefixLength: 28,
      });
      network.addSubnet('AzureFirewallSubnet', 26);
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
    const ids = terraformFindings(stack, json)
      .filter((f) => f.rule.severity === RuleSeverity.ERROR)
      .map((f) => f.rule.id);
    expect(ids).toEqual(['AKSNET-AZ-002']);
  });
});
