import * as cdk8s from 'cdk8s';
import { IConstruct } from 'constructs';
import { AksCluster } from '../azure/cluster/aks-cluster';
import { manifestOf } from '../core/synth';
import { SecureEgress } from '../azure/egress/secure-egress';
import { InternalNginxController } from '../k8s/ingress/internal-controller';
import { PolicyEngine } from '../plan/policy-engine';

/** What the Azure side and the Kubernetes side of one deployment must agree on. */
export interface CrossLayerChecksProps {
  /** The cluster (its policy engine and app routing controller mode). */
  readonly cluster: AksCluster;
  /**
   * The egress firewall the cluster sends through (its DNAT targets; a public LB behind it breaks).
   * @default - no firewall checks
   */
  readonly egress?: SecureEgress;
  /**
   * The internal ingress controller the DNAT rules must reach.
   * @default - no DNAT-target check
   */
  readonly ingressController?: InternalNginxController;
  /**
   * The engine the NetworkPolicies were generated for (e.g. the `engine` given to TieredNetworkPolicies).
   * @default - no engine check
   */
  readonly policyEngine?: PolicyEngine;
  /** The cdk8s apps with the cluster's manifests. */
  readonly manifests: cdk8s.App[];
}

const INTERNAL = 'service.beta.kubernetes.io/azure-load-balancer-internal';
const LB_KINDS = ['Service', 'NginxIngressController'];

interface ManifestObject {
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly annotations?: Record<string, string> };
  readonly spec?: { readonly type?: string; readonly loadBalancerAnnotations?: Record<string, string> };
}

/**
 * Checks across the two construct trees at synthesis: the DNAT target is the controller's internal
 * load balancer IP, the policies were generated for the cluster's engine, and no public load
 * balancer sits behind the egress firewall.
 */
export class CrossLayerChecks {
  /** Register the checks on `scope` (any construct of the cdk8s tree); they run when synthesizing. */
  public static attach(scope: IConstruct, props: CrossLayerChecksProps): void {
    scope.node.addValidation({ validate: () => crossLayerProblems(props) });
  }

  private constructor() {}
}

function crossLayerProblems(props: CrossLayerChecksProps): string[] {
  const problems: string[] = [];
  const where = `CrossLayerChecks ${props.cluster.node.path}`;
  const { egress, ingressController: nic, policyEngine } = props;
  if (egress && nic) {
    const targets = egress.dnatTranslatedAddresses;
    for (const target of targets.filter((t) => t !== nic.privateIp)) {
      problems.push(
        `${where}: DNAT translates to ${target} but the ingress controller's internal load balancer is at ${nic.privateIp}; use egress.ingressEndpoint().privateIp for both`,
      );
    }
    if (targets.length === 0) {
      problems.push(
        `${where}: no DNAT rule reaches the ingress controller at ${nic.privateIp}; add egress.addDnat(...)`,
      );
    }
  }
  if (policyEngine && policyEngine.name !== props.cluster.policyEngine.name) {
    problems.push(
      `${where}: NetworkPolicies were generated for engine ${policyEngine.name} but the cluster runs ${props.cluster.policyEngine.name}; pass cluster.policyEngine`,
    );
  }
  if (egress) {
    const mode = props.cluster.appRoutingControllerMode;
    if (mode === 'AnnotationControlled' || mode === 'External') {
      problems.push(
        `${where}: the app routing default controller (${mode}) gets a public load balancer behind the firewall; use NginxControllerMode.NONE or INTERNAL`,
      );
    }
    for (const app of props.manifests) {
      // Only the kinds that can get a load balancer are rendered (this runs at every validation).
      // ApiObject.toJson, not Chart.toJson: the latter validates the chart again (and so calls us)
      const objects = app.node
        .findAll()
        .filter((c): c is cdk8s.ApiObject => c instanceof cdk8s.ApiObject && LB_KINDS.includes(c.kind))
        .map((o) => manifestOf(o) as ManifestObject);
      for (const obj of objects) {
        const annotations =
          obj.kind === 'Service' ? obj.metadata?.annotations : obj.spec?.loadBalancerAnnotations;
        const isLb =
          (obj.kind === 'Service' && obj.spec?.type === 'LoadBalancer') ||
          obj.kind === 'NginxIngressController';
        if (isLb && annotations?.[INTERNAL] !== 'true') {
          problems.push(
            `${where}: ${obj.kind} ${obj.metadata?.name} gets a public load balancer behind the egress firewall (asymmetric routing drops its replies); make it internal and DNAT to it`,
          );
        }
      }
    }
  }
  return problems;
}
