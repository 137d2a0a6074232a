/**
 * DNS names and patterns of CiliumNetworkPolicy `toFQDNs` / `rules.dns`, restricted to what ACNS FQDN
 * filtering documents, and how a pattern matches a name. Pure: used by the FQDN peer's factory, the
 * policy evaluator and the cross-layer check against the firewall.
 *
 * What is accepted, and why:
 * - `matchName` (no `*`) or `matchPattern` with one `*` in the leftmost label only: `*.example.com`
 *   or `app*.example.com`, the two forms the ACNS docs list as supported
 *   (`container-network-security-fqdn-filtering-concepts.md`, up to 2026-07-31).
 * - Never a bare `*`: ACNS refused it as a `rules.dns` pattern until the docs dropped the limitation
 *   on 2026-07-31, and the observability guide still says it blocks all DNS
 *   (`container-network-observability-guide.md`, unchanged since 2026-05-12); it is no FQDN filter
 *   either (for any public address use an ipBlock peer).
 * - Never `**.` (a Cilium 1.18 multi-level prefix the ACNS docs do not mention) and never a `*`
 *   leading a label without a following `.` (`*example.com`: the Cilium CRD describes it two ways).
 * - A wildcard needs at least two labels to its right (no `*.com`).
 * - No Kubernetes service names (`*.cluster.local`): not supported by ACNS FQDN filtering; and no IP
 *   literals (an ipBlock peer says that).
 * - Length and characters from the CRD (`ciliumnetworkpolicies.cilium.io`, v2): at most 255 with the
 *   trailing dot Cilium adds; labels of letters, digits, `-` and `_`.
 *
 * @see https://docs.cilium.io/en/stable/security/policy/language/#dns-based
 */

/** The longest name: 255 in the CRD, including the trailing dot Cilium adds. */
export const FQDN_MAX_LENGTH = 253;
const LABEL = /^[a-z0-9_]([-a-z0-9_]{0,61}[a-z0-9_])?$/;
const WILDCARD_LABEL = /^(\*|[a-z0-9_][-a-z0-9_]{0,60}\*[-a-z0-9_]{0,60})$/;
const CLUSTER_DOMAIN = 'cluster.local';

/** The name or pattern as Cilium takes it: lower case, without a trailing dot. */
export function normalizeFqdn(text: string): string {
  return text.toLowerCase().replace(/\.$/, '');
}

/** Whether the (normalized) pattern has a wildcard, i.e. renders as `matchPattern`. */
export function isFqdnPattern(pattern: string): boolean {
  return pattern.includes('*');
}

/** What is wrong with a (normalized) name or pattern, with the fix — undefined when it is accepted. */
export function fqdnProblem(pattern: string): { problem: string; fix: string } | undefined {
  const named = `'${pattern}'`;
  if (pattern === '*' || pattern === '') {
    return {
      problem: `${named} would match every name (ACNS does not take a bare * DNS pattern, and it filters nothing)`,
      fix: 'name the domains, e.g. *.database.windows.net; for any public address use PolicyPeer.internet()',
    };
  }
  if (pattern.includes('**')) {
    return {
      problem: `${named} uses the multi-level prefix **, which ACNS FQDN filtering does not document`,
      fix: 'list one pattern per level, e.g. *.example.com and *.eu.example.com',
    };
  }
  if (pattern.length > FQDN_MAX_LENGTH) {
    return { problem: `${named} is longer than ${FQDN_MAX_LENGTH} characters`, fix: 'use a shorter name' };
  }
  const labels = pattern.split('.');
  if (labels.length < 2) {
    return {
      problem: `${named} is a single label (a search-list or cluster name, not an FQDN)`,
      fix: 'give the fully qualified name, e.g. myserver.database.windows.net',
    };
  }
  if (labels.every((l) => /^\d+$/.test(l))) {
    return { problem: `${named} is an IP address`, fix: 'use PolicyPeer.cidr for addresses' };
  }
  if (pattern === CLUSTER_DOMAIN || pattern.endsWith(`.${CLUSTER_DOMAIN}`)) {
    return {
      problem: `${named} is a Kubernetes service name, which ACNS FQDN filtering does not support`,
      fix: 'select the pods behind it with a tier or PolicyPeer.podsInNamespace',
    };
  }
  const [first, ...rest] = labels;
  if (rest.some((l) => l.includes('*'))) {
    return {
      problem: `${named} has a * outside the leftmost label`,
      fix: 'put the wildcard in the leftmost label only, e.g. *.example.com or app*.example.com',
    };
  }
  const wildcard = first.includes('*');
  if (wildcard && !WILDCARD_LABEL.test(first)) {
    return {
      problem: `${named} has a wildcard label '${first}' that ACNS does not document`,
      fix: 'use * alone or after a prefix in the leftmost label, e.g. *.example.com or app*.example.com',
    };
  }
  const bad = (wildcard ? rest : labels).find((l) => !LABEL.test(l));
  if (bad !== undefined) {
    return {
      problem: `${named} has an invalid label '${bad}'`,
      fix: 'use labels of 1-63 letters, digits, - and _, not starting or ending with -',
    };
  }
  if (wildcard && rest.length < 2) {
    return {
      problem: `${named} is a wildcard over a top-level domain`,
      fix: 'name the domain the wildcard stands under, e.g. *.example.com',
    };
  }
  return undefined;
}

/**
 * Whether a Cilium `matchName`/`matchPattern` matches a DNS name: `*` stands for zero or more
 * characters of one label (never a `.`), matching is case-insensitive, trailing dots are ignored.
 */
export function fqdnMatches(pattern: string, name: string): boolean {
  const p = normalizeFqdn(pattern);
  const n = normalizeFqdn(name);
  if (p === '*') return true; // Cilium: a bare * matches every name
  if (!isFqdnPattern(p)) return p === n;
  const regex = p
    .split('*')
    .map((part) => part.replace(/[.\-_]/g, (c) => `\\${c}`))
    .join('[-a-z0-9_]*');
  return new RegExp(`^${regex}$`).test(n);
}

/** A name the pattern matches (each `*` filled with `x`), for the connectivity model. */
export function sampleName(pattern: string): string {
  return normalizeFqdn(pattern).replace(/\*/g, 'x');
}

/**
 * Whether Azure Firewall FQDN `rule` (exact, or `*.domain`, or `*`) covers every name `pattern`
 * matches. A firewall wildcard is read as covering one level only (`*.example.com` covers
 * `a.example.com` and `app*.example.com`, not `a.b.example.com`): whether Azure Firewall also matches
 * deeper names is UNCERTAIN, and the narrower reading can only add a warning, never hide one.
 */
export function firewallFqdnCovers(rule: string, pattern: string): boolean {
  const r = normalizeFqdn(rule);
  const p = normalizeFqdn(pattern);
  if (r === '*') return true;
  if (r === p) return true;
  if (!r.startsWith('*.')) return false;
  const domain = r.slice(2);
  const [first, ...rest] = p.split('.');
  return rest.join('.') === domain && first.length > 0;
}
