export { Cidr } from './cidr';
export * from './address-plan';
export { PodAddressing } from './capacity';
export type { PoolDemand, CapacityDemand, CapacityLine } from './capacity';
export { PolicyEngine } from './policy-engine';
export * from './regions';
export * from './firewall-policy';
export * from './spoke-ranges';
