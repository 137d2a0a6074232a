import * as fs from 'fs';
import * as path from 'path';
import { build } from '../examples/secure-baseline/main';
import { build as buildNginx } from '../examples/secure-baseline-nginx/main';
import { synthScenario, writtenManifests, writtenStacks } from './tools/examples';
import { tmpRoot } from './tools/helpers';

// The flagship's promises, asserted on the written output.
const dir = tmpRoot('flagship');
synthScenario(build, dir);
const tf = writtenStacks(dir)[0].json as any;
const objects = writtenManifests(dir).flatMap((m) => m.objects) as any[];
const resources = (type: string): any[] => Object.values(tf.resource[type] ?? {});
const one = (type: string): any => {
  const all = resources(type);
  expect(all).toHaveLength(1);
  return all[0];
};
const kinds = (kind: string) => objects.filter((o) => o.kind === kind);
const byName = (kind: string, name: string) => kinds(kind).find((o) => o.metadata.name === name);

describe('secure-baseline', () => {
  test('writes Terraform JSON, manifests, the connectivity and security reports and the deploy plan', () => {
    const out = path.join(dir, 'dist', 'secure-baseline');
    expect(fs.readdirSync(out).sort()).toEqual([
      'connectivity.md',
      'deploy-plan.md',
      'myapp.k8s.yaml',
      'platform.k8s.yaml',
      'security-report.md',
    ]);
    expect(fs.existsSync(path.join(dir, 'cdktf.out', 'stacks', 'secure-baseline', 'cdk.tf.json'))).toBe(true);
  });

  test('cluster: Cilium overlay, private API server, all egress through UDR', () => {
    const aks = one('azurerm_kubernetes_cluster');
    expect(aks.network_profile).toMatchObject({
      network_plugin: 'azure',
      network_plugin_mode: 'overlay',
      network_data_plane: 'cilium',
      network_policy: 'cilium',
      outbound_type: 'userDefinedRouting',
      pod_cidr: '10.244.0.0/16',
    });
    expect(aks.private_cluster_enabled).toBe(true);
    expect(aks.local_account_disabled).toBe(true);
    expect(aks.web_app_routing.default_nginx_controller).toBe('None');
    // created only after the route table is on its subnets
    const associations = Object.keys(tf.resource.azurerm_subnet_route_table_association).map(
      (id) => `azurerm_subnet_route_table_association.${id}`,
    );
    expect(aks.depends_on).toEqual(expect.arrayContaining(associations));
  });

  test('route table: default route to the firewall, the firewall public IP straight to Internet', () => {
    const routes = resources('azurerm_route').map((r) => [
      r.address_prefix,
      r.next_hop_type,
      r.next_hop_in_ip_address,
    ]);
    expect(routes).toEqual(
      expect.arrayContaining([
        [
          '0.0.0.0/0',
          'VirtualAppliance',
          '${azurerm_firewall.Egress_Firewall_7B952AD2.ip_configuration[0].private_ip_address}',
        ],
        ['${azurerm_public_ip.Egress_PublicIp_2879127F.ip_address}/32', 'Internet', undefined],
      ]),
    );
    expect(one('azurerm_route_table').bgp_route_propagation_enabled).toBe(false);
  });

  test('DNAT 80 and 443 from the firewall public IP to the internal load balancer of the Gateway', () => {
    const gateway = byName('Gateway', 'myapp-gateway');
    const annotations = gateway.spec.infrastructure.annotations;
    expect(annotations['service.beta.kubernetes.io/azure-load-balancer-internal']).toBe('true');
    expect(annotations['service.beta.kubernetes.io/azure-load-balancer-internal-subnet']).toBe(
      'snet-aks-ingress',
    );
    const ip = annotations['service.beta.kubernetes.io/azure-load-balancer-ipv4'];
    const dnat = resources('azurerm_firewall_policy_rule_collection_group')
      .flatMap((g) => g.nat_rule_collection ?? [])
      .flatMap((c: any) => c.rule);
    expect(
      dnat.map((r: any) => [r.destination_ports, r.translated_address, r.translated_port, r.protocols]),
    ).toEqual([
      [['80'], ip, 80, ['TCP']],
      [['443'], ip, 443, ['TCP']],
    ]);
    expect(dnat.every((r: any) => r.source_addresses.every((s: string) => s !== '*'))).toBe(true);
  });

  test('Terraform side of Gateway API: one AzAPI patch, app routing NGINX off, Key Vault listener identity', () => {
    const patch = one('azapi_update_resource');
    expect(patch.type).toBe('Microsoft.ContainerService/managedClusters@2026-03-01');
    expect(patch.body).toEqual({
      properties: {
        ingressProfile: {
          gatewayAPI: { installation: 'Standard' },
          webAppRouting: { gatewayAPIImplementations: { appRoutingIstio: { mode: 'Enabled' } } },
        },
      },
    });
    expect(patch.depends_on).toContain('azurerm_kubernetes_cluster.Aks_943C0E94');
    expect(tf.terraform.required_providers.azapi).toEqual({ source: 'Azure/azapi', version: '~> 2.12' });
    const aks = one('azurerm_kubernetes_cluster');
    expect(aks.web_app_routing.default_nginx_controller).toBe('None');
    expect(aks.key_vault_secrets_provider).toBeDefined();
    expect(aks.workload_identity_enabled).toBe(true);
    const federation = one('azurerm_federated_identity_credential');
    expect(federation.subject).toBe('system:serviceaccount:app-gateway:gateway-keyvault');
    expect(
      resources('azurerm_role_assignment').filter((r) => r.role_definition_name === 'Key Vault Secrets User'),
    ).toHaveLength(1);
    expect(tf.output.gateway_tls_client_id).toBeDefined();
  });
  test('no public load balancer anywhere: the only public IP is the firewall’s', () => {
    expect(resources('azurerm_lb')).toEqual([]);
    expect(resources('azurerm_public_ip').map((p) => p.name)).toEqual([
      expect.stringMatching(/fw|firewall|egress/i),
    ]);
    for (const svc of kinds('Service')) expect(svc.spec.type ?? 'ClusterIP').not.toBe('LoadBalancer');
  });

  test("seed 002's application keeps its names and ports; the password comes from a Secret", () => {
    expect(kinds('Deployment').map((d) => d.metadata.name)).toEqual(['database', 'api', 'web']);
    expect(byName('Service', 'api').spec.ports).toEqual([{ port: 80, targetPort: 8080 }]);
    expect(byName('Service', 'web').spec.ports).toEqual([{ port: 80, targetPort: 80 }]);
    const env = kinds('Deployment').flatMap((d) =>
      d.spec.template.spec.containers.flatMap((c: any) => c.env ?? []),
    );
    for (const e of env.filter((v: any) => /PASSWORD/.test(v.name))) {
      expect(e.value).toBeUndefined();
      expect(e.valueFrom.secretKeyRef).toEqual({ name: 'database-credentials', key: 'password' });
    }
    expect(JSON.stringify(objects)).not.toMatch(/secretpassword|postgres:\/\/[^@]*:[^@]*@/);
  });

  test('routes: myapp.local, /api → api and / → web, on an HTTPS listener with its certificate from Key Vault', () => {
    const route = byName('HTTPRoute', 'myapp-myapp-local');
    expect(route.metadata.namespace).toBe('myapp');
    expect(route.spec.parentRefs).toEqual([
      expect.objectContaining({
        name: 'myapp-gateway',
        namespace: 'app-gateway',
        sectionName: 'https-myapp-local',
      }),
    ]);
    expect(route.spec.rules.map((r: any) => [r.matches[0].path.value, r.backendRefs[0].name])).toEqual([
      ['/api', 'api'],
      ['/', 'web'],
    ]);
    const gateway = byName('Gateway', 'myapp-gateway');
    expect(gateway.spec.gatewayClassName).toBe('approuting-istio');
    const https = gateway.spec.listeners.find((l: any) => l.protocol === 'HTTPS');
    expect(https.tls.options).toEqual({
      'kubernetes.azure.com/tls-cert-keyvault-uri':
        'https://kv-secure-baseline.vault.azure.net/certificates/myapp-local',
      'kubernetes.azure.com/tls-cert-service-account': 'gateway-keyvault',
    });
    // plain HTTP only as a redirect to HTTPS
    expect(byName('HTTPRoute', 'myapp-gateway-https-redirect').spec.rules[0].filters[0].type).toBe(
      'RequestRedirect',
    );
    const sa = byName('ServiceAccount', 'gateway-keyvault');
    expect(sa.metadata.labels['azure.workload.identity/use']).toBe('true');
    expect(sa.metadata.annotations['azure.workload.identity/client-id']).toBe('${GATEWAY_TLS_CLIENT_ID}');
  });

  test('policies: default deny both ways, DNS, gateway → web and api, api → database, nothing else', () => {
    const names = (namespace: string) =>
      kinds('NetworkPolicy')
        .filter((p) => p.metadata.namespace === namespace)
        .map((p) => p.metadata.name);
    expect(names('myapp')).toEqual([
      'default-deny',
      'allow-dns',
      'web-traffic',
      'api-traffic',
      'database-traffic',
    ]);
    expect(names('app-gateway')).toEqual(['default-deny', 'allow-dns', 'myapp-gateway-traffic']);
    const report = fs.readFileSync(path.join(dir, 'dist', 'secure-baseline', 'connectivity.md'), 'utf8');
    expect(report).toContain('| **gateway myapp-gateway (app-gateway)** | TCP 80 | TCP 8080 | — |');
    // rows and columns are the workloads in the output, named by their tiers
    expect(report).toContain(
      '| from \\ to | web (Deployment web) | api (Deployment api) | database (Deployment database) | kube-dns |',
    );
    expect(report).toContain('| **api (Deployment api)** | — | · | TCP 5432 | UDP 53, TCP 53 | — |');
    expect(report).toContain('| **web (Deployment web)** | · | — | — | UDP 53, TCP 53 | — |');
    expect(report).toContain('| **database (Deployment database)** | — | — | · | UDP 53, TCP 53 | — |');
    // the proxies the Gateway deploys: listener ports from the firewall subnet, istiod, the backends
    expect(report).toContain(
      '| **myapp-gateway (Gateway myapp-gateway)** | · | UDP 53, TCP 53 | — | — | — | — | TCP 15012 | TCP 8080 | TCP 80 |',
    );
    expect(report).toContain('| **10.240.4.64/26** | TCP 80, TCP 443 |');
  });

  test('the security rule pack passes without suppressions', () => {
    const report = fs.readFileSync(path.join(dir, 'dist', 'secure-baseline', 'security-report.md'), 'utf8');
    expect(report).toContain('## Suppressed findings\n\n_none_');
  });
});

describe('secure-baseline-nginx (the legacy ingress)', () => {
  const nginxDir = tmpRoot('flagship-nginx');
  synthScenario(buildNginx, nginxDir);
  const nginxObjects = writtenManifests(nginxDir).flatMap((m) => m.objects) as any[];
  const find = (kind: string, name: string) =>
    nginxObjects.find((o) => o.kind === kind && o.metadata.name === name);

  test('ingress: myapp.local, /api → api and / → web, on the internal controller class, with TLS', () => {
    const ingress = find('Ingress', 'myapp-ingress');
    expect(ingress.spec.ingressClassName).toBe('nginx-internal');
    expect(ingress.spec.rules[0].http.paths.map((p: any) => [p.path, p.backend.service.name])).toEqual([
      ['/api', 'api'],
      ['/', 'web'],
    ]);
    expect(ingress.spec.tls).toEqual([{ hosts: ['myapp.local'], secretName: 'keyvault-myapp-ingress' }]);
    const nic = find('NginxIngressController', 'nginx-internal');
    expect(nic.spec.loadBalancerAnnotations['service.beta.kubernetes.io/azure-load-balancer-internal']).toBe(
      'true',
    );
  });

  test('the connectivity report admits the controller exactly where the routes go', () => {
    const report = fs.readFileSync(
      path.join(nginxDir, 'dist', 'secure-baseline-nginx', 'connectivity.md'),
      'utf8',
    );
    expect(report).toContain('| **ingress controller (app-routing-system)** | TCP 80 | TCP 8080 | — |');
  });
});
