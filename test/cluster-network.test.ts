import { Token } from 'cdktf';
import { AksCluster } from '../lib/azure/cluster';
import { FirewallTier, SecureEgress } from '../lib';
import { NETWORK_CASES } from './cases/cluster-network';
import {
  clusterNetwork,
  describeBadInputs,
  existingNetwork,
  resourcesOf,
  synthJson,
  tfStack,
} from './tools/helpers';

const subnetBlocks = (json: any): Record<string, string> =>
  Object.fromEntries(resourcesOf(json, 'azurerm_subnet').map((s) => [s.name, s.address_prefixes[0]]));

describe('ClusterNetwork', () => {
  test('creates resource group, VNet and carved subnets without default outbound access', () => {
    const stack = tfStack();
    const net = clusterNetwork(stack, {
      podSubnetPrefixLength: 20,
      ingressSubnetPrefixLength: 28,
      firewallSubnetPrefixLength: 26,
    });
    net.useDnsServers(['10.240.4.68']);
    const json = synthJson(stack);
    expect(json.resource).toMatchSnapshot();
    const subnets = resourcesOf(json, 'azurerm_subnet');
    expect(subnetBlocks(json)).toEqual({
      'snet-aks-nodes': '10.240.0.0/22',
      'snet-aks-pods': '10.240.16.0/20',
      'snet-aks-ingress': '10.240.4.0/28', // first fit fills the gap before the pod subnet
      AzureFirewallSubnet: '10.240.4.64/26',
    });
    expect(subnets.every((s) => s.default_outbound_access_enabled === false)).toBe(true);
    expect(subnets.filter((s) => s.delegation).map((s) => s.name)).toEqual(['snet-aks-pods']);
    const vnet = resourcesOf(json, 'azurerm_virtual_network')[0];
    expect(vnet.dns_servers).toEqual(['10.240.4.68']);
    expect(vnet.subnet).toBeUndefined(); // never mix inline subnets with azurerm_subnet
    expect(net.dnsServers).toEqual(['10.240.4.68']);
    expect(net.firewallSubnet).toMatchObject({ name: 'AzureFirewallSubnet', cidr: '10.240.4.64/26' });
    expect(Token.isUnresolved(net.firewallSubnet!.id)).toBe(true); // the id of the subnet resource
    expect(net.firewallManagementSubnet).toBeUndefined();
  });

  test('the DNS servers are a copy, changed only through useDnsServers', () => {
    const net = clusterNetwork(tfStack(), { dnsServers: ['10.1.0.4'] });
    net.dnsServers.push('8.8.8.8');
    expect(net.dnsServers).toEqual(['10.1.0.4']);
    expect(clusterNetwork(tfStack()).dnsServers).toEqual([]);
  });

  test('existing network: plan checked from given blocks, new subnets go into the existing VNet', () => {
    const stack = tfStack();
    const net = existingNetwork(stack, {
      resourceGroupName: 'rg-prod',
      vnetId: '/subscriptions/x/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-prod',
      vnetResourceGroupName: 'rg-net',
      vnetAddressSpaces: ['10.10.0.0/16'],
      nodeSubnet: { name: 'nodes', id: '/subscriptions/x/.../subnets/nodes', cidr: '10.10.0.0/22' },
      firewallSubnetPrefixLength: 26,
    });
    expect(net.firewallSubnet!.cidr).toBe('10.10.4.0/26');
    net.useDnsServers(['10.10.4.4']);
    const json = synthJson(stack);
    expect(json.resource.azurerm_virtual_network).toBeUndefined();
    expect(resourcesOf(json, 'azurerm_subnet')).toEqual([
      expect.objectContaining({
        name: 'AzureFirewallSubnet',
        resource_group_name: 'rg-net',
        virtual_network_name: 'vnet-prod',
      }),
    ]);
    expect(resourcesOf(json, 'azurerm_virtual_network_dns_servers')).toEqual([
      expect.objectContaining({ dns_servers: ['10.10.4.4'] }),
    ]);
    expect(net.dnsServers).toEqual(['10.10.4.4']);
  });

  test('an existing firewall subnet is taken as given and kept clear of', () => {
    const net = existingNetwork(tfStack(), {
      firewallSubnet: { name: 'AzureFirewallSubnet', id: 'fw-id', cidr: '10.240.4.0/26' },
      firewallManagementSubnetPrefixLength: 26,
    });
    expect(net.firewallSubnet).toEqual({ name: 'AzureFirewallSubnet', id: 'fw-id', cidr: '10.240.4.0/26' });
    expect(net.firewallManagementSubnet!.cidr).toBe('10.240.4.64/26');
  });

  // Deliberate change: the firewall subnets were carved by SecureEgress when it was created, so their
  // blocks depended on what had been carved before; now the network's plan carves every subnet in one
  // fixed order (nodes, pods, ingress, firewall, firewall management).
  test('carving does not depend on the order of the props or of the constructs that use the subnets', () => {
    const blocks = (order: 'network-only' | 'egress-then-cluster' | 'reversed-props') => {
      const stack = tfStack();
      const sizes = {
        podSubnetPrefixLength: 20,
        ingressSubnetPrefixLength: 27,
        firewallSubnetPrefixLength: 26,
        firewallManagementSubnetPrefixLength: 26,
      };
      const props =
        order === 'reversed-props'
          ? Object.fromEntries(Object.entries(sizes).reverse())
          : (sizes as Record<string, number>);
      const network = clusterNetwork(stack, props);
      if (order === 'egress-then-cluster') {
        const egress = new SecureEgress(stack, 'Egress', { network, tier: FirewallTier.BASIC });
        egress.addDnat({ publicPort: 443, privatePort: 443, sourceAddresses: ['203.0.113.0/24'] });
        new AksCluster(stack, 'Aks', { network, egress });
      }
      return subnetBlocks(synthJson(stack));
    };
    const expected = {
      'snet-aks-nodes': '10.240.0.0/22',
      'snet-aks-ingress': '10.240.4.0/27',
      AzureFirewallSubnet: '10.240.4.64/26',
      AzureFirewallManagementSubnet: '10.240.4.128/26',
      'snet-aks-pods': '10.240.16.0/20',
    };
    expect(blocks('network-only')).toEqual(expected);
    expect(blocks('egress-then-cluster')).toEqual(expected);
    expect(blocks('reversed-props')).toEqual(expected);
  });

  test('tags reach every resource the network creates', () => {
    const stack = tfStack();
    clusterNetwork(stack, { ingressSubnetPrefixLength: 28, tags: { env: 'prod' } });
    const json = synthJson(stack);
    expect(resourcesOf(json, 'azurerm_resource_group')[0].tags).toEqual({ env: 'prod' });
    expect(resourcesOf(json, 'azurerm_virtual_network')[0].tags).toEqual({ env: 'prod' });
    // subnets take no tags in azurerm
    expect(resourcesOf(json, 'azurerm_subnet').every((s) => s.tags === undefined)).toBe(true);
  });
});

describeBadInputs('ClusterNetwork and ExistingClusterNetwork refuse bad inputs', NETWORK_CASES);
