// Where the firewall's subnets come from: carved from the cluster VNet, created in a hub, or given.
import { Construct } from 'constructs';
import { fail, within } from '../../../core/errors';
import { Cidr } from '../../../plan/cidr';
import { IClusterNetwork, NetworkSubnet } from '../../network/cluster-network';
import {
  FIREWALL_MANAGEMENT_SUBNET_NAME,
  FIREWALL_SUBNET_MAX_PREFIX_LENGTH,
  FIREWALL_SUBNET_NAME,
  FirewallPlacement,
} from '../placement';
import { createHub } from './hub';

export interface FirewallSubnetsInput {
  readonly network: IClusterNetwork;
  readonly placement: FirewallPlacement;
  /** Set for the Basic tier. */
  readonly managementSubnetPrefixLength?: number;
  readonly baseName: string;
  readonly tags?: { [key: string]: string };
}

export interface FirewallSubnets {
  readonly firewall: NetworkSubnet;
  readonly management?: NetworkSubnet;
}

export function checkFirewallSubnetSize(subject: string, name: string, prefixLength: number): void {
  if (prefixLength > FIREWALL_SUBNET_MAX_PREFIX_LENGTH) {
    fail(
      subject,
      `${name} /${prefixLength} is too small; Azure Firewall needs at least a /${FIREWALL_SUBNET_MAX_PREFIX_LENGTH}`,
      `use a prefix length of ${FIREWALL_SUBNET_MAX_PREFIX_LENGTH} or less`,
    );
  }
}

export function resolveFirewallSubnets(
  scope: Construct,
  subject: string,
  input: FirewallSubnetsInput,
): FirewallSubnets {
  const { network, placement } = input;
  const mgmt = input.managementSubnetPrefixLength;
  if (mgmt !== undefined) {
    checkFirewallSubnetSize(subject, FIREWALL_MANAGEMENT_SUBNET_NAME, mgmt);
  }
  if (placement.existing) {
    const given = placement.existing;
    if (given.name !== FIREWALL_SUBNET_NAME) {
      fail(
        subject,
        `firewall subnet is named ${given.name}`,
        `Azure Firewall only deploys into a subnet named exactly ${FIREWALL_SUBNET_NAME}`,
      );
    }
    checkFirewallSubnetSize(
      subject,
      FIREWALL_SUBNET_NAME,
      within(subject, () => Cidr.parse(given.cidr)).prefixLength,
    );
    if (mgmt !== undefined) {
      fail(
        subject,
        'an existing firewall subnet with the Basic tier',
        'use FirewallPlacement.clusterVnet() or hub() so the management subnet can be created',
      );
    }
    return { firewall: { ...given } };
  }
  const prefix = placement.firewallSubnetPrefixLength ?? FIREWALL_SUBNET_MAX_PREFIX_LENGTH;
  checkFirewallSubnetSize(subject, FIREWALL_SUBNET_NAME, prefix);
  if (placement.hubVnet) {
    const hub = createHub(scope, subject, network, placement.hubVnet, input.baseName, input.tags);
    return {
      firewall: hub.subnet(FIREWALL_SUBNET_NAME, prefix),
      management: mgmt !== undefined ? hub.subnet(FIREWALL_MANAGEMENT_SUBNET_NAME, mgmt) : undefined,
    };
  }
  return {
    firewall: network.addSubnet(FIREWALL_SUBNET_NAME, prefix),
    management: mgmt !== undefined ? network.addSubnet(FIREWALL_MANAGEMENT_SUBNET_NAME, mgmt) : undefined,
  };
}
