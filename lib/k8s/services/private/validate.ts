import { IConstruct } from 'constructs';
import { AksNetworkError } from '../../../core/errors';
import { parseRange } from '../../../plan/cidr';

/** What the Service validation needs, in plain values. */
export interface ServiceInput {
  readonly name: string;
  readonly type: string;
  readonly selector?: { [key: string]: string };
  readonly ports: ReadonlyArray<{
    readonly port: number;
    readonly targetPort?: number;
    readonly targetPortName?: string;
    readonly name?: string;
    readonly protocol?: string;
  }>;
  readonly externalName?: string;
  readonly nodePort?: number;
  readonly sourceRanges?: string[];
  readonly internalLoadBalancer?: boolean;
  readonly restrictToSourceRanges?: boolean;
  readonly affinityTimeoutSeconds?: number;
}

const DNS_1123_SUBDOMAIN = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Service names are RFC 1035 labels: they become DNS names and environment variable prefixes. */
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** Named container ports are IANA service names (RFC 6335): at most 15 characters, one letter at least. */
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9]|-(?!-))*$/;
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;
/** Kubernetes bounds of `sessionAffinityConfig.clientIP.timeoutSeconds`. */
export const AFFINITY_TIMEOUT_MAX_SECONDS = 86400;

/** Throw an `AksNetworkError` for the first problem of a Service. */
export function validateService(scope: IConstruct, s: ServiceInput): void {
  const fail = (problem: string, fix: string): never => {
    throw new AksNetworkError(problem, fix, scope);
  };
  if (!DNS_1035_LABEL.test(s.name) || s.name.length > 63) {
    fail(
      `name '${s.name}' is not a DNS-1035 label`,
      'use at most 63 characters a-z, 0-9 and -, starting with a letter, e.g. web-api',
    );
  }
  if (s.type === 'ExternalName') {
    if (!s.externalName || !DNS_1123_SUBDOMAIN.test(s.externalName)) {
      fail(
        `externalName '${s.externalName}' is not a DNS name`,
        'give a lower-case host name, e.g. db.contoso.com',
      );
    }
    if (s.selector && Object.keys(s.selector).length > 0) {
      fail(
        'an ExternalName Service has a selector, which Kubernetes ignores',
        'drop the selector (the name resolves to the external host, not to pods)',
      );
    }
    return;
  }
  if (!s.selector || Object.keys(s.selector).length === 0) {
    fail('the Service selects no pods', 'give selector labels, e.g. { app: "web" }');
  }
  if (s.ports.length === 0) {
    fail('the Service has no ports', 'give at least one port');
  }
  validatePorts(s, fail);
  if (s.nodePort !== undefined) {
    if (!Number.isInteger(s.nodePort) || s.nodePort < NODE_PORT_MIN || s.nodePort > NODE_PORT_MAX) {
      fail(
        `nodePort ${s.nodePort} is outside ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
        'pick a port in the default NodePort range or let Kubernetes choose',
      );
    }
    if (s.ports.length > 1) {
      fail('a fixed nodePort with several ports', 'expose one port, or let Kubernetes choose the node ports');
    }
  }
  const affinity = s.affinityTimeoutSeconds;
  if (
    affinity !== undefined &&
    (!Number.isInteger(affinity) || affinity < 1 || affinity > AFFINITY_TIMEOUT_MAX_SECONDS)
  ) {
    fail(
      `clientIpAffinityTimeoutSeconds ${affinity} is outside 1-${AFFINITY_TIMEOUT_MAX_SECONDS}`,
      'use whole seconds, e.g. 10800 (the Kubernetes default)',
    );
  }
  for (const cidr of s.sourceRanges ?? []) {
    parseRange(cidr, { what: 'source range', scope });
  }
  if (s.internalLoadBalancer && s.restrictToSourceRanges && (s.sourceRanges ?? []).length === 0) {
    fail(
      'restrictToSourceRanges is set without sourceRanges, so the internal load balancer would admit no client',
      'list the client CIDRs in sourceRanges',
    );
  }
}

function validatePorts(s: ServiceInput, fail: (problem: string, fix: string) => never): void {
  const names = new Set<string>();
  const numbers = new Set<string>();
  for (const p of s.ports) {
    for (const [what, value] of [
      ['port', p.port],
      ['targetPort', p.targetPort],
    ] as const) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 65535)) {
        fail(`${what} ${value} is out of range`, 'use 1-65535');
      }
    }
    if (p.targetPort !== undefined && p.targetPortName !== undefined) {
      fail(
        `port ${p.port} has both targetPort ${p.targetPort} and targetPortName '${p.targetPortName}'`,
        'give the container port either by number or by name',
      );
    }
    if (
      p.targetPortName !== undefined &&
      (!PORT_NAME.test(p.targetPortName) || p.targetPortName.length > 15)
    ) {
      fail(
        `targetPortName '${p.targetPortName}' is not a container port name`,
        'use at most 15 characters a-z, 0-9 and single dashes, with a letter, e.g. http',
      );
    }
    const protocol = p.protocol ?? 'TCP';
    if (!PROTOCOLS.includes(protocol)) {
      fail(`protocol '${p.protocol}' is not TCP, UDP or SCTP`, 'use TCP, UDP or SCTP');
    }
    if (numbers.has(`${p.port}/${protocol}`)) {
      fail(`port ${p.port}/${protocol} is listed twice`, 'list each Service port once per protocol');
    }
    numbers.add(`${p.port}/${protocol}`);
    if (s.ports.length > 1 && !p.name) {
      fail(
        `port ${p.port} has no name but the Service has ${s.ports.length} ports`,
        'name every port, e.g. http',
      );
    }
    if (p.name) {
      if (names.has(p.name)) fail(`port name '${p.name}' is used twice`, 'give each port its own name');
      names.add(p.name);
    }
  }
}
