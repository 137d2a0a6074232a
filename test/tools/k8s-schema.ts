/**
 * Offline schema validation of Kubernetes manifests.
 *
 * Built-in kinds are checked with the OpenAPI schemas compiled into `kubernetes-models`, plus
 * strict field validation (what `kubectl apply --validate=strict`, the default since 1.27, does
 * server-side): a field the schema does not know is an error. Custom resources we emit are
 * checked against hand-written descriptions of their documented fields. Unknown kinds fail.
 */

/** A manifest object as emitted (plain JSON). */
export type Manifest = Record<string, unknown>;

interface ModelClass {
  apiVersion: string;
  kind: string;
  prototype: { validate(this: unknown): void };
}

interface AjvError {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

// ---- custom resources -----------------------------------------------------------------------

/** A small JSON-schema subset, enough for the custom resources we emit. */
export interface FieldSchema {
  type: 'object' | 'string' | 'integer' | 'boolean' | 'array' | 'map';
  properties?: Record<string, FieldSchema>;
  required?: string[];
  pattern?: RegExp;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  items?: FieldSchema;
  /** For `map`: the value schema (keys are free). */
  values?: FieldSchema;
  /** For `array`: the most items. */
  maxItems?: number;
  /** For `object`: exactly one of these properties (the CRD's `oneOf` of required properties). */
  oneOf?: string[];
  /** For `object`: at least one of these properties (the CRD's `anyOf` of required properties). */
  anyOf?: string[];
  /** For `object`: at most one of these properties (fields the CRD documents as mutually exclusive). */
  atMostOne?: string[];
}

const STRING: FieldSchema = { type: 'string' };
const DNS_LABELISH = /^[a-z0-9][-a-z0-9]*[a-z0-9]$/;

/**
 * `NginxIngressController` of the AKS app routing operator (Azure/aks-app-routing-operator
 * `api/v1alpha1/nginxingresscontroller_types.go`): cluster-scoped, ingressClassName and
 * controllerNamePrefix required.
 */
const NGINX_INGRESS_CONTROLLER: FieldSchema = {
  type: 'object',
  required: ['spec'],
  properties: {
    spec: {
      type: 'object',
      required: ['ingressClassName', 'controllerNamePrefix'],
      properties: {
        ingressClassName: { type: 'string', maxLength: 253, pattern: /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/ },
        controllerNamePrefix: { type: 'string', maxLength: 60, pattern: DNS_LABELISH },
        loadBalancerAnnotations: { type: 'map', values: STRING },
        loadBalancerSourceRanges: { type: 'array', items: STRING },
        defaultSSLCertificate: {
          type: 'object',
          properties: {
            secret: {
              type: 'object',
              required: ['name', 'namespace'],
              properties: { name: STRING, namespace: STRING },
            },
            keyVaultURI: { type: 'string', pattern: /^https:\/\/[^/]+\/certificates\/[^/]+(\/[^/]+)?$/ },
            forceSSLRedirect: { type: 'boolean' },
          },
        },
        defaultBackendService: {
          type: 'object',
          required: ['name', 'namespace'],
          properties: { name: STRING, namespace: STRING },
        },
        customHTTPErrors: { type: 'array', items: { type: 'integer', minimum: 100, maximum: 599 } },
        scaling: {
          type: 'object',
          properties: {
            minReplicas: { type: 'integer', minimum: 1 },
            maxReplicas: { type: 'integer', minimum: 1 },
            threshold: { type: 'string', enum: ['rapid', 'steady', 'balanced'] },
          },
        },
        httpDisabled: { type: 'boolean' },
        enableSSLPassthrough: { type: 'boolean' },
        logFormat: STRING,
      },
    },
    status: { type: 'map', values: { type: 'object' } },
  },
};

const STRINGS: FieldSchema = { type: 'array', items: STRING };
const LABEL_SELECTOR: FieldSchema = {
  type: 'object',
  properties: {
    matchLabels: { type: 'map', values: STRING },
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'operator'],
        properties: {
          key: STRING,
          operator: { type: 'string', enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
          values: STRINGS,
        },
      },
    },
  },
};
const CILIUM_ENTITIES = [
  'all',
  'world',
  'cluster',
  'host',
  'remote-node',
  'kube-apiserver',
  'init',
  'health',
  'unmanaged',
  'ingress',
];
const CIDR_STRING: FieldSchema = { type: 'string', pattern: /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|:/ };
// From the CRD (cilium/cilium pkg/k8s/apis/cilium.io/client/crds/v2/ciliumnetworkpolicies.yaml):
// FQDNSelector and PortRuleDNS take exactly one of matchName / matchPattern, at most 255 characters.
const FQDN_SELECTOR: FieldSchema = {
  type: 'object',
  oneOf: ['matchName', 'matchPattern'],
  properties: {
    matchName: { type: 'string', maxLength: 255, pattern: /^([-a-zA-Z0-9_]+[.]?)+$/ },
    matchPattern: { type: 'string', maxLength: 255, pattern: /^([-a-zA-Z0-9_*]+[.]?)+$/ },
  },
};
const CILIUM_PORTS: FieldSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      ports: {
        type: 'array',
        maxItems: 40,
        items: {
          type: 'object',
          required: ['port'],
          properties: {
            port: { type: 'string', pattern: /^(\d{1,5}|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$/ },
            endPort: { type: 'integer', minimum: 0, maximum: 65535 },
            // the CRD's PortProtocol enum (ICMP is matched with `icmps`, not here)
            protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP', 'VRRP', 'IGMP', 'ANY'] },
          },
        },
      },
      rules: {
        type: 'object',
        oneOf: ['http', 'dns'],
        properties: {
          dns: { type: 'array', items: FQDN_SELECTOR },
          http: { type: 'array', items: { type: 'map', values: STRING } },
        },
      },
    },
  },
};
const cidrSet: FieldSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: { cidr: CIDR_STRING, except: { type: 'array', items: CIDR_STRING }, cidrGroupRef: STRING },
  },
};
// The CRD: ToEndpoints, ToCIDR, ToCIDRSet, ToEntities, ToServices and ToGroups are mutually exclusive,
// and ToFQDNs cannot occur with other To* rules (likewise the From* fields of ingress rules).
const ciliumRule = (dir: 'from' | 'to'): FieldSchema => ({
  type: 'object',
  atMostOne: [
    `${dir}Endpoints`,
    `${dir}CIDR`,
    `${dir}CIDRSet`,
    `${dir}Entities`,
    ...(dir === 'to' ? ['toFQDNs', 'toServices'] : []),
  ],
  properties: {
    [`${dir}Endpoints`]: { type: 'array', items: LABEL_SELECTOR },
    [`${dir}Requires`]: { type: 'array', items: LABEL_SELECTOR },
    [`${dir}CIDR`]: { type: 'array', items: CIDR_STRING },
    [`${dir}CIDRSet`]: cidrSet,
    [`${dir}Entities`]: { type: 'array', items: { type: 'string', enum: CILIUM_ENTITIES } },
    ...(dir === 'to'
      ? {
          toFQDNs: { type: 'array', items: FQDN_SELECTOR },
          toServices: { type: 'array', items: { type: 'map', values: { type: 'object' } } },
        }
      : {}),
    toPorts: CILIUM_PORTS,
  } as Record<string, FieldSchema>,
});

/**
 * `CiliumNetworkPolicy` (cilium.io/v2, namespaced): the rule fields of the Cilium policy language
 * (docs.cilium.io "Layer 3/4 examples", CRD `ciliumnetworkpolicies.cilium.io`). Used for what
 * NetworkPolicy cannot say on Cilium: node (`host`) and LocalDNS peers, FQDN egress.
 */
const CILIUM_NETWORK_POLICY: FieldSchema = {
  type: 'object',
  required: ['spec'],
  properties: {
    spec: {
      type: 'object',
      required: ['endpointSelector'],
      anyOf: ['ingress', 'ingressDeny', 'egress', 'egressDeny'],
      properties: {
        description: STRING,
        endpointSelector: LABEL_SELECTOR,
        ingress: { type: 'array', items: ciliumRule('from') },
        ingressDeny: { type: 'array', items: ciliumRule('from') },
        egress: { type: 'array', items: ciliumRule('to') },
        egressDeny: { type: 'array', items: ciliumRule('to') },
        enableDefaultDeny: {
          type: 'object',
          properties: { ingress: { type: 'boolean' }, egress: { type: 'boolean' } },
        },
      },
    },
  },
};

interface CustomKind {
  schema: FieldSchema;
  clusterScoped: boolean;
}

const CUSTOM_KINDS: Record<string, CustomKind> = {
  'approuting.kubernetes.azure.com/v1alpha1/NginxIngressController': {
    schema: NGINX_INGRESS_CONTROLLER,
    clusterScoped: true,
  },
  'cilium.io/v2/CiliumNetworkPolicy': { schema: CILIUM_NETWORK_POLICY, clusterScoped: false },
};

const META_FIELDS = ['apiVersion', 'kind', 'metadata'];

function checkField(value: unknown, schema: FieldSchema, at: string, out: string[]): void {
  const is = (ok: boolean, what: string) => ok || (out.push(`${at || '/'} must be ${what}`) && false);
  switch (schema.type) {
    case 'string':
      if (!is(typeof value === 'string', 'string')) return;
      if (schema.maxLength !== undefined && (value as string).length > schema.maxLength) {
        out.push(`${at} must be at most ${schema.maxLength} characters`);
      }
      if (schema.pattern && !schema.pattern.test(value as string)) {
        out.push(`${at} must match ${schema.pattern}`);
      }
      if (schema.enum && !schema.enum.includes(value as string)) {
        out.push(`${at} must be one of ${schema.enum.join(', ')}`);
      }
      return;
    case 'boolean':
      is(typeof value === 'boolean', 'boolean');
      return;
    case 'integer':
      if (!is(Number.isInteger(value), 'integer')) return;
      if (schema.minimum !== undefined && (value as number) < schema.minimum)
        out.push(`${at} must be >= ${schema.minimum}`);
      if (schema.maximum !== undefined && (value as number) > schema.maximum)
        out.push(`${at} must be <= ${schema.maximum}`);
      return;
    case 'array':
      if (!is(Array.isArray(value), 'array')) return;
      if (schema.maxItems !== undefined && (value as unknown[]).length > schema.maxItems) {
        out.push(`${at} must have at most ${schema.maxItems} items`);
      }
      (value as unknown[]).forEach((v, i) => checkField(v, schema.items ?? STRING, `${at}/${i}`, out));
      return;
    case 'map':
    case 'object': {
      if (!is(typeof value === 'object' && value !== null && !Array.isArray(value), 'object')) return;
      const obj = value as Record<string, unknown>;
      if (schema.type === 'map') {
        for (const [k, v] of Object.entries(obj)) checkField(v, schema.values ?? STRING, `${at}/${k}`, out);
        return;
      }
      for (const req of schema.required ?? []) {
        if (obj[req] === undefined) out.push(`${at || '/'} must have required property ${req}`);
      }
      const present = (keys: string[]) => keys.filter((k) => obj[k] !== undefined);
      if (schema.oneOf && present(schema.oneOf).length !== 1) {
        out.push(`${at || '/'} must have exactly one of ${schema.oneOf.join(', ')}`);
      }
      if (schema.anyOf && present(schema.anyOf).length === 0) {
        out.push(`${at || '/'} must have at least one of ${schema.anyOf.join(', ')}`);
      }
      if (schema.atMostOne && present(schema.atMostOne).length > 1) {
        out.push(`${at || '/'} must have at most one of ${present(schema.atMostOne).join(', ')}`);
      }
      for (const [k, v] of Object.entries(obj)) {
        const sub = schema.properties?.[k];
        if (at === '' && META_FIELDS.includes(k)) continue;
        if (!sub) out.push(`${at}/${k} is an unknown field`);
        else checkField(v, sub, `${at}/${k}`, out);
      }
    }
  }
}

// ---- built-in kinds -------------------------------------------------------------------------

function loadModel(apiVersion: string, kind: string): ModelClass | undefined {
  if (!/^[a-zA-Z0-9./]+$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(`kubernetes-models/${apiVersion}/${kind}`) as Record<string, ModelClass>;
    const model = mod[kind];
    // only top-level kinds carry apiVersion/kind statics (DeploymentSpec does not)
    return model && model.kind === kind && model.apiVersion === apiVersion ? model : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Wrap `data` so that every property the compiled validator reads is recorded. A key the
 * validator never reads is a field its schema does not declare. Objects whose keys the
 * validator enumerates (maps such as labels or resource limits) accept any key.
 */
export function tracked(data: unknown, path: string, seen: Map<string, Set<string> | 'map'>): unknown {
  if (typeof data !== 'object' || data === null) return data;
  if (!seen.has(path)) seen.set(path, new Set());
  return new Proxy(data as object, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || !Object.prototype.hasOwnProperty.call(target, prop)) return value;
      const keys = seen.get(path);
      if (keys !== 'map') keys?.add(prop);
      return tracked(value, `${path}/${prop}`, seen);
    },
    ownKeys(target) {
      seen.set(path, 'map');
      return Reflect.ownKeys(target);
    },
  });
}

export function unknownFields(
  data: unknown,
  path: string,
  seen: Map<string, Set<string> | 'map'>,
  out: string[],
): void {
  if (typeof data !== 'object' || data === null) return;
  const keys = seen.get(path);
  if (keys === undefined || keys === 'map') {
    if (keys === 'map') {
      for (const [k, v] of Object.entries(data)) unknownFields(v, `${path}/${k}`, seen, out);
    }
    return;
  }
  for (const [k, v] of Object.entries(data)) {
    if (Array.isArray(data) || keys.has(k)) unknownFields(v, `${path}/${k}`, seen, out);
    else out.push(`${path}/${k} is an unknown field`);
  }
}

export function ajvMessage(e: AjvError): string {
  const extra = e.keyword === 'enum' ? ` (${JSON.stringify(e.params.allowedValues)})` : '';
  return `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
}

// ---- metadata rules the API server enforces outside the OpenAPI schema ----------------------

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function checkMetadata(obj: Manifest, clusterScoped: boolean, out: string[]): void {
  const meta = (obj.metadata ?? {}) as Record<string, unknown>;
  const name = meta.name;
  if (typeof name !== 'string' || name.length === 0) {
    out.push('/metadata/name is required');
  } else if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    out.push(`/metadata/name '${name}' must be a lowercase RFC 1123 subdomain`);
  }
  if (clusterScoped && meta.namespace !== undefined) {
    out.push(`/metadata/namespace must not be set on a cluster-scoped ${String(obj.kind)}`);
  }
  for (const [k, v] of Object.entries((meta.labels ?? {}) as Record<string, unknown>)) {
    if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) {
      out.push(`/metadata/labels/${k} value '${String(v)}' is not a valid label value`);
    }
  }
}

const CLUSTER_SCOPED_BUILTIN = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'IngressClass',
  'PriorityClass',
  'StorageClass',
  'CustomResourceDefinition',
  'PersistentVolume',
]);

/** Errors of one manifest object (empty when it is valid). */
export function validateManifest(obj: Manifest): string[] {
  const apiVersion = String(obj.apiVersion ?? '');
  const kind = String(obj.kind ?? '');
  const out: string[] = [];
  if (apiVersion.startsWith('gateway.networking.k8s.io/')) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('./gateway-schema') as typeof import('./gateway-schema')).validateGatewayManifest(obj);
  }
  const custom = CUSTOM_KINDS[`${apiVersion}/${kind}`];
  if (custom) {
    checkField(obj, custom.schema, '', out);
    checkMetadata(obj, custom.clusterScoped, out);
    return out;
  }
  const model = loadModel(apiVersion, kind);
  if (!model) {
    return [
      `unknown kind ${apiVersion || '<no apiVersion>'}/${kind || '<no kind>'}: no schema to validate it against`,
    ];
  }
  const seen = new Map<string, Set<string> | 'map'>();
  try {
    // validate the proxy itself: constructing a model would copy (and enumerate) every key
    model.prototype.validate.call(tracked(obj, '', seen));
  } catch (e) {
    const errors = (e as { errors?: AjvError[] }).errors;
    out.push(...(errors ? errors.map(ajvMessage) : [String(e)]));
  }
  unknownFields(obj, '', seen, out);
  checkMetadata(obj, CLUSTER_SCOPED_BUILTIN.has(kind), out);
  return out;
}

function describe(obj: Manifest): string {
  const meta = (obj?.metadata ?? {}) as Record<string, unknown>;
  const ns = meta.namespace ? `${String(meta.namespace)}/` : '';
  return `${String(obj?.kind)} ${ns}${String(meta.name)}`;
}

/** Errors of every object, each prefixed with `Kind namespace/name`. */
export function validateManifests(objects: unknown[]): string[] {
  return objects.flatMap((o) =>
    validateManifest(o as Manifest).map((e) => `${describe(o as Manifest)}: ${e}`),
  );
}

/** Jest helper: fails with every schema error of every object. */
export function expectValidManifests(objects: unknown[]): void {
  const errors = validateManifests(objects);
  if (errors.length > 0) {
    throw new Error(`${errors.length} schema error(s):\n  ${errors.join('\n  ')}`);
  }
}
