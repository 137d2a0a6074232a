import { IConstruct } from 'constructs';
import { AksNetworkError } from '../core/errors';

/**
 * Which Azure regions have availability zones, as dated data with its sources. A region missing from
 * both lists is unknown to this data (newer than it): it gets no zones by default and explicit zones
 * are accepted as given.
 */
export const REGION_ZONES_DATA = {
  /** The `ms.date` of the newest source read. */
  date: '2025-04-15',
  sources: [
    // public cloud: the regions list (ms.date 2025-04-15); belgiumcentral from the later revision of the page
    'https://learn.microsoft.com/azure/reliability/regions-list',
    // US Government: US Gov Virginia is the only Azure Government region listed with zones
    'https://learn.microsoft.com/azure/reliability/availability-zones-service-support',
    // 21Vianet: China North 3 is the only region with zones (platform facts 2026-12 §3)
    'https://docs.azure.cn/reliability/availability-zones-region-support',
  ],
} as const;

/** Regions with availability zones (programmatic names). */
export const REGIONS_WITH_ZONES: ReadonlyArray<string> = [
  'australiaeast',
  'austriaeast',
  'belgiumcentral',
  'brazilsouth',
  'canadacentral',
  'centralindia',
  'centralus',
  'chilecentral',
  'eastasia',
  'eastus',
  'eastus2',
  'francecentral',
  'germanywestcentral',
  'indonesiacentral',
  'israelcentral',
  'italynorth',
  'japaneast',
  'japanwest',
  'koreacentral',
  'malaysiawest',
  'mexicocentral',
  'newzealandnorth',
  'northeurope',
  'norwayeast',
  'polandcentral',
  'qatarcentral',
  'southafricanorth',
  'southcentralus',
  'southeastasia',
  'spaincentral',
  'swedencentral',
  'switzerlandnorth',
  'uaenorth',
  'uksouth',
  'westeurope',
  'westus2',
  'westus3',
  // US Government
  'usgovvirginia',
  // 21Vianet
  'chinanorth3',
];

/** Regions listed without availability zones. */
export const REGIONS_WITHOUT_ZONES: ReadonlyArray<string> = [
  'australiacentral',
  'australiacentral2',
  'australiasoutheast',
  'brazilsoutheast',
  'canadaeast',
  'francesouth',
  'germanynorth',
  'koreasouth',
  'northcentralus',
  'norwaywest',
  'southafricawest',
  'southindia',
  'switzerlandwest',
  'uaecentral',
  'ukwest',
  'westcentralus',
  'westindia',
  'westus',
  // US Government
  'usgovarizona',
  'usgovtexas',
  'usdodcentral',
  'usdodeast',
  // 21Vianet
  'chinaeast',
  'chinaeast2',
  'chinaeast3',
  'chinanorth',
  'chinanorth2',
];

/** The zones Azure offers in a zonal region. */
export const AZURE_ZONES: ReadonlyArray<string> = ['1', '2', '3'];

/** What the data knows about a region's zones. */
export enum RegionZoneSupport {
  /** The region has availability zones. */
  ZONES = 'zones',
  /** The region has none. */
  NO_ZONES = 'no-zones',
  /** The region is in neither list. */
  UNKNOWN = 'unknown',
}

/** Whether the region has availability zones, per `REGION_ZONES_DATA`. */
export function regionZoneSupport(location: string): RegionZoneSupport {
  const name = location.toLowerCase().replace(/\s+/g, '');
  if (REGIONS_WITH_ZONES.includes(name)) return RegionZoneSupport.ZONES;
  if (REGIONS_WITHOUT_ZONES.includes(name)) return RegionZoneSupport.NO_ZONES;
  return RegionZoneSupport.UNKNOWN;
}

/**
 * The zones a zonal resource (firewall, public IP, node pool) gets in `location`: the given ones,
 * checked against the region, or by default all three where the region has zones and none elsewhere.
 * @param what the resource, for messages
 */
export function zonesFor(
  location: string,
  explicit: ReadonlyArray<string> | undefined,
  what: string,
  scope?: IConstruct,
): string[] {
  const support = regionZoneSupport(location);
  if (explicit === undefined) {
    return support === RegionZoneSupport.ZONES ? [...AZURE_ZONES] : [];
  }
  const bad = explicit.find((z) => !AZURE_ZONES.includes(z));
  if (bad !== undefined) {
    throw new AksNetworkError(
      `${what}: availability zone '${bad}'`,
      "use '1', '2' and/or '3', or [] in regions without zones",
      scope,
    );
  }
  if (explicit.length > 0 && support === RegionZoneSupport.NO_ZONES) {
    throw new AksNetworkError(
      `${what}: zones ${explicit.join(', ')} in ${location}, which has no availability zones (region data of ${REGION_ZONES_DATA.date})`,
      'leave zones unset (no zones) or use [], or deploy to a region with zones',
      scope,
    );
  }
  return [...explicit];
}
