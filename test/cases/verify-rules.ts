// Manifests and Terraform resources the security rule pack refuses at synthesis, and suppressions
// without a reason or a rule.
import * as cdk8s from 'cdk8s';
import { FirewallPolicy } from '@cdktf/provider-azurerm/lib/firewall-policy';
import { FirewallPolicyRuleCollectionGroup } from '@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { SecurityRules } from '../../lib';
import { BadInput, Scopes } from '../tools/helpers';

const hardened = (image: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api' },
  spec: {
    selector: { matchLabels: { app: 'api' } },
    template: {
      metadata: { labels: { app: 'api' } },
      spec: {
        automountServiceAccountToken: false,
        containers: [
          {
            name: 'api',
            image,
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
            securityContext: {
              runAsNonRoot: true,
              readOnlyRootFilesystem: true,
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
            },
            ...extra,
          },
        ],
      },
    },
  },
});
const withPolicies = (s: Scopes, ...objects: cdk8s.ApiObjectProps[]) => {
  new cdk8s.ApiObject(s.chart, 'deny', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny' },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
  objects.forEach((o, i) => new cdk8s.ApiObject(s.chart, `o${i}`, o));
};

const K8S_RULE_CASES: BadInput[] = [
  [
    'image tag latest',
    (s) => withPolicies(s, hardened('contoso.azurecr.io/api:latest')),
    'shop/o0: [AKSNET-K8S-009]',
    'contoso.azurecr.io/api:latest',
    'pin a version or digest',
  ],
  [
    'untagged image',
    (s) => withPolicies(s, hardened('nginx')),
    'shop/o0: [AKSNET-K8S-009]',
    'image nginx has no tag',
    'pin a version or digest',
  ],
  [
    'plaintext password in env',
    (s) =>
      withPolicies(
        s,
        hardened('contoso.azurecr.io/api:1.0.0', { env: [{ name: 'POSTGRES_PASSWORD', value: 'hunter2' }] }),
      ),
    'shop/o0: [AKSNET-K8S-016]',
    'env POSTGRES_PASSWORD holds a literal value',
    'use valueFrom.secretKeyRef',
  ],
  [
    'credentials in a URL',
    (s) =>
      withPolicies(
        s,
        hardened('contoso.azurecr.io/api:1.0.0', {
          env: [{ name: 'DATABASE_URL', value: 'postgres://app:pw@db:5432/app' }],
        }),
      ),
    'shop/o0: [AKSNET-K8S-017]',
    'env DATABASE_URL embeds credentials',
    'move them to a Secret',
  ],
  [
    'workload without NetworkPolicy',
    (s) => new cdk8s.ApiObject(s.chart, 'o0', hardened('contoso.azurecr.io/api:1.0.0')),
    'shop/o0: [AKSNET-K8S-014]',
    'selected by no NetworkPolicy for Ingress',
    'add a default-deny and an allow policy',
  ],
  [
    'NodePort Service',
    (s) =>
      withPolicies(s, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'api' },
        spec: { type: 'NodePort', selector: { app: 'api' }, ports: [{ port: 80 }] },
      }),
    'shop/o0: [AKSNET-K8S-011]',
    'type is NodePort',
    'use ClusterIP',
  ],
  [
    'public LoadBalancer Service',
    (s) =>
      withPolicies(s, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'api' },
        spec: { type: 'LoadBalancer', selector: { app: 'api' }, ports: [{ port: 443 }] },
      }),
    'shop/o0: [AKSNET-K8S-012]',
    'type LoadBalancer without service.beta.kubernetes.io/azure-load-balancer-internal',
    'make it internal',
  ],
  [
    'Ingress without TLS',
    (s) =>
      withPolicies(s, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'web' },
        spec: { ingressClassName: 'nginx-internal', rules: [] },
      }),
    'shop/o0: [AKSNET-K8S-013]',
    'spec.tls is empty',
    'add a TLS certificate',
  ],
  [
    'NetworkPolicy on a spoofable name label',
    (s) =>
      withPolicies(s, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'from-ingress' },
        spec: {
          podSelector: {},
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ namespaceSelector: { matchLabels: { name: 'ingress-nginx' } } }] }],
        },
      }),
    'shop/o0: [AKSNET-K8S-022]',
    'selects namespaces by label name',
    'select on kubernetes.io/metadata.name',
  ],
  [
    'annotation value on the app routing blocklist',
    (s) =>
      withPolicies(s, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
          name: 'web',
          annotations: { 'nginx.ingress.kubernetes.io/cors-allow-origin': 'https://root.example.com' },
        },
        spec: { tls: [{ hosts: ['a.example.com'] }] },
      }),
    'shop/o0: [AKSNET-K8S-019]',
    '"https://root.example.com" contains "root"',
    'change the value',
  ],
];

const container = (s: Scopes, extra: Record<string, unknown>) =>
  withPolicies(s, hardened('contoso.azurecr.io/api:1.0.0', extra));
const securityContext = (overrides: Record<string, unknown>) => ({
  securityContext: {
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    ...overrides,
  },
});
const policy = (spec: Record<string, unknown>): cdk8s.ApiObjectProps => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'extra' },
  spec: { podSelector: {}, policyTypes: ['Ingress'], ...spec },
});
const firewallPolicy = (s: Scopes, props: Partial<{ threatIntelligenceMode: string; sku: string }> = {}) =>
  new FirewallPolicy(s.stack, 'Policy', {
    name: 'afwp-prod',
    location: 'westeurope',
    resourceGroupName: 'rg-prod',
    threatIntelligenceMode: 'Deny',
    dns: { proxyEnabled: true },
    ...props,
  });
const networkRules = (s: Scopes, rule: Record<string, unknown>) =>
  new FirewallPolicyRuleCollectionGroup(s.stack, 'Rules', {
    name: 'rcg-aks',
    firewallPolicyId: firewallPolicy(s).id,
    priority: 200,
    networkRuleCollection: [
      {
        name: 'aks-network',
        priority: 100,
        action: 'Allow',
        rule: [
          {
            name: 'r',
            protocols: ['TCP'],
            sourceAddresses: ['10.240.0.0/22'],
            destinationAddresses: ['10.1.0.4'],
            destinationPorts: ['443'],
            ...rule,
          },
        ],
      },
    ],
  });

const MORE_RULE_CASES: BadInput[] = [
  [
    'container runs as root',
    (s) => container(s, securityContext({ runAsNonRoot: false, runAsUser: 0 })),
    'shop/o0: [AKSNET-K8S-001]',
    'runAsUser is 0',
    'run as a non-root UID',
  ],
  [
    'writable root filesystem',
    (s) => container(s, securityContext({ readOnlyRootFilesystem: false })),
    'shop/o0: [AKSNET-K8S-002]',
    'readOnlyRootFilesystem is not true',
    'mount emptyDir volumes',
  ],
  [
    'privilege escalation allowed',
    (s) => container(s, securityContext({ allowPrivilegeEscalation: true })),
    'shop/o0: [AKSNET-K8S-003]',
    'allowPrivilegeEscalation is not false',
    'set it to false',
  ],
  [
    'capabilities kept',
    (s) => container(s, securityContext({ capabilities: { drop: ['NET_RAW'] } })),
    'shop/o0: [AKSNET-K8S-004]',
    'capabilities.drop is [NET_RAW]',
    'drop ALL',
  ],
  [
    'privileged container',
    (s) => container(s, securityContext({ privileged: true })),
    'shop/o0: [AKSNET-K8S-005]',
    'privileged is true',
    'remove it',
  ],
  [
    'no resource requests',
    (s) => container(s, { resources: { limits: { memory: '128Mi' } } }),
    'shop/o0: [AKSNET-K8S-007]',
    'resources.requests lacks cpu and memory',
    'set them',
  ],
  [
    'no memory limit',
    (s) => container(s, { resources: { requests: { cpu: '100m', memory: '64Mi' } } }),
    'shop/o0: [AKSNET-K8S-008]',
    'resources.limits.memory is not set',
    'set it',
  ],
  [
    'configuration snippet',
    (s) =>
      withPolicies(s, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
          name: 'web',
          annotations: { 'nginx.ingress.kubernetes.io/server-snippet': 'return 200;' },
        },
        spec: { tls: [{ hosts: ['a.example.com'] }] },
      }),
    'shop/o0: [AKSNET-K8S-018]',
    'nginx.ingress.kubernetes.io/server-snippet',
    'use typed annotations instead',
  ],
  [
    'allow-all ingress rule',
    (s) => withPolicies(s, policy({ ingress: [{}] })),
    'shop/o0: [AKSNET-K8S-023]',
    'an empty ingress rule allows all traffic',
    'name peers and ports',
  ],
  [
    'policy without policyTypes',
    (s) => withPolicies(s, policy({ policyTypes: undefined, ingress: [] })),
    'shop/o0: [AKSNET-K8S-024]',
    'spec.policyTypes is empty',
    'list Ingress and/or Egress',
  ],
  [
    'public NginxIngressController',
    (s) =>
      withPolicies(s, {
        apiVersion: 'approuting.kubernetes.azure.com/v1alpha1',
        kind: 'NginxIngressController',
        metadata: { name: 'nginx-public' },
        spec: { ingressClassName: 'nginx-public', controllerNamePrefix: 'nginx-public' },
      }),
    'shop/o0: [AKSNET-K8S-012]',
    'the controller gets a public LB',
    'add it',
  ],
  [
    'public IP of the Basic SKU',
    (s) =>
      new PublicIp(s.stack, 'Ip', {
        name: 'pip',
        location: 'westeurope',
        resourceGroupName: 'rg',
        allocationMethod: 'Static',
        sku: 'Basic',
      }),
    'Prod/Ip: [AKSNET-AZ-020]',
    'sku is Basic',
    'use Standard',
  ],
  [
    'threat intelligence only alerts',
    (s) => firewallPolicy(s, { threatIntelligenceMode: 'Alert' }),
    'Prod/Policy: [AKSNET-AZ-014]',
    'threat_intelligence_mode is Alert',
    'set Deny',
  ],
  [
    'network rule from any source',
    (s) => networkRules(s, { sourceAddresses: ['*'] }),
    'Prod/Rules: [AKSNET-AZ-017]',
    'has source *',
    'use the cluster subnet ranges',
  ],
  [
    'allow-all network rule',
    (s) => networkRules(s, { destinationAddresses: ['*'], destinationPorts: ['*'] }),
    'Prod/Rules: [AKSNET-AZ-018]',
    'network rule aks-network/r allows every destination',
    'list the destinations and ports',
  ],
];

/** Every case above is refused by the rule pack, when synthesis runs it. */
export const RULE_CASES: BadInput[] = [...K8S_RULE_CASES, ...MORE_RULE_CASES].map(
  ([what, build, where, value, fix]): BadInput => [what, build, where, value, fix, 'synthesis'],
);

export const SUPPRESSION_CASES: BadInput[] = [
  [
    'suppression without a reason',
    (s) => SecurityRules.suppress(s.chart, 'AKSNET-K8S-009', '  '),
    'Chart shop',
    'suppressing AKSNET-K8S-009 without a reason',
    'say why the finding is acceptable here',
  ],
  [
    'suppression of an unknown rule',
    (s) => SecurityRules.suppress(s.chart, 'AKSNET-K8S-999', 'because'),
    'Chart shop',
    "'AKSNET-K8S-999' is not a rule id",
    'use one of AKSNET-AZ-001',
  ],
];
