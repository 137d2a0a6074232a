// Azure region names per cloud (the `name` of `az account list-locations`, which `location` takes),
// dated data with its source. A name not listed may be a region opened since: it gets a warning,
// not an error, so the list never blocks a real region.
import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { AksNetworkError } from '../core/errors';
import { warn } from '../core/warnings';
import { AzureCloud } from './contracts';

/** The date the lists below were taken from their sources. */
export const REGIONS_AS_OF = '2026-12-01';
/** Where the lists come from. */
export const REGION_SOURCES = [
  // Azure.Core's AzureLocation at commit 8802eec94a69e64277f74439f3e1c351a6f22d60
  'https://github.com/Azure/azure-sdk-for-net/blob/main/sdk/core/Azure.Core/src/AzureLocation.cs',
  // jioindiacentral, jioindiawest: `az account list-locations` (not in AzureLocation)
  'https://learn.microsoft.com/cli/azure/account#az-account-list-locations',
];

const PUBLIC_REGIONS = [
  'australiacentral',
  'australiacentral2',
  'australiaeast',
  'australiasoutheast',
  'brazilsouth',
  'brazilsoutheast',
  'canadacentral',
  'canadaeast',
  'centralindia',
  'centralus',
  'eastasia',
  'eastus',
  'eastus2',
  'francecentral',
  'francesouth',
  'germanynorth',
  'germanywestcentral',
  'israelcentral',
  'italynorth',
  'japaneast',
  'japanwest',
  'jioindiacentral',
  'jioindiawest',
  'koreacentral',
  'koreasouth',
  'mexicocentral',
  'northcentralus',
  'northeurope',
  'norwayeast',
  'norwaywest',
  'polandcentral',
  'qatarcentral',
  'southafricanorth',
  'southafricawest',
  'southcentralus',
  'southeastasia',
  'southindia',
  'spaincentral',
  'swedencentral',
  'switzerlandnorth',
  'switzerlandwest',
  'uaecentral',
  'uaenorth',
  'uksouth',
  'ukwest',
  'westcentralus',
  'westeurope',
  'westindia',
  'westus',
  'westus2',
  'westus3',
];

/** Region names per cloud. */
export const AZURE_REGIONS: Readonly<Record<AzureCloud, readonly string[]>> = {
  [AzureCloud.PUBLIC]: PUBLIC_REGIONS,
  [AzureCloud.CHINA]: ['chinaeast', 'chinaeast2', 'chinaeast3', 'chinanorth', 'chinanorth2', 'chinanorth3'],
  [AzureCloud.US_GOVERNMENT]: [
    'usdodcentral',
    'usdodeast',
    'usgovarizona',
    'usgoviowa',
    'usgovtexas',
    'usgovvirginia',
  ],
};

const CLOUD_NAMES: Record<AzureCloud, string> = {
  [AzureCloud.PUBLIC]: 'the Azure public cloud',
  [AzureCloud.CHINA]: 'Azure China',
  [AzureCloud.US_GOVERNMENT]: 'Azure US Government',
};

const REGION_NAME = /^[a-z][a-z0-9]{1,39}$/;

/** What is wrong with a `location`, and whether it blocks synthesis. */
export interface RegionProblem {
  /** `false`: a well-formed name this list does not know (perhaps a newer region). */
  readonly blocking: boolean;
  readonly problem: string;
  readonly fix: string;
}

/**
 * The problem with `location` on `cloud`, if any: a display name (`North Europe`) or another
 * spelling of a known region names the accepted form — a region of another cloud names that cloud —
 * a near miss names the region meant.
 */
export function regionProblem(location: string, cloud?: AzureCloud): RegionProblem | undefined {
  const known = cloud ? (AZURE_REGIONS[cloud] ?? PUBLIC_REGIONS) : Object.values(AZURE_REGIONS).flat();
  const cloudName = cloud ? CLOUD_NAMES[cloud] : 'Azure';
  if (typeof location !== 'string') {
    return {
      blocking: true,
      problem: `location is ${location === undefined ? 'undefined' : JSON.stringify(location)}, not a region name`,
      fix: `give the region name, e.g. ${known[0]}`,
    };
  }
  if (known.includes(location)) return undefined;
  const normalized = location.toLowerCase().replace(/[\s_-]/g, '');
  const subject = `location '${location}'`;
  if (known.includes(normalized)) {
    return {
      blocking: true,
      problem: `${subject} is not in the form Azure resources take`,
      fix: `write ${normalized} (lower case, no spaces)`,
    };
  }
  const elsewhere = (Object.values(AzureCloud) as AzureCloud[]).find(
    (c) => c !== cloud && AZURE_REGIONS[c].includes(normalized),
  );
  if (cloud && elsewhere) {
    return {
      blocking: true,
      problem: `${subject} is a region of ${CLOUD_NAMES[elsewhere]}, but the deployment targets ${cloudName}`,
      fix: `set cloud to AzureCloud.${enumKey(elsewhere)}, or pick a region of ${cloudName}, e.g. ${known[0]}`,
    };
  }
  const near = known.filter((k) => editDistance(k, normalized) <= 2);
  if (near.length > 0 || !REGION_NAME.test(location)) {
    return {
      blocking: true,
      problem: `${subject} is not a region of ${cloudName}`,
      fix:
        near.length > 0
          ? `did you mean ${near.join(' or ')}?`
          : `use a region name such as ${known[0]} (lower case, no spaces)`,
    };
  }
  return {
    blocking: false,
    problem: `${subject} is not among the regions of ${cloudName} known on ${REGIONS_AS_OF}`,
    fix: 'check the spelling; a region opened since then is fine',
  };
}

function enumKey(cloud: AzureCloud): string {
  return (
    (Object.keys(AzureCloud) as Array<keyof typeof AzureCloud>).find((k) => AzureCloud[k] === cloud) ?? cloud
  );
}

/** Levenshtein distance, for near misses such as `westeuropee`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The one check of a construct's `location`: a wrong form, a region of another cloud or a near
 * miss throws with the construct's path — an unknown but well-formed name is a warning (once: the
 * construct that owns the name warns, those that only read it pass `warnUnknown: false`).
 */
export function checkLocation(
  scope: IConstruct,
  location: string,
  cloud?: AzureCloud,
  options: { warnUnknown?: boolean } = {},
): void {
  if (Token.isUnresolved(location)) return;
  const found = regionProblem(location, cloud);
  if (!found) return;
  if (found.blocking) throw new AksNetworkError(found.problem, found.fix, scope);
  if (options.warnUnknown ?? true) warn(scope, `${found.problem}; ${found.fix}`);
}
