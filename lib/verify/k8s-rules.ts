/**
 * Security rules over Kubernetes manifests. Scanner ids: checkov `CKV_K8S_*`, kube-linter check
 * names, polaris check names (azure-facts §6, §7).
 */
import { APP_ROUTING_ANNOTATION_BLOCKLIST } from './app-routing';
import {
  blocks,
  containers,
  ERROR,
  get,
  isObj,
  K8sItem,
  podTemplate,
  RuleDef,
  securitySetting,
  selects,
  strings,
  Verdict,
  WARNING,
} from './model';

const INTERNAL_LB = 'service.beta.kubernetes.io/azure-load-balancer-internal';
const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';
const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|(^|_)KEY($|_)|API_?KEY|PRIVATE_?KEY|CREDENTIAL/i;
const URL_WITH_CREDENTIALS = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

type ContainerCheck = (c: Record<string, unknown>, pod: Record<string, unknown>) => string | undefined;

/** Run a per-container check over every container of a workload, naming the container. */
const eachContainer = (check: ContainerCheck) => (o: K8sItem) =>
  containers(o).map(({ label, c, pod }) => {
    const problem = check(c, pod);
    return problem ? `${label}: ${problem}` : undefined;
  });

const annotations = (o: K8sItem) => (get(o.body, 'metadata', 'annotations') ?? {}) as Record<string, string>;

/** The NetworkPolicies of each namespace, indexed once per rule-pack run (workloads × objects otherwise). */
const POLICIES_BY_NAMESPACE = new WeakMap<readonly K8sItem[], Map<string, K8sItem[]>>();

function policiesIn(all: readonly K8sItem[], namespace: string): K8sItem[] {
  let index = POLICIES_BY_NAMESPACE.get(all);
  if (!index) {
    index = new Map();
    for (const p of all.filter((i) => i.kind === 'NetworkPolicy')) {
      const list = index.get(p.namespace) ?? [];
      list.push(p);
      index.set(p.namespace, list);
    }
    POLICIES_BY_NAMESPACE.set(all, index);
  }
  return index.get(namespace) ?? [];
}

function policiesFor(o: K8sItem, all: readonly K8sItem[], direction: 'Ingress' | 'Egress'): K8sItem[] {
  const t = podTemplate(o);
  if (!t) return [];
  return policiesIn(all, o.namespace).filter((p) => {
    if (!selects(get(p.body, 'spec', 'podSelector'), t.labels)) return false;
    const types = strings(get(p.body, 'spec', 'policyTypes'));
    if (types.length > 0) return types.includes(direction);
    return direction === 'Ingress' || get(p.body, 'spec', 'egress') !== undefined;
  });
}

const coverage = (direction: 'Ingress' | 'Egress') => (o: K8sItem, all: readonly K8sItem[]) =>
  podTemplate(o) && policiesFor(o, all, direction).length === 0
    ? `its pods (namespace ${o.namespace}) are selected by no NetworkPolicy for ${direction}; add a default-deny and an allow policy (TieredNetworkPolicies)`
    : undefined;

function policyRules(o: K8sItem): { direction: string; rule: Record<string, unknown> }[] {
  if (o.kind !== 'NetworkPolicy') return [];
  return (['ingress', 'egress'] as const).flatMap((direction) =>
    blocks(get(o.body, 'spec', direction)).map((rule) => ({ direction, rule })),
  );
}

export const K8S_RULES: RuleDef[] = [
  {
    id: 'AKSNET-K8S-001',
    severity: ERROR,
    description: 'Containers run as non-root (runAsNonRoot true, no runAsUser 0).',
    checkov: 'CKV_K8S_23',
    kubeLinter: 'run-as-non-root',
    polaris: 'runAsRootAllowed',
    kubernetes: eachContainer((c, pod) => {
      if (securitySetting(c, pod, 'runAsUser') === 0) return 'runAsUser is 0; run as a non-root UID';
      return securitySetting(c, pod, 'runAsNonRoot') === true
        ? undefined
        : 'runAsNonRoot is not true; set it';
    }),
  },
  {
    id: 'AKSNET-K8S-002',
    severity: ERROR,
    description: 'Containers have a read-only root filesystem.',
    checkov: 'CKV_K8S_22',
    kubeLinter: 'no-read-only-root-fs',
    polaris: 'notReadOnlyRootFilesystem',
    kubernetes: eachContainer((c) =>
      get(c, 'securityContext', 'readOnlyRootFilesystem') === true
        ? undefined
        : 'readOnlyRootFilesystem is not true; set it and mount emptyDir volumes for writable paths',
    ),
  },
  {
    id: 'AKSNET-K8S-003',
    severity: ERROR,
    description: 'Containers cannot escalate privileges (allowPrivilegeEscalation false).',
    checkov: 'CKV_K8S_20',
    kubeLinter: 'privilege-escalation-container',
    polaris: 'privilegeEscalationAllowed',
    kubernetes: eachContainer((c) =>
      get(c, 'securityContext', 'allowPrivilegeEscalation') === false
        ? undefined
        : 'allowPrivilegeEscalation is not false; set it to false',
    ),
  },
  {
    id: 'AKSNET-K8S-004',
    severity: ERROR,
    description: 'Containers drop all Linux capabilities (which includes NET_RAW).',
    checkov: 'CKV_K8S_37',
    kubeLinter: 'drop-net-raw-capability',
    polaris: 'insecureCapabilities',
    kubernetes: eachContainer((c) => {
      const drop = strings(get(c, 'securityContext', 'capabilities', 'drop'));
      return drop.includes('ALL')
        ? undefined
        : `capabilities.drop is [${drop.join(', ')}]; drop ALL and add back only what is needed`;
    }),
  },
  {
    id: 'AKSNET-K8S-005',
    severity: ERROR,
    description: 'No privileged containers.',
    checkov: 'CKV_K8S_16',
    kubeLinter: 'privileged-container',
    polaris: 'runAsPrivileged',
    kubernetes: eachContainer((c) =>
      get(c, 'securityContext', 'privileged') === true ? 'privileged is true; remove it' : undefined,
    ),
  },
  {
    id: 'AKSNET-K8S-006',
    severity: WARNING,
    description: 'Pods use the RuntimeDefault (or a Localhost) seccomp profile.',
    checkov: 'CKV_K8S_31',
    kubernetes: eachContainer((c, pod) => {
      const type = get(securitySetting(c, pod, 'seccompProfile'), 'type');
      return type === 'RuntimeDefault' || type === 'Localhost'
        ? undefined
        : `seccompProfile is ${String(type ?? 'unset')}; set type RuntimeDefault`;
    }),
  },
  {
    id: 'AKSNET-K8S-007',
    severity: ERROR,
    description: 'Containers request CPU and memory.',
    checkov: 'CKV_K8S_10, CKV_K8S_12',
    kubeLinter: 'unset-cpu-requirements',
    polaris: 'cpuRequestsMissing, memoryRequestsMissing',
    kubernetes: eachContainer((c) => {
      const missing = ['cpu', 'memory'].filter((r) => get(c, 'resources', 'requests', r) === undefined);
      return missing.length > 0 ? `resources.requests lacks ${missing.join(' and ')}; set them` : undefined;
    }),
  },
  {
    id: 'AKSNET-K8S-008',
    severity: ERROR,
    description: 'Containers have a memory limit.',
    checkov: 'CKV_K8S_13',
    kubeLinter: 'unset-memory-requirements',
    polaris: 'memoryLimitsMissing',
    kubernetes: eachContainer((c) =>
      get(c, 'resources', 'limits', 'memory') === undefined
        ? 'resources.limits.memory is not set; set it'
        : undefined,
    ),
  },
  {
    id: 'AKSNET-K8S-009',
    severity: ERROR,
    description: 'Images carry an explicit tag or digest, never `latest`.',
    checkov: 'CKV_K8S_14',
    kubeLinter: 'latest-tag',
    polaris: 'tagNotSpecified',
    kubernetes: eachContainer((c) => {
      const image = String(c.image ?? '');
      if (image.includes('@sha256:')) return undefined;
      const tag = /:([^/:]+)$/.exec(image)?.[1];
      return tag && tag !== 'latest'
        ? undefined
        : `image ${image} has ${tag ? 'tag latest' : 'no tag'}; pin a version or digest`;
    }),
  },
  {
    id: 'AKSNET-K8S-010',
    severity: ERROR,
    description: "Pods do not share the host's network, PID or IPC namespace.",
    checkov: 'CKV_K8S_19',
    kubeLinter: 'host-network',
    polaris: 'hostNetworkSet',
    kubernetes: (o) => {
      const spec = podTemplate(o)?.spec ?? {};
      const shared = ['hostNetwork', 'hostPID', 'hostIPC'].filter((k) => spec[k] === true);
      return shared.length > 0 ? `${shared.join(', ')} true; remove it` : undefined;
    },
  },
  {
    id: 'AKSNET-K8S-011',
    severity: ERROR,
    description: 'No NodePort Services: they open a port on every node.',
    kubeLinter: 'exposed-services',
    kubernetes: (o) =>
      o.kind === 'Service' && get(o.body, 'spec', 'type') === 'NodePort'
        ? 'type is NodePort; use ClusterIP behind the ingress controller'
        : undefined,
  },
  {
    id: 'AKSNET-K8S-012',
    severity: ERROR,
    description:
      'No public LoadBalancer: Services of type LoadBalancer and NginxIngressControllers are internal.',
    kubeLinter: 'exposed-services',
    kubernetes: (o) => {
      if (
        o.kind === 'Service' &&
        get(o.body, 'spec', 'type') === 'LoadBalancer' &&
        annotations(o)[INTERNAL_LB] !== 'true'
      ) {
        return `type LoadBalancer without ${INTERNAL_LB}: "true" is public; make it internal and publish through the firewall`;
      }
      if (o.kind === 'NginxIngressController') {
        const lb = (get(o.body, 'spec', 'loadBalancerAnnotations') ?? {}) as Record<string, string>;
        if (lb[INTERNAL_LB] !== 'true')
          return `loadBalancerAnnotations lack ${INTERNAL_LB}: "true", so the controller gets a public LB; add it`;
      }
      return undefined;
    },
  },
  {
    id: 'AKSNET-K8S-013',
    severity: ERROR,
    description: 'Ingresses terminate TLS (spec.tls, or a Key Vault certificate managed by app routing).',
    polaris: 'tlsSettingsMissing',
    kubernetes: (o) => {
      if (o.kind !== 'Ingress') return undefined;
      const managed = annotations(o)['kubernetes.azure.com/tls-cert-keyvault-managed'] === 'true';
      return blocks(get(o.body, 'spec', 'tls')).length > 0 || managed
        ? undefined
        : 'spec.tls is empty, so it serves plain HTTP; add a TLS certificate';
    },
  },
  {
    id: 'AKSNET-K8S-014',
    severity: ERROR,
    description: 'Every pod is selected by a NetworkPolicy for ingress.',
    kubeLinter: 'non-isolated-pod',
    polaris: 'missingNetworkPolicy',
    kubernetes: coverage('Ingress'),
  },
  {
    id: 'AKSNET-K8S-015',
    severity: ERROR,
    description: 'Every pod is selected by a NetworkPolicy for egress.',
    kubeLinter: 'non-isolated-pod',
    polaris: 'missingNetworkPolicy',
    kubernetes: coverage('Egress'),
  },
  {
    id: 'AKSNET-K8S-016',
    severity: ERROR,
    description:
      'No plaintext secrets in env: names like *PASSWORD*, *SECRET*, *TOKEN*, *KEY* take their value from a Secret.',
    kubeLinter: 'env-var-secret',
    polaris: 'sensitiveContainerEnvVar',
    kubernetes: eachContainer((c) => {
      const bad = blocks(c.env).filter(
        (e) => SECRET_NAME.test(String(e.name)) && typeof e.value === 'string' && e.value !== '',
      );
      return bad.length > 0
        ? `env ${bad.map((e) => String(e.name)).join(', ')} holds a literal value; use valueFrom.secretKeyRef or the Key Vault CSI driver`
        : undefined;
    }),
  },
  {
    id: 'AKSNET-K8S-017',
    severity: ERROR,
    description: 'No URLs with embedded credentials (scheme://user:password@host) in env values.',
    kubernetes: eachContainer((c) => {
      const bad = blocks(c.env).filter(
        (e) => typeof e.value === 'string' && URL_WITH_CREDENTIALS.test(e.value),
      );
      return bad.length > 0
        ? `env ${bad.map((e) => String(e.name)).join(', ')} embeds credentials in a URL; move them to a Secret`
        : undefined;
    }),
  },
  {
    id: 'AKSNET-K8S-018',
    severity: ERROR,
    description:
      'No ingress-nginx snippet annotations (they can expose every Secret the controller reads, CVE-2021-25742).',
    checkov: 'CKV_K8S_153',
    kubernetes: (o) => {
      const snippets = Object.keys(annotations(o)).filter(
        (k) => k.startsWith(NGINX_PREFIX) && k.endsWith('-snippet'),
      );
      return o.kind === 'Ingress' && snippets.length > 0
        ? `annotations ${snippets.join(', ')} inject raw NGINX config; use typed annotations instead`
        : undefined;
    },
  },
  {
    id: 'AKSNET-K8S-019',
    severity: ERROR,
    description:
      'No ingress-nginx annotation value holds a blocklisted substring (the controller then skips the whole Ingress).',
    kubernetes: (o) =>
      o.kind !== 'Ingress'
        ? undefined
        : Object.entries(annotations(o))
            .filter(([k]) => k.startsWith(NGINX_PREFIX))
            .map(([k, v]) => {
              const hit = APP_ROUTING_ANNOTATION_BLOCKLIST.find((b) => String(v).includes(b));
              return hit
                ? `annotation ${k}: "${v}" contains "${hit}", which app routing rejects; change the value`
                : undefined;
            }),
  },
  {
    id: 'AKSNET-K8S-020',
    severity: WARNING,
    description: 'Pods do not mount a service account token unless they call the API.',
    checkov: 'CKV_K8S_38',
    polaris: 'automountServiceAccountToken',
    kubernetes: (o) => {
      const spec = podTemplate(o)?.spec;
      return spec && spec.automountServiceAccountToken !== false
        ? 'automountServiceAccountToken is not false; set it unless the pod calls the API server'
        : undefined;
    },
  },
  {
    id: 'AKSNET-K8S-021',
    severity: WARNING,
    description: 'Workloads live in their own namespace, not in default.',
    checkov: 'CKV_K8S_21',
    kubeLinter: 'use-namespace',
    kubernetes: (o) =>
      podTemplate(o) && o.namespace === 'default'
        ? 'it runs in namespace default; give the app its own namespace'
        : undefined,
  },
  {
    id: 'AKSNET-K8S-022',
    severity: ERROR,
    description:
      'NetworkPolicies select namespaces by kubernetes.io/metadata.name, which only the control plane sets; a `name` label is set by nobody and can be spoofed.',
    kubernetes: (o) =>
      policyRules(o).flatMap(({ direction, rule }) =>
        blocks(rule[direction === 'ingress' ? 'from' : 'to'])
          .filter(
            (peer) =>
              isObj(get(peer, 'namespaceSelector', 'matchLabels')) &&
              'name' in (get(peer, 'namespaceSelector', 'matchLabels') as object),
          )
          .map(
            () => `${direction} peer selects namespaces by label name; select on kubernetes.io/metadata.name`,
          ),
      ),
  },
  {
    id: 'AKSNET-K8S-023',
    severity: ERROR,
    description: 'No allow-all NetworkPolicy rules (an empty rule `{}` admits every peer on every port).',
    kubernetes: (o) =>
      policyRules(o)
        .filter(({ rule }) => Object.keys(rule).length === 0)
        .map(({ direction }) => `an empty ${direction} rule allows all traffic; name peers and ports`),
  },
  {
    id: 'AKSNET-K8S-024',
    severity: ERROR,
    description:
      'NetworkPolicies declare policyTypes (otherwise Egress is implied only when egress rules exist).',
    kubernetes: (o) =>
      o.kind === 'NetworkPolicy' && strings(get(o.body, 'spec', 'policyTypes')).length === 0
        ? 'spec.policyTypes is empty; list Ingress and/or Egress'
        : undefined,
  },
  {
    id: 'AKSNET-K8S-025',
    severity: WARNING,
    description:
      'Ingress from ipBlock 0.0.0.0/0 admits the whole internet (and on Cilium never matches pods).',
    kubernetes: (o) =>
      policyRules(o)
        .filter(
          ({ direction, rule }) =>
            direction === 'ingress' &&
            blocks(rule.from).some((p) => get(p, 'ipBlock', 'cidr') === '0.0.0.0/0'),
        )
        .map(
          () =>
            'an ingress rule admits ipBlock 0.0.0.0/0; name the client ranges (DNAT-ed clients arrive from AzureFirewallSubnet)',
        ),
  },
  {
    id: 'AKSNET-K8S-026',
    severity: WARNING,
    description: 'Ingresses keep the HTTPS redirect on.',
    kubernetes: (o): Verdict =>
      o.kind === 'Ingress' && annotations(o)[`${NGINX_PREFIX}ssl-redirect`] === 'false'
        ? 'ssl-redirect is "false", so clients may stay on plain HTTP; remove the annotation'
        : undefined,
  },
  {
    id: 'AKSNET-K8S-027',
    severity: ERROR,
    description:
      'No hostPort: it binds the port on the node, bypassing Services and NetworkPolicies on some engines.',
    polaris: 'hostPortSet',
    kubernetes: eachContainer((c) => {
      const ports = blocks(c.ports).filter((p) => p.hostPort !== undefined);
      return ports.length > 0
        ? `hostPort ${ports.map((p) => String(p.hostPort)).join(', ')} is set; expose the pod through a Service`
        : undefined;
    }),
  },
];
