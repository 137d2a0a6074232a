import * as cdk8s from 'cdk8s';
import { Testing as TfTesting, TerraformStack } from 'cdktf';
import { AksCluster } from '../lib/azure/cluster/aks-cluster';
import { NetworkModel } from '../lib/azure/cluster/network-model';
import { NginxControllerMode } from '../lib/azure/cluster/settings';
import { SecureEgress } from '../lib/azure/egress/secure-egress';
import { ClusterNetwork } from '../lib/azure/network/cluster-network';
import { InternalNginxController } from '../lib/k8s/ingress/internal-controller';
import { AppService, ServiceExposure } from '../lib/k8s/services/app-service';
import { PolicyEngine } from '../lib/plan/policy-engine';
import { CrossLayerChecks } from '../lib/verify/cross-layer';

interface Options {
  readonly dnatIp?: string;
  readonly controllerIp?: string;
  readonly engine?: PolicyEngine;
  readonly publicService?: boolean;
  readonly defaultController?: NginxControllerMode;
}

function deployment(options: Options = {}): string[] {
  const stack = new TerraformStack(TfTesting.app(), 'prod');
  const network = new ClusterNetwork(stack, 'Network', {
    location: 'westeurope',
    addressSpace: '10.240.0.0/16',
    ingressSubnetPrefixLength: 28,
  });
  const egress = new SecureEgress(stack, 'Egress', { network });
  const endpoint = egress.ingressEndpoint();
  egress.addDnat({
    publicPort: 443,
    privatePort: 443,
    privateIp: options.dnatIp ?? endpoint.privateIp,
    sourceAddresses: ['203.0.113.0/24'],
  });
  const cluster = new AksCluster(stack, 'Aks', {
    network,
    egress,
    networkModel: NetworkModel.cilium({ podCidr: '10.244.0.0/16' }),
    appRouting: { defaultNginxController: options.defaultController ?? NginxControllerMode.NONE },
  });
  const k8s = new cdk8s.App();
  const chart = new cdk8s.Chart(k8s, 'platform');
  const nginx = new InternalNginxController(chart, 'Nginx', {
    privateIp: options.controllerIp ?? endpoint.privateIp,
    subnetName: endpoint.subnetName,
  });
  if (options.publicService) {
    new AppService(chart, 'Web', {
      name: 'web',
      selector: { app: 'web' },
      ports: [{ port: 80 }],
      exposure: ServiceExposure.publicLoadBalancer(),
    });
  }
  CrossLayerChecks.attach(chart, {
    cluster,
    egress,
    ingressController: nginx,
    policyEngine: options.engine ?? cluster.policyEngine,
    manifests: [k8s],
  });
  return chart.node.validate();
}

describe('CrossLayerChecks', () => {
  test('a consistent deployment passes', () => {
    expect(deployment()).toEqual([]);
  });

  test('the DNAT target must be the controller IP', () => {
    expect(deployment({ dnatIp: '10.240.4.5' }).join('\n')).toMatch(
      /CrossLayerChecks prod\/Aks: DNAT translates to 10.240.4.5 but the ingress controller's internal load balancer is at 10.240.4.14; use egress.ingressEndpoint\(\).privateIp for both/,
    );
  });

  test('policies must be generated for the engine the cluster runs', () => {
    expect(deployment({ engine: PolicyEngine.CALICO }).join('\n')).toMatch(
      /NetworkPolicies were generated for engine calico but the cluster runs cilium; pass cluster.policyEngine/,
    );
  });

  test('no public load balancer behind the egress firewall', () => {
    expect(deployment({ publicService: true }).join('\n')).toMatch(
      /Service web gets a public load balancer behind the egress firewall \(asymmetric routing drops its replies\)/,
    );
  });
});
