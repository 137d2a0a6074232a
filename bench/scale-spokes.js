// `node bench/scale-spokes.js <n>`: one EgressHub (firewall, policy, public IPs, hub VNet) in its
// own stack and n spoke clusters, each in its own stack, joining the hub by cdktf cross-stack
// reference: route table, peering both ways, one rule collection group and DNAT to its ingress each.
'use strict';

const { lib, cdktf, requireExports, run, unitsArg } = require('./driver');
const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');

const units = unitsArg();
requireExports('AksNetworkSynth', 'AksCluster', 'EgressHub', 'EgressSpoke');

run(units, () => {
  const tfApp = new cdktf.App({ stackTraces: false });
  const stack = (name) => {
    const s = new cdktf.TerraformStack(tfApp, name);
    new AzurermProvider(s, 'azurerm', { features: [{}] });
    new cdktf.LocalBackend(s, { path: `terraform.${name}.tfstate` });
    return s;
  };
  // 20 public IPs (the recommended minimum) at every size, so that the output per spoke is constant
  const hub = new lib.EgressHub(stack('hub'), 'Hub', {
    location: 'westeurope',
    addressSpace: '10.250.0.0/24',
    publicIpCount: 20,
  });
  for (let i = 0; i < units; i++) {
    const s = stack(`spoke-${i}`);
    const network = new lib.ClusterNetwork(s, 'Network', {
      location: 'westeurope',
      addressSpace: `10.${100 + i}.0.0/16`,
      ingressSubnetPrefixLength: 28,
    });
    const egress = new lib.EgressSpoke(s, 'Egress', { hub, network, ruleGroupName: `rcg-spoke-${i}` });
    egress.addDnat({
      publicPort: 443 + Math.floor(i / 20),
      privatePort: 443,
      publicIpIndex: i % 20,
      sourceAddresses: ['203.0.113.0/24'],
    });
    new lib.AksCluster(s, 'Aks', {
      network,
      egress,
      networkModel: lib.NetworkModel.cilium({ podCidr: '10.244.0.0/16' }),
      appRouting: { defaultNginxController: lib.NginxControllerMode.NONE },
      apiServerAccess: lib.ApiServerAccess.privateCluster({ privateDnsZone: hub.apiServerDnsZone() }),
    });
  }
  return { tfApp, k8sApps: [] };
});
