import { Testing, TerraformStack } from 'cdktf';
import { ClusterNetwork, ExistingClusterNetwork } from '../lib/azure/network/cluster-network';

const synth = (build: (stack: TerraformStack) => void): any => {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  build(stack);
  return JSON.parse(Testing.synth(stack));
};

describe('ClusterNetwork', () => {
  test('creates resource group, VNet and carved subnets without default outbound access', () => {
    const json = synth((stack) => {
      const net = new ClusterNetwork(stack, 'Network', {
        location: 'westeurope',
        addressSpace: '10.240.0.0/16',
        podSubnetPrefixLength: 20,
        ingressSubnetPrefixLength: 28,
      });
      net.addSubnet('AzureFirewallSubnet', 26);
      net.useDnsServers(['10.240.4.68']);
    });
    expect(json.resource).toMatchSnapshot();
    const subnets = Object.values(json.resource.azurerm_subnet) as any[];
    const byName = Object.fromEntries(subnets.map((s) => [s.name, s.address_prefixes[0]]));
    expect(byName).toEqual({
      'snet-aks-nodes': '10.240.0.0/22',
      'snet-aks-pods': '10.240.16.0/20',
      'snet-aks-ingress': '10.240.4.0/28', // first fit fills the gap before the pod subnet
      AzureFirewallSubnet: '10.240.4.64/26',
    });
    expect(subnets.every((s) => s.default_outbound_access_enabled === false)).toBe(true);
    expect(subnets.filter((s) => s.delegation).map((s) => s.name)).toEqual(['snet-aks-pods']);
    const vnet = Object.values(json.resource.azurerm_virtual_network)[0] as any;
    expect(vnet.dns_servers).toEqual(['10.240.4.68']);
    expect(vnet.subnet).toBeUndefined(); // never mix inline subnets with azurerm_subnet
  });

  test('errors name the construct path', () => {
    expect(() =>
      synth(
        (stack) =>
          new ClusterNetwork(stack, 'Network', { location: 'westeurope', addressSpace: '172.16.0.0/12' }),
      ),
    ).toThrow(/^ClusterNetwork test\/Network: VNet address space 172.16.0.0\/12 overlaps 172.30.0.0\/16/);
    expect(() =>
      synth((stack) =>
        new ClusterNetwork(stack, 'Network', {
          location: 'westeurope',
          addressSpace: '10.0.0.0/24',
        }).addSubnet('AzureFirewallSubnet', 26),
      ),
    ).toThrow(/^ClusterNetwork test\/Network: no free \/22 left for subnet snet-aks-nodes/);
  });

  test('existing network: plan checked from given blocks, new subnets go into the existing VNet', () => {
    const json = synth((stack) => {
      const net = new ExistingClusterNetwork(stack, 'Net', {
        location: 'westeurope',
        resourceGroupName: 'rg-prod',
        vnetId:
          '/subscriptions/x/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-prod',
        vnetName: 'vnet-prod',
        vnetResourceGroupName: 'rg-net',
        vnetAddressSpaces: ['10.10.0.0/16'],
        nodeSubnet: { name: 'nodes', id: '/subscriptions/x/.../subnets/nodes', cidr: '10.10.0.0/22' },
      });
      expect(net.addSubnet('AzureFirewallSubnet', 26).cidr).toBe('10.10.4.0/26');
      net.useDnsServers(['10.10.4.4']);
    });
    expect(json.resource.azurerm_virtual_network).toBeUndefined();
    expect(Object.values(json.resource.azurerm_subnet)).toEqual([
      expect.objectContaining({
        name: 'AzureFirewallSubnet',
        resource_group_name: 'rg-net',
        virtual_network_name: 'vnet-prod',
      }),
    ]);
    expect(Object.values(json.resource.azurerm_virtual_network_dns_servers)).toEqual([
      expect.objectContaining({ dns_servers: ['10.10.4.4'] }),
    ]);
    expect(() =>
      synth(
        (stack) =>
          new ExistingClusterNetwork(stack, 'Net', {
            location: 'westeurope',
            resourceGroupName: 'rg',
            vnetId: 'id',
            vnetName: 'v',
            vnetAddressSpaces: ['10.10.0.0/16'],
            nodeSubnet: { name: 'nodes', id: 'id', cidr: '10.11.0.0/22' },
          }),
      ),
    ).toThrow(/^ExistingClusterNetwork test\/Net: subnet nodes 10.11.0.0\/22 is not inside the VNet/);
  });
});
