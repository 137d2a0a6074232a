// The ARM schema facts of `Microsoft.ContainerService/managedClusters` at API 2026-03-01 for the
// properties this library may patch through AzAPI, and the properties azurerm 4.55 manages (which a
// patch must never touch: azurerm and AzAPI would overwrite each other on every apply).
// Source: Azure/azure-rest-api-specs specification/containerservice/resource-manager/
// Microsoft.ContainerService/aks/stable/2026-03-01/managedClusters.json, and
// hashicorp/terraform-provider-azurerm v4.55.0 kubernetes_cluster_resource.go
// (summarised in ../shared/spec/arm-managed-clusters.md §1-§9). Enums are extensible strings in the
// spec; only the values listed there are defined, casing exact.

/** A node of the schema subset. */
export type ArmSchema =
  | { readonly object: { readonly [key: string]: ArmSchema }; readonly required?: readonly string[] }
  | { readonly enum: readonly string[] }
  | { readonly boolean: true }
  | { readonly int32: true }
  | { readonly pattern: RegExp }
  | { readonly items: ArmSchema }
  | { readonly mapOf: ArmSchema };

const LOCAL_DNS_OVERRIDE: ArmSchema = {
  object: {
    queryLogging: { enum: ['Error', 'Log'] },
    protocol: { enum: ['PreferUDP', 'ForceTCP'] },
    forwardDestination: { enum: ['ClusterCoreDNS', 'VnetDNS'] },
    forwardPolicy: { enum: ['Sequential', 'RoundRobin', 'Random'] },
    maxConcurrent: { int32: true },
    cacheDurationInSeconds: { int32: true },
    serveStaleDurationInSeconds: { int32: true },
    serveStale: { enum: ['Verify', 'Immediate', 'Disable'] },
  },
};

/** The patchable subset of a managed-cluster body (2026-03-01, stable). */
export const MANAGED_CLUSTER_PATCH_SCHEMA: ArmSchema = {
  object: {
    properties: {
      object: {
        ingressProfile: {
          object: {
            gatewayAPI: { object: { installation: { enum: ['Disabled', 'Standard'] } } },
            webAppRouting: {
              object: {
                gatewayAPIImplementations: {
                  object: { appRoutingIstio: { object: { mode: { enum: ['Enabled', 'Disabled'] } } } },
                },
              },
            },
          },
        },
        networkProfile: {
          object: {
            advancedNetworking: {
              object: {
                security: {
                  object: {
                    advancedNetworkPolicies: { enum: ['L7', 'FQDN', 'None'] },
                    transitEncryption: { object: { type: { enum: ['WireGuard', 'None'] } } },
                  },
                },
                performance: { object: { accelerationMode: { enum: ['BpfVeth', 'None'] } } },
              },
            },
            staticEgressGatewayProfile: { object: { enabled: { boolean: true } } },
          },
        },
        agentPoolProfiles: {
          items: {
            object: {
              name: { pattern: /^[a-z][a-z0-9]{0,11}$/ },
              localDNSProfile: {
                object: {
                  mode: { enum: ['Preferred', 'Required', 'Disabled'] },
                  vnetDNSOverrides: { mapOf: LOCAL_DNS_OVERRIDE },
                  kubeDNSOverrides: { mapOf: LOCAL_DNS_OVERRIDE },
                },
              },
            },
            required: ['name'],
          },
        },
        nodeProvisioningProfile: {
          object: { mode: { enum: ['Manual', 'Auto'] }, defaultNodePools: { enum: ['None', 'Auto'] } },
        },
        serviceMeshProfile: {
          object: {
            istio: {
              object: {
                components: {
                  object: {
                    proxyRedirectionMechanism: { enum: ['InitContainers', 'CNIChaining'] },
                    egressGateways: {
                      items: {
                        object: {
                          enabled: { boolean: true },
                          name: {
                            pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
                          },
                          namespace: { pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/ },
                          gatewayConfigurationName: { pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/ },
                        },
                        required: ['enabled', 'name'],
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

/**
 * Body paths azurerm 4.55 manages (`[]` stands for any list item): a patch that sets one fights
 * azurerm on every apply. Read-only paths (identities, state) are never sent either.
 */
export const AZURERM_MANAGED_PATHS: ReadonlyArray<{ readonly path: string; readonly argument: string }> = [
  { path: 'properties.apiServerAccessProfile', argument: 'api_server_access_profile and private_cluster_*' },
  { path: 'properties.networkProfile.outboundType', argument: 'network_profile.outbound_type' },
  { path: 'properties.networkProfile.networkPlugin', argument: 'network_profile.network_plugin' },
  { path: 'properties.networkProfile.networkPolicy', argument: 'network_profile.network_policy' },
  { path: 'properties.networkProfile.networkDataplane', argument: 'network_profile.network_data_plane' },
  {
    path: 'properties.networkProfile.advancedNetworking.enabled',
    argument: 'network_profile.advanced_networking',
  },
  {
    path: 'properties.networkProfile.advancedNetworking.observability',
    argument: 'network_profile.advanced_networking.observability_enabled',
  },
  {
    path: 'properties.networkProfile.advancedNetworking.security.enabled',
    argument: 'network_profile.advanced_networking.security_enabled',
  },
  { path: 'properties.ingressProfile.webAppRouting.enabled', argument: 'web_app_routing' },
  {
    path: 'properties.ingressProfile.webAppRouting.dnsZoneResourceIds',
    argument: 'web_app_routing.dns_zone_ids',
  },
  {
    path: 'properties.ingressProfile.webAppRouting.nginx',
    argument: 'web_app_routing.default_nginx_controller',
  },
  { path: 'properties.ingressProfile.webAppRouting.identity', argument: '(read-only)' },
  { path: 'properties.bootstrapProfile', argument: 'bootstrap_profile' },
  { path: 'properties.serviceMeshProfile.mode', argument: 'service_mesh_profile.mode' },
  { path: 'properties.serviceMeshProfile.istio.revisions', argument: 'service_mesh_profile.revisions' },
  {
    path: 'properties.serviceMeshProfile.istio.components.ingressGateways',
    argument: 'service_mesh_profile.internal/external_ingress_gateway_enabled',
  },
  {
    path: 'properties.serviceMeshProfile.istio.certificateAuthority',
    argument: 'service_mesh_profile.certificate_authority',
  },
  { path: 'properties.agentPoolProfiles[].localDNSProfile.state', argument: '(read-only)' },
];

/** Every problem of `body` against the schema subset: unknown or azurerm-managed paths, wrong values. */
export function armBodyProblems(body: unknown, schema: ArmSchema = MANAGED_CLUSTER_PATCH_SCHEMA): string[] {
  const problems: string[] = [];
  const visit = (value: unknown, node: ArmSchema, path: string): void => {
    const managed = AZURERM_MANAGED_PATHS.find((m) => path === m.path || path.startsWith(`${m.path}.`));
    if (managed) {
      problems.push(`${path} is managed by azurerm (${managed.argument}); set it there, never in the patch`);
      return;
    }
    if ('object' in node) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push(`${path} must be an object`);
        return;
      }
      const entries = Object.entries(value as Record<string, unknown>);
      for (const key of node.required ?? []) {
        if (!(key in (value as object))) problems.push(`${path}.${key} is required`);
      }
      for (const [key, child] of entries) {
        const childPath = path ? `${path}.${key}` : key;
        const childSchema = node.object[key];
        if (!childSchema) {
          const known = AZURERM_MANAGED_PATHS.find(
            (m) => childPath === m.path || childPath.startsWith(`${m.path}.`),
          );
          problems.push(
            known
              ? `${childPath} is managed by azurerm (${known.argument}); set it there, never in the patch`
              : `${childPath} is not a property of managedClusters@2026-03-01 that this library patches`,
          );
          continue;
        }
        visit(child, childSchema, childPath);
      }
    } else if ('items' in node) {
      if (!Array.isArray(value)) {
        problems.push(`${path} must be a list`);
        return;
      }
      value.forEach((item) => visit(item, node.items, `${path}[]`));
    } else if ('mapOf' in node) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push(`${path} must be a map`);
        return;
      }
      Object.entries(value as Record<string, unknown>).forEach(([k, v]) =>
        visit(v, node.mapOf, `${path}{${k}}`),
      );
    } else if ('enum' in node) {
      if (typeof value !== 'string' || !node.enum.includes(value)) {
        problems.push(`${path} is ${JSON.stringify(value)}; the API defines ${node.enum.join(', ')}`);
      }
    } else if ('boolean' in node) {
      if (typeof value !== 'boolean') problems.push(`${path} is ${JSON.stringify(value)}, not a boolean`);
    } else if ('int32' in node) {
      if (!Number.isInteger(value)) problems.push(`${path} is ${JSON.stringify(value)}, not an integer`);
    } else if (typeof value !== 'string' || !node.pattern.test(value)) {
      problems.push(`${path} is ${JSON.stringify(value)}, which does not match ${node.pattern}`);
    }
  };
  visit(body, schema, '');
  return problems;
}
