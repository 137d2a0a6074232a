// Every Service type and ingress case of seeds 000 and 002 on one cluster (Azure CNI Overlay,
// public egress through its load balancer): ClusterIP, headless, NodePort, internal and public
// LoadBalancers (static IPs, subnet, existing public IP, client source IP kept), session affinity,
// ExternalName, and Ingresses with host and path routing, TLS, rewrites and typed annotations.
import * as cdk8s from 'cdk8s';
import { App } from 'cdktf';
import {
  AksCluster,
  AppIngress,
  ClusterIngress,
  AppService,
  IngressController,
  IngressTarget,
  IngressTls,
  NetworkModel,
  PolicyPeer,
  Port,
  ProxyHttpVersion,
  SecurityRules,
  ServiceExposure,
  TieredNetworkPolicies,
} from '../../lib';
import { exampleStack, manifestsFor, runExamples } from '../run';
import { shopWorkloads } from './workloads';

export const STACK = 'service-types';
const CERTIFICATE = 'https://kv-service-types.vault.azure.net/certificates/shop';

export function build(app: App): cdk8s.App[] {
  const stack = exampleStack(app, STACK);
  const cluster = new AksCluster(stack, 'Aks', {
    location: 'westeurope',
    addressSpace: '10.250.0.0/16',
    ingressSubnetPrefixLength: 27,
    networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.244.0.0/16' }),
    internalLoadBalancerIps: 2,
    // the Ingresses below use the add-on's NGINX class, and one takes its certificate from Key Vault
    ingress: ClusterIngress.nginx(),
    keyVaultSecretsProviderEnabled: true,
  });
  const ingressSubnet = cluster.network.ingressSubnet!;

  const manifests = manifestsFor(STACK);
  cluster.bindManifests(manifests);
  const chart = new cdk8s.Chart(manifests, 'shop', { namespace: 'shop' });
  const policies = new TieredNetworkPolicies(chart, 'Policies', {
    namespace: 'shop',
    policyEngine: cluster.policyEngine,
  });
  // The pods of web, api, cache and lb are Deployments in this chart (./workloads.ts); the database
  // is deployed by its operator's Helm chart, outside this app: an external tier, so synthesis warns
  // that its pods and the Service in front of them are not checked, instead of failing.
  shopWorkloads(chart);
  const tier = (name: string) => policies.addTier(name, { podLabels: { app: name } });
  const web = tier('web');
  const api = tier('api');
  const cache = tier('cache');
  const db = policies.addTier('db', { podLabels: { app: 'db' }, external: true });
  const lb = tier('lb');

  // ClusterIP (the default) with ClientIP session affinity for an hour (seed 002's sticky-service).
  const webSvc = new AppService(chart, 'Web', {
    name: 'web',
    selector: { app: 'web' },
    ports: [{ port: 80, targetPort: 8080 }],
    clientIpAffinityTimeoutSeconds: 3600,
  });
  const apiSvc = new AppService(chart, 'Api', {
    name: 'api',
    selector: { app: 'api' },
    ports: [{ port: 80, targetPort: 8080 }],
  });
  // Headless: DNS returns the pod IPs (client-side balancing, stateful sets).
  new AppService(chart, 'Cache', {
    name: 'cache',
    selector: { app: 'cache' },
    ports: [{ port: 6379 }],
    exposure: ServiceExposure.headless(),
  });
  // Internal load balancer at a static IP of the ingress subnet, client source IPs kept.
  new AppService(chart, 'Db', {
    name: 'db',
    selector: { app: 'db' },
    ports: [{ port: 5432 }],
    exposure: ServiceExposure.internalLoadBalancer({
      ip: '10.250.4.10',
      subnetName: ingressSubnet.name,
      keepClientIp: true,
      sourceRanges: ['10.250.0.0/16'],
      restrictToSourceRanges: true,
    }),
  });
  // Public load balancer on an existing public IP, source IPs kept and clients restricted.
  const publicLb = new AppService(chart, 'PublicLb', {
    name: 'lb',
    selector: { app: 'lb' },
    ports: [{ port: 443, targetPort: 8443 }],
    exposure: ServiceExposure.publicLoadBalancer({
      publicIpName: 'pip-service-types',
      publicIpResourceGroup: 'rg-service-types-ips',
      keepClientIp: true,
      sourceRanges: ['203.0.113.0/24'],
    }),
  });
  SecurityRules.suppress(
    publicLb,
    'AKSNET-K8S-012',
    'demonstrates a public LB; this cluster has no egress firewall',
  );
  // NodePort (seed 000): a port on every node.
  const nodePort = new AppService(chart, 'NodePort', {
    name: 'debug',
    selector: { app: 'web' },
    ports: [{ port: 80, targetPort: 8080 }],
    exposure: ServiceExposure.nodePort(30080),
  });
  SecurityRules.suppress(nodePort, 'AKSNET-K8S-011', 'demonstrates the NodePort type of seed 000');
  // ExternalName: an alias for a managed database outside the cluster.
  new AppService(chart, 'ManagedDb', {
    name: 'orders-db',
    exposure: ServiceExposure.externalName('orders.postgres.database.azure.com'),
  });

  // Host-based routing (seed 002) with a Key Vault certificate on the app routing class.
  const hosts = new AppIngress(chart, 'Hosts', {
    name: 'host-based',
    tls: [IngressTls.fromKeyVault(CERTIFICATE, ['api.shop.example.com', 'web.shop.example.com'])],
  });
  hosts.route('api.shop.example.com', '/', IngressTarget.appService(apiSvc));
  hosts.route('web.shop.example.com', '/', IngressTarget.appService(webSvc));

  // Path-based routing with a capture rewrite and seed 002's typed annotations.
  const paths = new AppIngress(chart, 'Paths', {
    name: 'path-based',
    controller: IngressController.appRouting(),
    tls: [IngressTls.fromSecret('shop-tls', ['shop.example.com'])],
    nginx: {
      rewriteTarget: '/$2',
      proxyBodySize: '10m',
      proxyConnectTimeoutSeconds: 60,
      proxyReadTimeoutSeconds: 60,
      cors: { allowOrigins: ['https://shop.example.com'] },
      limitRps: 10,
      proxyHttpVersion: ProxyHttpVersion.HTTP_1_1,
      upstreamHashBy: '$request_uri',
      sslRedirect: true,
    },
  });
  paths.route('shop.example.com', '/api(/|$)(.*)', IngressTarget.appService(apiSvc));
  paths.route('shop.example.com', '/web(/|$)(.*)', IngressTarget.appService(webSvc));

  policies.allowIngress(hosts);
  policies.allowIngress(paths);
  web.allowTo(api, Port.tcp(8080));
  api.allowTo(cache, Port.tcp(6379));
  api.allowTo(db, Port.tcp(5432));
  // client source IPs are kept (externalTrafficPolicy Local), so the policy can admit the clients
  lb.allowFrom(PolicyPeer.cidr('203.0.113.0/24'), Port.tcp(8443));
  return [manifests];
}

if (require.main === module) {
  runExamples([build]);
}
