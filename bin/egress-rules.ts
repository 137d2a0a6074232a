#!/usr/bin/env node
// Prints the AKS egress catalogue for a cloud, region and feature set as JSON or CSV,
// e.g. to configure a third-party firewall.
import { AzureCloud, EgressCatalogue, EgressFeature, NtpRule } from '../lib';
import { regionProblem } from '../lib/azure/regions';

const USAGE = `usage: egress-rules --location <region> [--cloud public|china|usgov] [--features a,b]
                    [--format json|csv] [--private] [--fqdn-tag] [--ntp omit|any-address|ubuntu-fqdn]
features: ${Object.values(EgressFeature).join(', ')}`;

/** Parse the arguments and return the text to print; throws with a usage hint on bad input. */
export function render(argv: string[]): string {
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--private' || arg === '--fqdn-tag' || arg === '--help') {
      switches.add(arg);
    } else if (arg.startsWith('--') && i + 1 < argv.length) {
      flags.set(arg, argv[++i]);
    } else {
      throw new Error(`unexpected argument '${arg}'\n${USAGE}`);
    }
  }
  if (switches.has('--help')) {
    return `${USAGE}\n`;
  }
  const location = flags.get('--location');
  if (!location) {
    throw new Error(`--location is required\n${USAGE}`);
  }
  const cloud = oneOf(
    '--cloud',
    flags.get('--cloud') ?? AzureCloud.PUBLIC,
    Object.values(AzureCloud),
  ) as AzureCloud;
  const region = regionProblem(location, cloud);
  if (region) {
    // strict here: a firewall configured for a misspelt region silently lacks its regional FQDNs
    throw new Error(`--location: ${region.problem}; ${region.fix}\n${USAGE}`);
  }
  const features = (flags.get('--features') ?? '')
    .split(',')
    .filter((f) => f !== '')
    .map((f) => oneOf('--features', f, Object.values(EgressFeature)) as EgressFeature);
  const ntpFlag = flags.get('--ntp');
  // without --ntp, the cloud's default (UDP 123 where its table requires it)
  const ntp =
    ntpFlag === undefined ? undefined : (oneOf('--ntp', ntpFlag, Object.values(NtpRule)) as NtpRule);
  const format = oneOf('--format', flags.get('--format') ?? 'json', ['json', 'csv']);
  const catalogue = EgressCatalogue.forCluster({
    cloud,
    location,
    features,
    ntp,
    privateCluster: switches.has('--private'),
    useFqdnTag: switches.has('--fqdn-tag'),
  });
  return format === 'csv' ? catalogue.toCsv() : catalogue.toJson();
}

function oneOf(flag: string, value: string, allowed: string[]): string {
  if (!allowed.includes(value)) {
    throw new Error(`${flag} '${value}' is not one of ${allowed.join(', ')}\n${USAGE}`);
  }
  return value;
}

if (require.main === module) {
  try {
    process.stdout.write(render(process.argv.slice(2)));
  } catch (e) {
    process.stderr.write(`egress-rules: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
