// Names: how resource names derive from construct ids, and the Kubernetes name rules every
// construct of the Kubernetes side checks against.

/** A name part from a construct id: lower case, every character but a-z, 0-9 and - becomes -. */
export function nameFromId(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

/** RFC 1123 label (namespaces, most object names): lower-case alphanumerics and -, at most 63. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain (Ingress, Secret, IngressClass names): dot-separated labels, at most 253. */
export const DNS_SUBDOMAIN = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1035 label (Service names): starts with a letter. */
export const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** Most characters a DNS label holds. */
export const DNS_LABEL_MAX = 63;
/** Most characters a DNS subdomain holds. */
export const DNS_SUBDOMAIN_MAX = 253;

/** Whether `name` is a DNS label of at most `max` characters. */
export function isDnsLabel(name: string, max: number = DNS_LABEL_MAX): boolean {
  return DNS_LABEL.test(name) && name.length <= max;
}

/** Whether `name` is a DNS subdomain. */
export function isDnsSubdomain(name: string): boolean {
  return DNS_SUBDOMAIN.test(name) && name.length <= DNS_SUBDOMAIN_MAX;
}
