/* eslint-disable @typescript-eslint/no-require-imports */
// The generated Kubernetes classes (cdk8s-plus-28's L1 imports) the constructs create, in one place.
//
// That module holds every Kubernetes kind and is the largest single file a synthesis loads; it is
// loaded when a construct first creates a manifest, so importing the library (or using only its
// Terraform side) never pays for it. Types are re-exported type-only and load nothing.
import type * as K8s from 'cdk8s-plus-28/lib/imports/k8s';

export type IntOrString = K8s.IntOrString;
export type KubeIngress = K8s.KubeIngress;
export type KubeNamespace = K8s.KubeNamespace;
export type KubeNetworkPolicy = K8s.KubeNetworkPolicy;
export type KubeService = K8s.KubeService;
export type KubeServiceAccount = K8s.KubeServiceAccount;
export type ServicePort = K8s.ServicePort;

/** The L1 module (Node caches it after the first call). */
function l1(): typeof K8s {
  return require('cdk8s-plus-28/lib/imports/k8s') as typeof K8s;
}

/** Generated Kubernetes classes, loaded on first use. */
export const kube = {
  get IntOrString(): typeof K8s.IntOrString {
    return l1().IntOrString;
  },
  get KubeIngress(): typeof K8s.KubeIngress {
    return l1().KubeIngress;
  },
  get KubeNamespace(): typeof K8s.KubeNamespace {
    return l1().KubeNamespace;
  },
  get KubeNetworkPolicy(): typeof K8s.KubeNetworkPolicy {
    return l1().KubeNetworkPolicy;
  },
  get KubeService(): typeof K8s.KubeService {
    return l1().KubeService;
  },
  get KubeServiceAccount(): typeof K8s.KubeServiceAccount {
    return l1().KubeServiceAccount;
  },
};
