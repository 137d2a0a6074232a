import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { build } from '../examples/secure-baseline/main';
import { synthScenario, writtenManifests, writtenStacks } from './tools/examples';

// The flagship's promises, asserted on the written output.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksnet-flagship-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
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

  test('DNAT 80 and 443 from the firewall public IP to the internal ingress IP, which the controller uses', () => {
    const nic = byName('NginxIngressController', 'nginx-internal');
    const ip = nic.spec.loadBalancerAnnotations['service.beta.kubernetes.io/azure-load-balancer-ipv4'];
    expect(nic.spec.loadBalancerAnnotations['service.beta.kubernetes.io/azure-load-balancer-internal']).toBe(
      'true',
    );
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

  test('ingress: myapp.local, /api → api and / → web, on the internal controller class, with TLS', () => {
    const ingress = byName('Ingress', 'myapp-ingress');
    expect(ingress.spec.ingressClassName).toBe('nginx-internal');
    expect(ingress.spec.rules[0].http.paths.map((p: any) => [p.path, p.backend.service.name])).toEqual([
      ['/api', 'api'],
      ['/', 'web'],
    ]);
    expect(ingress.spec.tls).toEqual([{ hosts: ['myapp.local'], secretName: 'keyvault-myapp-ingress' }]);
  });

  test('policies: default deny both ways, DNS, controller → web and api, api → database, nothing else', () => {
    expect(kinds('NetworkPolicy').map((p) => p.metadata.name)).toEqual([
      'default-deny',
      'allow-dns',
      'web-traffic',
      'api-traffic',
      'database-traffic',
    ]);
    const report = fs.readFileSync(path.join(dir, 'dist', 'secure-baseline', 'connectivity.md'), 'utf8');
    expect(report).toContain('| **ingress controller (app-routing-system)** | TCP 80 | TCP 8080 | — |');
    expect(report).toContain('| **api** | — | · | TCP 5432 | UDP 53, TCP 53 | — |');
    expect(report).toContain('| **web** | · | — | — | UDP 53, TCP 53 | — |');
    expect(report).toContain('| **database** | — | — | · | UDP 53, TCP 53 | — |');
  });

  test('the security rule pack passes without suppressions', () => {
    const report = fs.readFileSync(path.join(dir, 'dist', 'secure-baseline', 'security-report.md'), 'utf8');
    expect(report).toContain('## Suppressed findings\n\n_none_');
  });
});
