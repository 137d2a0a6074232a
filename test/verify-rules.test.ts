import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { App, TerraformStack } from 'cdktf';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { FirewallPolicy } from '@cdktf/provider-azurerm/lib/firewall-policy';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { AksNetworkSynth, RuleSeverity, SecurityRules } from '../lib';
import { kubernetesFindings, terraformFindings } from '../lib/verify/rule-pack';
import { ALL_RULES, suppressionFor } from '../lib/verify/suppressions';
import { RULE_CASES, SUPPRESSION_CASES } from './cases/verify-rules';
import { describeBadInputs } from './tools/helpers';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

// ---- a compliant Terraform stack (snake_case, as cdktf writes it) ----------------------------
const goodTf = (): any => ({
  resource: {
    azurerm_kubernetes_cluster: {
      aks: {
        name: 'aks',
        role_based_access_control_enabled: true,
        local_account_disabled: true,
        azure_active_directory_role_based_access_control: { azure_rbac_enabled: true },
        api_server_access_profile: { authorized_ip_ranges: ['203.0.113.4/32'] },
        azure_policy_enabled: true,
        automatic_upgrade_channel: 'patch',
        sku_tier: 'Standard',
        oms_agent: { log_analytics_workspace_id: 'x' },
        key_vault_secrets_provider: { secret_rotation_enabled: true },
        web_app_routing: { dns_zone_ids: [], default_nginx_controller: 'Internal' },
        network_profile: {
          network_plugin: 'azure',
          network_plugin_mode: 'overlay',
          network_policy: 'cilium',
          network_data_plane: 'cilium',
          outbound_type: 'userDefinedRouting',
        },
      },
    },
    azurerm_route_table: {
      rt: {
        name: 'rt',
        route: [
          {
            name: 'default',
            address_prefix: '0.0.0.0/0',
            next_hop_type: 'VirtualAppliance',
            next_hop_in_ip_address: '10.0.4.4',
          },
        ],
      },
    },
    azurerm_firewall_policy: {
      pol: { name: 'pol', sku: 'Standard', threat_intelligence_mode: 'Deny', dns: { proxy_enabled: true } },
    },
    azurerm_firewall: {
      fw: { name: 'fw', sku_tier: 'Standard', firewall_policy_id: '${azurerm_firewall_policy.pol.id}' },
    },
    azurerm_public_ip: { pip: { name: 'pip', sku: 'Standard', allocation_method: 'Static' } },
    azurerm_firewall_policy_rule_collection_group: {
      rcg: {
        firewall_policy_id: '${azurerm_firewall_policy.pol.id}',
        network_rule_collection: [
          {
            name: 'net',
            rule: [
              {
                name: 'ntp',
                source_addresses: ['10.240.0.0/22'],
                destination_addresses: ['*'],
                destination_ports: ['123'],
                destination_fqdns: undefined,
              },
            ],
          },
          {
            name: 'fqdn',
            rule: [
              {
                name: 'ntp2',
                source_addresses: ['10.240.0.0/22'],
                destination_fqdns: ['ntp.ubuntu.com'],
                destination_ports: ['123'],
              },
            ],
          },
        ],
        application_rule_collection: [
          {
            name: 'app',
            rule: [
              {
                name: 'aks',
                source_addresses: ['10.240.0.0/22'],
                destination_fqdn_tags: ['AzureKubernetesService'],
              },
            ],
          },
        ],
        nat_rule_collection: [
          {
            name: 'dnat',
            rule: [{ name: 'https', source_addresses: ['198.51.100.0/24'], destination_ports: ['443'] }],
          },
        ],
      },
    },
  },
});

// ---- compliant manifests -----------------------------------------------------------------------
const container = () => ({
  name: 'api',
  image: 'contoso.azurecr.io/api:1.4.2',
  env: [
    { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
    { name: 'DB_URL', value: 'postgres://db.shop:5432/app' },
  ],
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
  securityContext: {
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: ['ALL'] },
  },
});
const goodK8s = (): any[] => [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: 'api' } },
      template: {
        metadata: { labels: { app: 'api' } },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{ ...container(), ports: [{ containerPort: 8080 }] }],
        },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'api', namespace: 'shop' },
    spec: { type: 'ClusterIP', selector: { app: 'api' }, ports: [{ port: 80, targetPort: 8080 }] },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'ilb',
      namespace: 'shop',
      annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' },
    },
    spec: { type: 'LoadBalancer', selector: { app: 'api' }, ports: [{ port: 443, targetPort: 8080 }] },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'web',
      namespace: 'shop',
      annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' },
    },
    spec: { tls: [{ hosts: ['shop.example.com'], secretName: 'keyvault-web' }], rules: [] },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny', namespace: 'shop' },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'api', namespace: 'shop' },
    spec: {
      podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'app-routing-system' } } },
          ],
          ports: [{ port: 8080 }],
        },
      ],
    },
  },
  {
    apiVersion: 'approuting.kubernetes.azure.com/v1alpha1',
    kind: 'NginxIngressController',
    metadata: { name: 'nginx-internal' },
    spec: {
      ingressClassName: 'nginx-internal',
      controllerNamePrefix: 'nginx-internal',
      loadBalancerAnnotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' },
    },
  },
];

const tfIds = (json: any) => [...new Set(terraformFindings(json, () => undefined).map((f) => f.rule.id))];
const k8sIds = (objs: any[]) => [
  ...new Set(kubernetesFindings(objs.map((body) => ({ body }))).map((f) => f.rule.id)),
];

const R = (s: any) => s.resource;
const aks = (s: any) => R(s).azurerm_kubernetes_cluster.aks;
const rcg = (s: any) => R(s).azurerm_firewall_policy_rule_collection_group.rcg;
const dep = (o: any[]) => o[0];
const ctr = (o: any[]) => o[0].spec.template.spec.containers[0];
const ing = (o: any[]) => o[3];

const TF_CASES: [string, (s: any) => void][] = [
  ['AKSNET-AZ-001', (s) => delete aks(s).role_based_access_control_enabled],
  ['AKSNET-AZ-002', (s) => (aks(s).local_account_disabled = false)],
  ['AKSNET-AZ-003', (s) => delete aks(s).api_server_access_profile],
  ['AKSNET-AZ-003', (s) => (aks(s).api_server_access_profile.authorized_ip_ranges = ['0.0.0.0/0'])],
  ['AKSNET-AZ-004', (s) => delete aks(s).network_profile.network_policy],
  ['AKSNET-AZ-005', (s) => delete aks(s).azure_policy_enabled],
  ['AKSNET-AZ-006', (s) => (aks(s).automatic_upgrade_channel = 'none')],
  ['AKSNET-AZ-007', (s) => (aks(s).http_application_routing_enabled = true)],
  ['AKSNET-AZ-008', (s) => (aks(s).sku_tier = 'Free')],
  [
    'AKSNET-AZ-009',
    (s) => Object.assign(aks(s).network_profile, { network_plugin: 'kubenet', network_policy: 'calico' }),
  ],
  ['AKSNET-AZ-010', (s) => (aks(s).key_vault_secrets_provider = {})],
  ['AKSNET-AZ-011', (s) => delete aks(s).web_app_routing.default_nginx_controller],
  ['AKSNET-AZ-012', (s) => delete aks(s).oms_agent],
  ['AKSNET-AZ-013', (s) => (R(s).azurerm_route_table.rt.route[0].next_hop_type = 'Internet')],
  ['AKSNET-AZ-014', (s) => (R(s).azurerm_firewall_policy.pol.threat_intelligence_mode = 'Alert')],
  ['AKSNET-AZ-014', (s) => delete R(s).azurerm_firewall.fw.firewall_policy_id],
  ['AKSNET-AZ-015', (s) => (R(s).azurerm_firewall_policy.pol.dns = { proxy_enabled: false })],
  ['AKSNET-AZ-016', (s) => delete R(s).azurerm_firewall_policy.pol.dns],
  ['AKSNET-AZ-017', (s) => (rcg(s).application_rule_collection[0].rule[0].source_addresses = ['*'])],
  ['AKSNET-AZ-018', (s) => (rcg(s).network_rule_collection[0].rule[0].destination_ports = ['*'])],
  ['AKSNET-AZ-018', (s) => (rcg(s).application_rule_collection[0].rule[0].destination_fqdns = ['*'])],
  ['AKSNET-AZ-019', (s) => (rcg(s).nat_rule_collection[0].rule[0].source_addresses = ['*'])],
  ['AKSNET-AZ-020', (s) => (R(s).azurerm_public_ip.pip.sku = 'Basic')],
  [
    'AKSNET-AZ-021',
    (s) =>
      (R(s).azurerm_role_assignment = {
        ra: { scope: '/subscriptions/0', principal_id: 'p', role_definition_name: 'Owner' },
      }),
  ],
  ...(
    [
      // a property azurerm manages
      { properties: { networkProfile: { outboundType: 'none' } } },
      // an enum value the API does not define
      { properties: { ingressProfile: { gatewayAPI: { installation: 'Experimental' } } } },
      // a property the API does not have
      { properties: { ingressProfile: { gatewayApi: { installation: 'Standard' } } } },
    ] as object[]
  ).map((body): [string, (s: any) => void] => [
    'AKSNET-AZ-022',
    (s) =>
      (R(s).azapi_update_resource = {
        patch: {
          type: 'Microsoft.ContainerService/managedClusters@2026-03-01',
          resource_id: '${azurerm_kubernetes_cluster.aks.id}',
          body,
        },
      }),
  ]),
  [
    'AKSNET-AZ-022',
    (s) =>
      (R(s).azapi_update_resource = {
        patch: {
          type: 'Microsoft.ContainerService/managedClusters@2025-07-01',
          resource_id: '${azurerm_kubernetes_cluster.aks.id}',
          body: {},
        },
      }),
  ],
  [
    'AKSNET-AZ-022',
    (s) => {
      R(s).azurerm_kubernetes_cluster_node_pool = {
        apps: { kubernetes_cluster_id: '${azurerm_kubernetes_cluster.aks.id}', name: 'apps' },
      };
      R(s).azapi_update_resource = {
        patch: {
          type: 'Microsoft.ContainerService/managedClusters@2026-03-01',
          resource_id: '${azurerm_kubernetes_cluster.aks.id}',
          body: {},
          depends_on: ['azurerm_kubernetes_cluster.aks'],
        },
      };
    },
  ],
];

const K8S_CASES: [string, (o: any[]) => void][] = [
  ['AKSNET-K8S-001', (o) => delete ctr(o).securityContext.runAsNonRoot],
  ['AKSNET-K8S-001', (o) => (ctr(o).securityContext.runAsUser = 0)],
  ['AKSNET-K8S-002', (o) => (ctr(o).securityContext.readOnlyRootFilesystem = false)],
  ['AKSNET-K8S-003', (o) => delete ctr(o).securityContext.allowPrivilegeEscalation],
  ['AKSNET-K8S-004', (o) => (ctr(o).securityContext.capabilities.drop = ['NET_RAW'])],
  ['AKSNET-K8S-005', (o) => (ctr(o).securityContext.privileged = true)],
  ['AKSNET-K8S-006', (o) => delete dep(o).spec.template.spec.securityContext],
  ['AKSNET-K8S-007', (o) => delete ctr(o).resources.requests.memory],
  ['AKSNET-K8S-008', (o) => delete ctr(o).resources.limits],
  ['AKSNET-K8S-009', (o) => (ctr(o).image = 'contoso.azurecr.io/api:latest')],
  ['AKSNET-K8S-009', (o) => (ctr(o).image = 'localhost:5000/api')],
  ['AKSNET-K8S-010', (o) => (dep(o).spec.template.spec.hostNetwork = true)],
  ['AKSNET-K8S-011', (o) => (o[1].spec.type = 'NodePort')],
  ['AKSNET-K8S-012', (o) => delete o[2].metadata.annotations],
  ['AKSNET-K8S-012', (o) => (o[6].spec.loadBalancerAnnotations = {})],
  ['AKSNET-K8S-013', (o) => delete ing(o).spec.tls],
  [
    'AKSNET-K8S-014',
    (o) => {
      o[4].spec.policyTypes = ['Egress'];
      o.splice(5, 1);
    },
  ],
  ['AKSNET-K8S-015', (o) => (o[4].spec.policyTypes = ['Ingress'])],
  ['AKSNET-K8S-016', (o) => (ctr(o).env[0] = { name: 'API_TOKEN', value: 's3cr3t' })],
  ['AKSNET-K8S-017', (o) => (ctr(o).env[1].value = 'postgres://app:hunter2@db.shop:5432/app')],
  [
    'AKSNET-K8S-018',
    (o) =>
      (ing(o).metadata.annotations['nginx.ingress.kubernetes.io/configuration-snippet'] =
        'more_set_headers "X: y";'),
  ],
  [
    'AKSNET-K8S-019',
    (o) =>
      (ing(o).metadata.annotations['nginx.ingress.kubernetes.io/cors-allow-origin'] =
        'https://groot.example.com'),
  ],
  ['AKSNET-K8S-020', (o) => delete dep(o).spec.template.spec.automountServiceAccountToken],
  ['AKSNET-K8S-021', (o) => o.forEach((x) => x.metadata.namespace && (x.metadata.namespace = 'default'))],
  [
    'AKSNET-K8S-022',
    (o) => (o[5].spec.ingress[0].from[0].namespaceSelector.matchLabels = { name: 'app-routing-system' }),
  ],
  ['AKSNET-K8S-023', (o) => (o[5].spec.ingress = [{}])],
  ['AKSNET-K8S-024', (o) => delete o[5].spec.policyTypes],
  ['AKSNET-K8S-025', (o) => (o[5].spec.ingress[0].from = [{ ipBlock: { cidr: '0.0.0.0/0' } }])],
  ['AKSNET-K8S-027', (o) => (ctr(o).ports = [{ containerPort: 8080, hostPort: 8080 }])],
  [
    'AKSNET-K8S-026',
    (o) => (ing(o).metadata.annotations['nginx.ingress.kubernetes.io/ssl-redirect'] = 'false'),
  ],
];

describe('security rule pack', () => {
  test('at least 25 rules, unique ids, documented, scanner ids only where they exist', () => {
    const rules = SecurityRules.rules();
    expect(rules.length).toBeGreaterThanOrEqual(25);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.id).toMatch(/^AKSNET-(AZ|K8S)-\d{3}$/);
      expect([RuleSeverity.ERROR, RuleSeverity.WARNING]).toContain(r.severity);
      expect(r.description.length).toBeGreaterThan(20);
      if (r.checkov) expect(r.checkov).toMatch(/^CKV_(AZURE|K8S)_\d+(, CKV_(AZURE|K8S)_\d+)*$/);
      if (r.trivy) expect(r.trivy).toMatch(/^AVD-AZU-\d{4}$/);
    }
  });

  test('lib/verify/README.md lists every rule with its severity and equivalents', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'lib', 'verify', 'README.md'), 'utf8');
    // table rows as cells, however the columns are padded
    const rows = readme
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    for (const r of SecurityRules.rules()) {
      const row = rows.find(([rule]) => rule === r.id);
      expect(row).toBeDefined();
      expect(row![1]).toBe(r.severity);
      for (const id of [r.checkov, r.trivy, r.kubeLinter, r.polaris].filter((x): x is string => !!x))
        expect(row![3]).toContain(id);
    }
  });

  test('every rule has a firing case below', () => {
    const covered = new Set([...TF_CASES, ...K8S_CASES].map(([id]) => id));
    expect(ALL_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  test('compliant Terraform and manifests raise nothing', () => {
    expect(tfIds(goodTf())).toEqual([]);
    expect(k8sIds(goodK8s())).toEqual([]);
  });

  test.each(TF_CASES)('%s fires on bad Terraform', (id, mutate) => {
    const s = goodTf();
    mutate(s);
    expect(tfIds(s)).toContain(id);
  });

  test.each(K8S_CASES)('%s fires on a bad manifest', (id, mutate) => {
    const o = clone(goodK8s());
    mutate(o);
    expect(k8sIds(o)).toContain(id);
  });

  test('values only known at apply time are not judged', () => {
    const s = goodTf();
    Object.assign(aks(s), {
      role_based_access_control_enabled: '${var.rbac}',
      local_account_disabled: '${var.local}',
      sku_tier: '${var.tier}',
    });
    R(s).azurerm_firewall_policy.pol.threat_intelligence_mode = '${var.ti}';
    expect(tfIds(s)).toEqual([]);
  });

  test('a workload without any NetworkPolicy is reported for both directions', () => {
    const o = goodK8s().filter((x) => x.kind !== 'NetworkPolicy');
    expect(k8sIds(o).filter((id) => id === 'AKSNET-K8S-014' || id === 'AKSNET-K8S-015')).toEqual([
      'AKSNET-K8S-014',
      'AKSNET-K8S-015',
    ]);
  });
});

// ---- at synth: errors fail, warnings are reported, suppressions need a reason and are listed -----
describe('security rules at synthesis', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksnet-rules-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function build(opts: { suppress?: boolean } = {}) {
    const app = new App({ outdir: path.join(dir, 'tf') });
    const stack = new TerraformStack(app, 'prod');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const rg = new ResourceGroup(stack, 'Rg', { name: 'rg', location: 'westeurope' });
    new FirewallPolicy(stack, 'Policy', {
      name: 'p',
      location: 'westeurope',
      resourceGroupName: rg.name,
      threatIntelligenceMode: 'Deny',
    });
    new PublicIp(stack, 'LegacyIp', {
      name: 'pip',
      location: 'westeurope',
      resourceGroupName: rg.name,
      allocationMethod: 'Static',
      sku: 'Basic',
    });
    const k8s = new cdk8s.App({ outdir: path.join(dir, 'k8s') });
    const chart = new cdk8s.Chart(k8s, 'shop', { namespace: 'shop' });
    const objs = goodK8s();
    ctr(objs).image = 'contoso.azurecr.io/api:latest';
    dep(objs).spec.template.spec.automountServiceAccountToken = true; // warning only
    objs.forEach((o, i) => new cdk8s.ApiObject(chart, `o${i}`, o));
    if (opts.suppress) {
      SecurityRules.suppress(chart, 'AKSNET-K8S-009', 'mirror of a vendor image that only publishes latest');
      SecurityRules.suppress(stack, 'AKSNET-AZ-020', 'legacy address kept until the partner migrates');
    }
    return { app, k8s };
  }

  test('an error fails synthesis, naming construct path, value and fix; nothing is written', () => {
    const { app, k8s } = build();
    let message = '';
    try {
      AksNetworkSynth.synth(app, [k8s]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(
      'shop/o0: [AKSNET-K8S-009] Deployment shop/api: container api: image contoso.azurecr.io/api:latest has tag latest; pin a version or digest',
    );
    expect(message).toContain(
      'prod/LegacyIp: [AKSNET-AZ-020] azurerm_public_ip.LegacyIp: sku is Basic; use Standard',
    );
    expect(fs.existsSync(path.join(dir, 'tf'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'k8s'))).toBe(false);
  });

  test('suppressed findings pass and are listed with their reason; warnings are listed', () => {
    const { app, k8s } = build({ suppress: true });
    AksNetworkSynth.synth(app, [k8s]);
    const report = fs.readFileSync(path.join(dir, 'k8s', 'security-report.md'), 'utf8');
    expect(report).toContain(
      '| AKSNET-K8S-009 | shop/o0 | Deployment shop/api | container api: image contoso.azurecr.io/api:latest has tag latest; pin a version or digest | mirror of a vendor image that only publishes latest |',
    );
    expect(report).toContain('| AKSNET-AZ-020 | prod/LegacyIp | azurerm_public_ip.LegacyIp |');
    expect(report).toMatch(/## Warnings[\s\S]*\| AKSNET-K8S-020 \| shop\/o0 \|/);
    expect(report).toMatch(/## Rules[\s\S]*\| AKSNET-AZ-003 \| error \|.*\| CKV_AZURE_6 \| AVD-AZU-0041 \|/);
    expect(report).toContain(
      '| AKSNET-AZ-015 | prod/Policy | azurerm_firewall_policy.Policy | dns.proxy_enabled is not true;',
    );
    // Terraform warnings and suppressions are also cdktf annotations
    const cdktfManifest = JSON.parse(fs.readFileSync(path.join(dir, 'tf', 'manifest.json'), 'utf8'));
    const annotations = cdktfManifest.stacks.prod.annotations.map(
      (a: any) => `${a.level} ${a.constructPath} ${a.message}`,
    );
    expect(annotations).toContain(
      '@cdktf/warn prod/Policy [AKSNET-AZ-015] dns.proxy_enabled is not true; enable the DNS proxy and point the VNet DNS at the firewall',
    );
    expect(annotations).toContain(
      '@cdktf/info prod/LegacyIp [AKSNET-AZ-020] suppressed (legacy address kept until the partner migrates): sku is Basic; use Standard with allocation_method Static',
    );
    const written = JSON.parse(
      fs.readFileSync(path.join(dir, 'tf', 'stacks', 'prod', 'cdk.tf.json'), 'utf8'),
    );
    expect(written.resource.azurerm_public_ip.LegacyIp.sku).toBe('Basic');
  });

  test('a suppression is data on the construct, found from the construct or any scope above it', () => {
    const k8s = new cdk8s.App();
    const chart = new cdk8s.Chart(k8s, 'shop');
    const obj = new cdk8s.ApiObject(chart, 'Api', { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(suppressionFor(obj, 'AKSNET-K8S-009')).toBeUndefined();
    SecurityRules.suppress(chart, 'AKSNET-K8S-009', '  vendor image  ');
    expect(chart.node.metadata.map((m) => [m.type, m.data])).toEqual([
      ['aks-network:suppress', { ruleId: 'AKSNET-K8S-009', reason: 'vendor image' }],
    ]);
    expect(suppressionFor(obj, 'AKSNET-K8S-009')).toBe('vendor image');
    expect(suppressionFor(obj, 'AKSNET-K8S-016')).toBeUndefined();
    SecurityRules.suppress(obj, 'AKSNET-K8S-009', 'the nearest reason wins');
    expect(suppressionFor(obj, 'AKSNET-K8S-009')).toBe('the nearest reason wins');
    expect(suppressionFor(undefined, 'AKSNET-K8S-009')).toBeUndefined();
  });
});

describeBadInputs('the rule pack refuses bad manifests and resources at synthesis', RULE_CASES);
describeBadInputs('SecurityRules.suppress refuses a suppression without reason or rule', SUPPRESSION_CASES);
