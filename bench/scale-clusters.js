// `node bench/scale-clusters.js <n>`: n AKS clusters, each in its own stack and VNet behind its own
// SecureEgress with DNAT to its planned ingress IP, synthesized through the library.
'use strict';

const { lib, cdktf, requireExports, run, unitsArg } = require('./driver');
const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');

const units = unitsArg();
requireExports('AksNetworkSynth', 'AksCluster', 'SecureEgress');

run(units, () => {
  const tfApp = new cdktf.App({ stackTraces: false });
  for (let i = 0; i < units; i++) {
    const stack = new cdktf.TerraformStack(tfApp, `cluster-${i}`);
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const network = new lib.ClusterNetwork(stack, 'Network', {
      location: 'westeurope',
      addressSpace: `10.${100 + (i % 100)}.0.0/16`,
      ingressSubnetPrefixLength: 28,
      firewallSubnetPrefixLength: 26,
    });
    const egress = new lib.SecureEgress(stack, 'Egress', { network });
    const endpoint = egress.ingressEndpoint();
    egress.addDnat({ publicPort: 443, privatePort: 443, privateIp: endpoint.privateIp, sourceAddresses: ['203.0.113.0/24'] });
    new lib.AksCluster(stack, 'Aks', {
      network,
      egress,
      networkModel: lib.NetworkModel.cilium({ podCidr: '10.244.0.0/16' }),
      ingress: lib.ClusterIngress.gatewayApi(),
    });
  }
  return { tfApp, k8sApps: [] };
});
