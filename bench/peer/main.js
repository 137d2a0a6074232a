// The secure-baseline scenario written the way a typical cdktf + cdk8s program is written, with the
// same output as examples/secure-baseline: a private AKS cluster (Azure CNI overlay with Cilium) behind
// Azure Firewall, Gateway API ingress from the app routing add-on switched on by an AzAPI patch, a
// Key Vault listener identity federated with the Gateway's ServiceAccount; on the Kubernetes side
// the Gateway and its HTTPRoutes, default-deny NetworkPolicies and CiliumNetworkPolicies, and the
// hardened seed workloads. Provider classes come from the package root, ids, names and CIDRs are
// wired by hand, AzAPI (no prebuilt package) is written with cdktf's TerraformProvider and
// TerraformResource, manifests are cdk8s-plus objects and ApiObjects. It exists only as a point of
// comparison for the benchmark.
'use strict';

const path = require('path');
const cdktf = require('cdktf');
const cdk8s = require('cdk8s');
const kplus = require('cdk8s-plus-28');
// The package root loads every resource class of the provider: the usual, slow way. With
// --deep-imports the same namespaces come from their own modules, so the run costs what this output
// costs the frameworks (the `peer-deep` figure).
const azurerm = process.argv.includes('--deep-imports') ? deepImports() : require('@cdktf/provider-azurerm');

function deepImports() {
  const modules = {
    federatedIdentityCredential: 'federated-identity-credential',
    firewall: 'firewall',
    firewallPolicy: 'firewall-policy',
    firewallPolicyRuleCollectionGroup: 'firewall-policy-rule-collection-group',
    kubernetesCluster: 'kubernetes-cluster',
    provider: 'provider',
    publicIp: 'public-ip',
    resourceGroup: 'resource-group',
    roleAssignment: 'role-assignment',
    route: 'route',
    routeTable: 'route-table',
    subnet: 'subnet',
    subnetRouteTableAssociation: 'subnet-route-table-association',
    userAssignedIdentity: 'user-assigned-identity',
    virtualNetwork: 'virtual-network',
  };
  return Object.fromEntries(
    Object.entries(modules).map(([ns, file]) => [ns, require(`@cdktf/provider-azurerm/lib/${file}`)]),
  );
}

const STACK = 'secure-baseline';
const LOCATION = 'westeurope';
const VNET_CIDR = '10.240.0.0/16';
const NODE_SUBNET = '10.240.0.0/22';
const INGRESS_SUBNET = '10.240.4.0/28';
const FIREWALL_SUBNET = '10.240.4.64/26';
const INGRESS_LB_IP = '10.240.4.14';
const POD_CIDR = '10.244.0.0/16';
const SERVICE_CIDR = '10.0.0.0/16';
const DNS_SERVICE_IP = '10.0.0.10';
const CLIENTS = ['203.0.113.0/24'];
const KEY_VAULT_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-secure-baseline-kv/providers/Microsoft.KeyVault/vaults/kv-secure-baseline';
const CERTIFICATE = 'https://kv-secure-baseline.vault.azure.net/certificates/myapp-local';
const GATEWAY_NAMESPACE = 'app-gateway';
const GATEWAY = 'myapp-gateway';
const GATEWAY_SA = 'gateway-keyvault';
const HOST = 'myapp.local';

// AzAPI by hand: the provider block and `azapi_update_resource`, as a generated binding would write them.
const AZAPI = { providerName: 'azapi', providerVersionConstraint: '~> 2.12' };

class AzapiProvider extends cdktf.TerraformProvider {
  constructor(scope, id) {
    super(scope, id, {
      terraformResourceType: 'azapi',
      terraformGeneratorMetadata: AZAPI,
      terraformProviderSource: 'Azure/azapi',
    });
  }

  synthesizeAttributes() {
    return { environment: 'public' };
  }
}

class AzapiUpdateResource extends cdktf.TerraformResource {
  constructor(scope, id, config) {
    super(scope, id, {
      terraformResourceType: 'azapi_update_resource',
      terraformGeneratorMetadata: AZAPI,
      provider: config.provider,
      dependsOn: config.dependsOn,
    });
    this.config = config;
  }

  synthesizeAttributes() {
    return {
      type: this.config.type,
      resource_id: this.config.resourceId,
      body: this.config.body,
      locks: this.config.locks,
    };
  }
}

class NetworkStack extends cdktf.TerraformStack {
  constructor(scope, id) {
    super(scope, id);
    new azurerm.provider.AzurermProvider(this, 'azurerm', { features: [{}] });
    new cdktf.LocalBackend(this, { path: `../../../terraform.${STACK}.tfstate` });
    const azapi = new AzapiProvider(this, 'azapi');

    const rg = new azurerm.resourceGroup.ResourceGroup(this, 'rg', {
      name: 'rg-network',
      location: LOCATION,
    });
    const vnet = new azurerm.virtualNetwork.VirtualNetwork(this, 'vnet', {
      name: 'vnet-network',
      location: LOCATION,
      resourceGroupName: rg.name,
      addressSpace: [VNET_CIDR],
    });
    const subnet = (id, name, prefix) =>
      new azurerm.subnet.Subnet(this, id, {
        name,
        resourceGroupName: rg.name,
        virtualNetworkName: vnet.name,
        addressPrefixes: [prefix],
        defaultOutboundAccessEnabled: false,
      });
    const nodes = subnet('snet-nodes', 'snet-aks-nodes', NODE_SUBNET);
    const ingress = subnet('snet-ingress', 'snet-aks-ingress', INGRESS_SUBNET);
    const fwSubnet = subnet('snet-firewall', 'AzureFirewallSubnet', FIREWALL_SUBNET);

    // Firewall with its policy and one rule collection group: DNAT to the Gateway's IP, AKS egress.
    const pip = new azurerm.publicIp.PublicIp(this, 'fw-pip', {
      name: 'pip-egress-1',
      location: LOCATION,
      resourceGroupName: rg.name,
      allocationMethod: 'Static',
      sku: 'Standard',
      zones: ['1', '2', '3'],
    });
    const policy = new azurerm.firewallPolicy.FirewallPolicy(this, 'fw-policy', {
      name: 'afwp-egress',
      location: LOCATION,
      resourceGroupName: rg.name,
      sku: 'Standard',
      dns: { proxyEnabled: true },
      threatIntelligenceMode: 'Deny',
    });
    const https = [{ type: 'Https', port: 443 }];
    const fromNodes = (name, fqdns) => ({
      name,
      sourceAddresses: [NODE_SUBNET],
      destinationFqdns: fqdns,
      protocols: https,
    });
    const rules = new azurerm.firewallPolicyRuleCollectionGroup.FirewallPolicyRuleCollectionGroup(
      this,
      'fw-rules',
      {
        name: 'rcg-egress',
        firewallPolicyId: policy.id,
        priority: 1000,
        natRuleCollection: [
          {
            name: 'dnat',
            action: 'Dnat',
            priority: 100,
            rule: [80, 443].map((port) => ({
              name: `dnat-${port}`,
              protocols: ['TCP'],
              sourceAddresses: CLIENTS,
              destinationAddress: pip.ipAddress,
              destinationPorts: [String(port)],
              translatedAddress: INGRESS_LB_IP,
              translatedPort: port,
            })),
          },
        ],
        applicationRuleCollection: [
          {
            name: 'aks-platform-application',
            action: 'Allow',
            priority: 2000,
            rule: [
              fromNodes('core-fqdns', [
                'mcr.microsoft.com',
                '*.data.mcr.microsoft.com',
                'mcr-0001.mcr-msedge.net',
                'management.azure.com',
                'login.microsoftonline.com',
                'packages.microsoft.com',
                'acs-mirror.azureedge.net',
                'packages.aks.azure.com',
              ]),
            ],
          },
          {
            name: 'aks-features-application',
            action: 'Allow',
            priority: 2100,
            rule: [
              fromNodes('policy-https', [
                'data.policy.core.windows.net',
                'store.policy.core.windows.net',
                'dc.services.visualstudio.com',
              ]),
              fromNodes('key-vault-https', ['*.vault.azure.net']),
              fromNodes('workload-identity-https', ['login.microsoftonline.com']),
            ],
          },
        ],
      },
    );
    const firewall = new azurerm.firewall.Firewall(this, 'fw', {
      name: 'afw-egress',
      location: LOCATION,
      resourceGroupName: rg.name,
      skuName: 'AZFW_VNet',
      skuTier: 'Standard',
      firewallPolicyId: policy.id,
      zones: ['1', '2', '3'],
      ipConfiguration: [{ name: 'ipconfig-1', subnetId: fwSubnet.id, publicIpAddressId: pip.id }],
    });
    // Created after its rules, so that no rule update runs against a live firewall.
    firewall.dependsOn = [rules.fqn];

    // Route table sending everything through the firewall.
    const routeTable = new azurerm.routeTable.RouteTable(this, 'rt', {
      name: 'rt-egress',
      location: LOCATION,
      resourceGroupName: rg.name,
      bgpRoutePropagationEnabled: false,
    });
    const routes = [
      new azurerm.route.Route(this, 'rt-default', {
        name: 'default-via-firewall',
        resourceGroupName: rg.name,
        routeTableName: routeTable.name,
        addressPrefix: '0.0.0.0/0',
        nextHopType: 'VirtualAppliance',
        nextHopInIpAddress: firewall.ipConfiguration.get(0).privateIpAddress,
      }),
      new azurerm.route.Route(this, 'rt-fw-pip', {
        name: 'firewall-pip-1-internet',
        resourceGroupName: rg.name,
        routeTableName: routeTable.name,
        addressPrefix: `${pip.ipAddress}/32`,
        nextHopType: 'Internet',
      }),
    ];
    const associations = [
      ['rt-assoc-nodes', nodes],
      ['rt-assoc-ingress', ingress],
    ].map(
      ([id, s]) =>
        new azurerm.subnetRouteTableAssociation.SubnetRouteTableAssociation(this, id, {
          subnetId: s.id,
          routeTableId: routeTable.id,
        }),
    );

    // Identities and their role assignments.
    const identity = (id, name) =>
      new azurerm.userAssignedIdentity.UserAssignedIdentity(this, id, {
        name,
        location: LOCATION,
        resourceGroupName: rg.name,
      });
    const controlPlane = identity('id-cp', 'id-aks-aks');
    const kubelet = identity('id-kubelet', 'id-aks-aks-kubelet');
    const gatewayTls = identity('id-gateway-kv', 'id-aks-aks-gateway-kv');
    const grant = (id, scope, role, principalId) =>
      new azurerm.roleAssignment.RoleAssignment(this, id, {
        scope,
        roleDefinitionName: role,
        principalId,
        principalType: 'ServicePrincipal',
      });
    const grants = [
      grant('ra-nodes', nodes.id, 'Network Contributor', controlPlane.principalId),
      grant('ra-ingress', ingress.id, 'Network Contributor', controlPlane.principalId),
      grant('ra-rt', routeTable.id, 'Network Contributor', controlPlane.principalId),
      grant('ra-kubelet', kubelet.id, 'Managed Identity Operator', controlPlane.principalId),
    ];
    grant('ra-gateway-kv', KEY_VAULT_ID, 'Key Vault Secrets User', gatewayTls.principalId);

    const aks = new azurerm.kubernetesCluster.KubernetesCluster(this, 'aks', {
      name: 'aks-aks',
      location: LOCATION,
      resourceGroupName: rg.name,
      dnsPrefix: 'aks-aks',
      skuTier: 'Standard',
      privateClusterEnabled: true,
      privateDnsZoneId: 'System',
      privateClusterPublicFqdnEnabled: false,
      localAccountDisabled: true,
      roleBasedAccessControlEnabled: true,
      azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true },
      azurePolicyEnabled: true,
      httpApplicationRoutingEnabled: false,
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      keyVaultSecretsProvider: { secretRotationEnabled: true, secretRotationInterval: '2m' },
      automaticUpgradeChannel: 'patch',
      nodeOsUpgradeChannel: 'NodeImage',
      identity: { type: 'UserAssigned', identityIds: [controlPlane.id] },
      kubeletIdentity: {
        clientId: kubelet.clientId,
        objectId: kubelet.principalId,
        userAssignedIdentityId: kubelet.id,
      },
      defaultNodePool: {
        name: 'system',
        vmSize: 'Standard_D4ds_v5',
        osSku: 'AzureLinux',
        vnetSubnetId: nodes.id,
        autoScalingEnabled: true,
        minCount: 3,
        maxCount: 6,
        maxPods: 250,
        zones: ['1', '2', '3'],
        onlyCriticalAddonsEnabled: true,
        temporaryNameForRotation: 'systemtmp',
        upgradeSettings: { maxSurge: '10%' },
      },
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkDataPlane: 'cilium',
        networkPolicy: 'cilium',
        podCidr: POD_CIDR,
        serviceCidr: SERVICE_CIDR,
        dnsServiceIp: DNS_SERVICE_IP,
        ipVersions: ['IPv4'],
        outboundType: 'userDefinedRouting',
        loadBalancerSku: 'standard',
      },
      webAppRouting: { dnsZoneIds: [], defaultNginxController: 'None' },
      dependsOn: [...grants, ...associations, ...routes],
    });

    // The Gateway's Key Vault listeners read the certificate as this identity.
    new azurerm.federatedIdentityCredential.FederatedIdentityCredential(this, 'gateway-kv-federation', {
      name: `${GATEWAY_NAMESPACE}-${GATEWAY_SA}`,
      resourceGroupName: rg.name,
      parentId: gatewayTls.id,
      audience: ['api://AzureADTokenExchange'],
      issuer: aks.oidcIssuerUrl,
      subject: `system:serviceaccount:${GATEWAY_NAMESPACE}:${GATEWAY_SA}`,
    });

    // Gateway API on the app routing add-on: azurerm 4.55 has no attribute for it.
    new AzapiUpdateResource(this, 'aks-patch', {
      provider: azapi,
      type: 'Microsoft.ContainerService/managedClusters@2026-03-01',
      resourceId: aks.id,
      body: {
        properties: {
          ingressProfile: {
            gatewayAPI: { installation: 'Standard' },
            webAppRouting: { gatewayAPIImplementations: { appRoutingIstio: { mode: 'Enabled' } } },
          },
        },
      },
      locks: [aks.id],
      dependsOn: [aks],
    });

    new cdktf.TerraformOutput(this, 'ingress_private_ip', { value: INGRESS_LB_IP });
    new cdktf.TerraformOutput(this, 'gateway_tls_client_id', { value: gatewayTls.clientId });
  }
}

// Manifests: ApiObjects written as the objects read (Gateway API, Cilium, policies, namespaces, the
// ServiceAccount), cdk8s-plus for the workloads.
const obj = (scope, id, apiVersion, kind, body) =>
  new cdk8s.ApiObject(scope, id, { apiVersion, kind, ...body });

const dnsPorts = [
  { protocol: 'UDP', port: 53 },
  { protocol: 'TCP', port: 53 },
];
const ciliumDnsPorts = [
  {
    ports: [
      { port: '53', protocol: 'UDP' },
      { port: '53', protocol: 'TCP' },
    ],
  },
];
const inNamespace = (ns) => ({ matchLabels: { 'kubernetes.io/metadata.name': ns } });

// A namespace with default deny both ways and DNS (CoreDNS, and LocalDNS on the node for Cilium).
function lockedNamespace(scope, namespace) {
  const meta = (name) => ({ name, namespace });
  const ns = obj(scope, 'ns', 'v1', 'Namespace', {
    metadata: { name: namespace, labels: { 'kubernetes.io/metadata.name': namespace } },
  });
  if (cdk8s.Chart.of(ns).namespace) ns.addJsonPatch(cdk8s.JsonPatch.remove('/metadata/namespace'));
  obj(scope, 'default-deny', 'networking.k8s.io/v1', 'NetworkPolicy', {
    metadata: meta('default-deny'),
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
  obj(scope, 'allow-dns', 'networking.k8s.io/v1', 'NetworkPolicy', {
    metadata: meta('allow-dns'),
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: inNamespace('kube-system'),
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: dnsPorts,
        },
      ],
    },
  });
  obj(scope, 'allow-node-local-dns', 'cilium.io/v2', 'CiliumNetworkPolicy', {
    metadata: meta('allow-node-local-dns'),
    spec: {
      description:
        'DNS through LocalDNS on the node (169.254.10.0/24): by CIDR on Cilium 1.16 and earlier, as the host entity on 1.17 and later',
      endpointSelector: {},
      egress: [
        { toCIDR: ['169.254.10.0/24'], toPorts: ciliumDnsPorts },
        { toEntities: ['host'], toPorts: ciliumDnsPorts },
      ],
    },
  });
}

class PlatformChart extends cdk8s.Chart {
  constructor(scope, id) {
    super(scope, id);
    const ns = GATEWAY_NAMESPACE;
    lockedNamespace(this, ns);
    const gatewayPods = { matchLabels: { 'gateway.networking.k8s.io/gateway-name': GATEWAY } };
    const listenerPorts = [
      { port: 80, protocol: 'TCP' },
      { port: 443, protocol: 'TCP' },
    ];
    const toApp = (app, port) => ({
      to: [{ namespaceSelector: inNamespace('myapp'), podSelector: { matchLabels: { app } } }],
      ports: [{ port, protocol: 'TCP' }],
    });
    // The Gateway's proxies: from the firewall (DNAT) and Azure's health probes; to istiod and the backends.
    obj(this, 'gateway-traffic', 'networking.k8s.io/v1', 'NetworkPolicy', {
      metadata: { name: `${GATEWAY}-traffic`, namespace: ns },
      spec: {
        podSelector: gatewayPods,
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          { from: [{ ipBlock: { cidr: FIREWALL_SUBNET } }], ports: listenerPorts },
          { from: [{ ipBlock: { cidr: '168.63.129.16/32' } }], ports: listenerPorts },
        ],
        egress: [
          {
            to: [{ namespaceSelector: inNamespace('aks-istio-system') }],
            ports: [{ port: 15012, protocol: 'TCP' }],
          },
          toApp('api', 8080),
          toApp('web', 80),
        ],
      },
    });
    // externalTrafficPolicy Cluster: nodes forward connections to the proxies.
    obj(this, 'gateway-node-forwarded', 'cilium.io/v2', 'CiliumNetworkPolicy', {
      metadata: { name: `${GATEWAY}-node-forwarded`, namespace: ns },
      spec: {
        description: `Connections to gateway ${GATEWAY} forwarded by nodes (externalTrafficPolicy Cluster)`,
        endpointSelector: gatewayPods,
        ingress: [
          {
            fromEntities: ['remote-node', 'host'],
            toPorts: [
              {
                ports: [
                  { port: '80', protocol: 'TCP' },
                  { port: '443', protocol: 'TCP' },
                ],
              },
            ],
          },
        ],
      },
    });
    // Workload identity of the Key Vault listener; GitOps substitutes the client id (a Terraform output).
    obj(this, 'gateway-sa', 'v1', 'ServiceAccount', {
      metadata: {
        name: GATEWAY_SA,
        namespace: ns,
        labels: { 'azure.workload.identity/use': 'true' },
        annotations: { 'azure.workload.identity/client-id': '${GATEWAY_TLS_CLIENT_ID}' },
      },
    });
    const httpRoutes = [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }];
    obj(this, 'gateway', 'gateway.networking.k8s.io/v1', 'Gateway', {
      metadata: { name: GATEWAY, namespace: ns },
      spec: {
        gatewayClassName: 'approuting-istio',
        infrastructure: {
          annotations: {
            'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
            'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'snet-aks-ingress',
            'service.beta.kubernetes.io/azure-load-balancer-ipv4': INGRESS_LB_IP,
          },
        },
        listeners: [
          {
            name: 'https-myapp-local',
            hostname: HOST,
            port: 443,
            protocol: 'HTTPS',
            tls: {
              mode: 'Terminate',
              options: {
                'kubernetes.azure.com/tls-cert-keyvault-uri': CERTIFICATE,
                'kubernetes.azure.com/tls-cert-service-account': GATEWAY_SA,
              },
            },
            allowedRoutes: {
              kinds: httpRoutes,
              namespaces: {
                from: 'Selector',
                selector: {
                  matchExpressions: [
                    { key: 'kubernetes.io/metadata.name', operator: 'In', values: ['myapp'] },
                  ],
                },
              },
            },
          },
          {
            name: 'http',
            port: 80,
            protocol: 'HTTP',
            allowedRoutes: { kinds: httpRoutes, namespaces: { from: 'Same' } },
          },
        ],
      },
    });
    obj(this, 'https-redirect', 'gateway.networking.k8s.io/v1', 'HTTPRoute', {
      metadata: { name: `${GATEWAY}-https-redirect`, namespace: ns },
      spec: {
        parentRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            name: GATEWAY,
            namespace: ns,
            sectionName: 'http',
          },
        ],
        rules: [
          { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] },
        ],
      },
    });
  }
}

// Non-root, read-only root filesystem, nothing more than the container needs.
const hardened = (user) => ({
  ensureNonRoot: true,
  user,
  group: user,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  privileged: false,
  capabilities: { drop: [kplus.Capability.ALL] },
  seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
});
const resources = (cpuMillis, memoryMebibytes) => ({
  cpu: { request: kplus.Cpu.millis(cpuMillis), limit: kplus.Cpu.millis(cpuMillis * 2) },
  memory: {
    request: cdk8s.Size.mebibytes(memoryMebibytes),
    limit: cdk8s.Size.mebibytes(memoryMebibytes * 2),
  },
});

class AppChart extends cdk8s.Chart {
  constructor(scope, id) {
    super(scope, id, { namespace: 'myapp' });
    lockedNamespace(this, 'myapp');

    // One policy per tier: what may reach it, what it may reach.
    const fromGateway = {
      namespaceSelector: inNamespace(GATEWAY_NAMESPACE),
      podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': GATEWAY } },
    };
    const tierPolicy = (app, ingress, egress) =>
      obj(this, `${app}-traffic`, 'networking.k8s.io/v1', 'NetworkPolicy', {
        metadata: { name: `${app}-traffic` },
        spec: { podSelector: { matchLabels: { app } }, policyTypes: ['Ingress', 'Egress'], ingress, egress },
      });
    const tcp = (port) => [{ port, protocol: 'TCP' }];
    tierPolicy('web', [{ from: [fromGateway], ports: tcp(80) }], []);
    tierPolicy(
      'api',
      [{ from: [fromGateway], ports: tcp(8080) }],
      [{ to: [{ podSelector: { matchLabels: { app: 'database' } } }], ports: tcp(5432) }],
    );
    tierPolicy(
      'database',
      [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: tcp(5432) }],
      [],
    );

    // The seed's workloads, hardened; the password from a Secret created out of band.
    const password = kplus.EnvValue.fromSecretValue({
      secret: kplus.Secret.fromSecretName(this, 'database-secret', 'database-credentials'),
      key: 'password',
    });
    const deployment = (name, replicas, sysctls = []) => {
      const d = new kplus.Deployment(this, name, {
        metadata: { name },
        replicas,
        automountServiceAccountToken: false,
        podMetadata: { labels: { app: name } },
        select: false,
        securityContext: { ensureNonRoot: true, sysctls },
      });
      d.select(kplus.LabelSelector.of({ labels: { app: name } }));
      return d;
    };
    const scratch = (container, name, dir) =>
      container.mount(dir, kplus.Volume.fromEmptyDir(this, name, name));

    const postgres = deployment('database', 1).addContainer({
      name: 'postgres',
      image: 'postgres:15-alpine',
      portNumber: 5432,
      envVariables: {
        POSTGRES_PASSWORD: password,
        PGDATA: kplus.EnvValue.fromValue('/var/lib/postgresql/data/pgdata'),
      },
      securityContext: hardened(70),
      resources: resources(250, 256),
    });
    scratch(postgres, 'databasedata', '/var/lib/postgresql/data');
    scratch(postgres, 'databaserun', '/var/run/postgresql');
    scratch(postgres, 'databasetmp', '/tmp');

    const api = deployment('api', 2).addContainer({
      name: 'api',
      image: 'my-api:1.0.0',
      portNumber: 8080,
      envVariables: {
        DATABASE_HOST: kplus.EnvValue.fromValue('database'),
        DATABASE_PORT: kplus.EnvValue.fromValue('5432'),
        DATABASE_NAME: kplus.EnvValue.fromValue('mydb'),
        DATABASE_USER: kplus.EnvValue.fromValue('postgres'),
        DATABASE_PASSWORD: password,
      },
      securityContext: hardened(10001),
      resources: resources(250, 256),
    });
    scratch(api, 'apitmp', '/tmp');

    const nginx = deployment('web', 2, [
      { name: 'net.ipv4.ip_unprivileged_port_start', value: '0' },
    ]).addContainer({
      name: 'web',
      image: 'nginx:1.27-alpine',
      portNumber: 80,
      securityContext: hardened(101),
      resources: resources(100, 64),
    });
    scratch(nginx, 'webcache', '/var/cache/nginx');
    scratch(nginx, 'webrun', '/var/run');

    const service = (name, port, targetPort) => {
      const svc = new kplus.Service(this, `${name}-service`, {
        metadata: { name },
        ports: [{ port, targetPort }],
      });
      svc.selectLabel('app', name);
      return svc;
    };
    service('database', 5432, 5432);
    service('api', 80, 8080);
    service('web', 80, 80);

    obj(this, 'route', 'gateway.networking.k8s.io/v1', 'HTTPRoute', {
      metadata: { name: 'myapp-myapp-local' },
      spec: {
        hostnames: [HOST],
        parentRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            name: GATEWAY,
            namespace: GATEWAY_NAMESPACE,
            sectionName: 'https-myapp-local',
          },
        ],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
            backendRefs: [{ name: 'api', port: 80 }],
          },
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' } }],
            backendRefs: [{ name: 'web', port: 80 }],
          },
        ],
      },
    });
  }
}

const app = new cdktf.App({ stackTraces: false });
new NetworkStack(app, STACK);
app.synth();

const manifests = new cdk8s.App({
  outdir: path.join(process.env.AKS_NETWORK_MANIFEST_DIR || 'dist', STACK),
  yamlOutputType: cdk8s.YamlOutputType.FILE_PER_CHART,
});
new PlatformChart(manifests, 'platform');
new AppChart(manifests, 'myapp');
manifests.synth();
