/**
 * Egress rules that quietly open too much: destinations that are the whole Internet (or much of its
 * public space), and FQDN wildcards over services where anyone can own a name (an attacker's storage
 * account is as reachable as yours). Pure functions over plain values.
 */
import { Cidr } from '../plan/cidr';

/** Ranges that are not public Internet space (RFC 1918, 6598, loopback, link-local, multicast, reserved). */
const NON_PUBLIC = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/3',
].map((c) => Cidr.parse(c));

/** Destinations that mean "any address". */
export const ANY_DESTINATION = ['*', '0.0.0.0/0', 'Any', 'Internet'];

/** Public addresses a rule may reach before it is refused: a /8 worth (16.8 million). */
export const PUBLIC_SPAN_REFUSED = 2 ** 24;
/** Public addresses a rule may reach before it is warned about: a /16 worth (65,536). */
export const PUBLIC_SPAN_WARNED = 2 ** 16;

type Interval = [number, number];

function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1] + 1) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

const interval = (c: Cidr): Interval => [c.networkValue, c.networkValue + c.size - 1];

/** How many public IPv4 addresses the destinations (addresses or CIDRs) cover together. */
export function publicAddressCount(destinations: ReadonlyArray<string>): number {
  const blocks = destinations.map((d) => Cidr.parse(d.includes('/') ? d : `${d}/32`));
  const covered = merge(blocks.map(interval));
  const hidden = merge(NON_PUBLIC.map(interval));
  let total = 0;
  for (const [s, e] of covered) {
    let count = e - s + 1;
    for (const [hs, he] of hidden) {
      const lo = Math.max(s, hs);
      const hi = Math.min(e, he);
      if (lo <= hi) count -= hi - lo + 1;
    }
    total += count;
  }
  return total;
}

/**
 * Domains under which anyone can create a name (storage accounts, web apps, registries, queues...):
 * a wildcard over one of them lets a workload send data to an attacker's resource of that service.
 */
export const MULTI_TENANT_DOMAINS: ReadonlyArray<string> = [
  // Azure public cloud
  'core.windows.net',
  'blob.core.windows.net',
  'file.core.windows.net',
  'queue.core.windows.net',
  'table.core.windows.net',
  'dfs.core.windows.net',
  'web.core.windows.net',
  'blob.storage.azure.net',
  'azurewebsites.net',
  'scm.azurewebsites.net',
  'servicebus.windows.net',
  'database.windows.net',
  'documents.azure.com',
  'azurecr.io',
  'azure-api.net',
  'azurefd.net',
  'azureedge.net',
  'cloudapp.azure.com',
  'cloudapp.net',
  'trafficmanager.net',
  'azurestaticapps.net',
  'vault.azure.net',
  'windows.net',
  // 21Vianet
  'core.chinacloudapi.cn',
  'blob.core.chinacloudapi.cn',
  'chinacloudsites.cn',
  'servicebus.chinacloudapi.cn',
  'azurecr.cn',
  'vault.azure.cn',
  // US Government
  'core.usgovcloudapi.net',
  'blob.core.usgovcloudapi.net',
  'azurewebsites.us',
  'servicebus.usgovcloudapi.net',
  'azurecr.us',
  'vault.usgovcloudapi.net',
  // other clouds' object stores
  'amazonaws.com',
  's3.amazonaws.com',
  'storage.googleapis.com',
  'googleapis.com',
];

/**
 * The multi-tenant domain a wildcard FQDN (`*.blob.core.windows.net`, `*.windows.net`) spans, if any:
 * the wildcard's base is one of them, or a parent of one.
 */
export function multiTenantWildcard(fqdn: string): string | undefined {
  if (!fqdn.startsWith('*.')) return undefined;
  const base = fqdn.slice(2).toLowerCase();
  return MULTI_TENANT_DOMAINS.find((d) => d === base || d.endsWith(`.${base}`));
}
