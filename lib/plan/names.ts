import { IConstruct } from 'constructs';
import { AksNetworkError } from '../core/errors';

/**
 * Azure naming rules for the resources AKS networking touches. AKS caps resource group, VNet and
 * subnet names at 63 characters (a Kubernetes label limit), below Azure's own limits.
 *
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftnetwork
 * @see https://learn.microsoft.com/azure/aks/concepts-network-cni-overview
 */
export const AKS_NAME_MAX_LENGTH = 63;

interface NameRule {
  readonly pattern: RegExp;
  readonly charset: string;
}

const RULES: Record<'resource group' | 'virtual network' | 'subnet', NameRule> = {
  'resource group': {
    // letters, digits, underscores, hyphens, periods and parentheses; not ending in a period
    pattern: /^[\w\-.()]*[\w\-()]$/,
    charset: 'letters, digits, _ - . ( ) and not ending with a period',
  },
  'virtual network': {
    pattern: /^[a-zA-Z0-9]([\w\-.]*[\w])?$/,
    charset: 'letters, digits, _ - . starting with a letter or digit and ending with a letter, digit or _',
  },
  subnet: {
    pattern: /^[a-zA-Z0-9]([\w\-.]*[\w])?$/,
    charset: 'letters, digits, _ - . starting with a letter or digit and ending with a letter, digit or _',
  },
};

/** Throw unless `name` is a valid Azure name of the given kind for use with AKS. */
export function checkAzureName(kind: keyof typeof RULES, name: string, scope?: IConstruct): void {
  const rule = RULES[kind];
  if (name.length < 1 || name.length > AKS_NAME_MAX_LENGTH) {
    throw new AksNetworkError(
      `${kind} name '${name}' has ${name.length} characters`,
      `use 1-${AKS_NAME_MAX_LENGTH} characters (AKS limit)`,
      scope,
    );
  }
  if (!rule.pattern.test(name)) {
    throw new AksNetworkError(
      `${kind} name '${name}' has characters Azure does not allow there`,
      `use ${rule.charset}`,
      scope,
    );
  }
}
