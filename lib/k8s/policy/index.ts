export * from './peer';
export * from './port';
export { Tier } from './tier';
export type { TierOptions } from './tier';
export * from './tiered-network-policies';
export type { GatewayTrafficOptions } from './private/gateway';
