export * from './access';
export * from './aks-cluster';
export * from './aks-cluster-props';
export type { KubeletIdentityReference, ManagedIdentityReference } from './cluster-identity';
export * from './network-model';
export * from './node-pool';
export * from './settings';
export * from './ingress';
export type { GatewayKeyVaultIdentity } from './private/ingress-identity';
