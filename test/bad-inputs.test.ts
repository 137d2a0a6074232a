/**
 * The catalogue of bad inputs: the cases each construct's tests assert in detail, checked here for
 * what holds for all of them. Synthesis fails with a message that names where (the construct path,
 * the value-class factory or the rule), the bad value and the fix, and nothing is written.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AksNetworkSynth } from '../lib';
import { CLUSTER_CASES } from './cases/aks-cluster';
import { NETWORK_CASES } from './cases/cluster-network';
import { DNS_FQDN_CASES } from './cases/k8s-dns-fqdn';
import { CONTROLLER_CASES, INGRESS_CASES } from './cases/k8s-ingress';
import { POLICY_CASES } from './cases/k8s-policy';
import { SERVICE_CASES } from './cases/k8s-services';
import { HUB_CASES } from './cases/egress-hub';
import { EGRESS_CASES } from './cases/secure-egress';
import { RULE_CASES, SUPPRESSION_CASES } from './cases/verify-rules';
import { WORKLOAD_CASES } from './cases/workloads';
import { BadInput, filesUnder, scopesIn, tmpRoot } from './tools/helpers';

const CASES: BadInput[] = [
  ...NETWORK_CASES,
  ...CLUSTER_CASES,
  ...EGRESS_CASES,
  ...HUB_CASES,
  ...INGRESS_CASES,
  ...CONTROLLER_CASES,
  ...SERVICE_CASES,
  ...POLICY_CASES,
  ...DNS_FQDN_CASES,
  ...WORKLOAD_CASES,
  ...RULE_CASES,
  ...SUPPRESSION_CASES,
];

const root = tmpRoot('bad');
let counter = 0;

/**
 * Build the case and synthesize it into a fresh directory: the error message, the files written and
 * the directories other than the empty `cdktf.out/stacks` that a cdktf App makes when it is created.
 */
function attempt(build: BadInput[1]): { message: string; written: string[]; dirs: string[] } {
  const dir = path.join(root, String(counter++));
  fs.mkdirSync(dir);
  let message = '';
  try {
    const s = scopesIn(dir);
    build(s);
    AksNetworkSynth.synth(s.app, [s.k8s]);
  } catch (e) {
    message = (e as Error).message;
  }
  const dirs = (fs.readdirSync(dir, { recursive: true }) as string[]).filter(
    (d) => !['cdktf.out', path.join('cdktf.out', 'stacks')].includes(d),
  );
  return { message, written: filesUnder(dir), dirs };
}

describe('bad inputs fail synthesis with where, value and fix, and write nothing', () => {
  test.each(CASES)('%s', (_what, build, where, value, fix) => {
    expect([where, value, fix].every((part) => part.length > 0)).toBe(true);
    const { message, written, dirs } = attempt(build);
    expect(message).not.toBe('');
    for (const part of [where, value, fix]) expect(message).toContain(part);
    expect(written).toEqual([]);
    expect(dirs).toEqual([]);
  });

  test('the catalogue is large and every case distinct', () => {
    expect(new Set(CASES.map(([what]) => what)).size).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(220);
  });

  test('every case names a construct path, a value-class factory or a rule of the pack', () => {
    const kinds = CASES.map(([, , where]) =>
      /^[A-Z]\w* \S+$/.test(where)
        ? 'construct'
        : /^[A-Z]\w*(\.\w+)?$/.test(where)
          ? 'factory'
          : /^\S+: \[AKSNET-(AZ|K8S)-\d{3}\]$/.test(where)
            ? 'rule'
            : where,
    );
    expect(kinds.filter((k) => !['construct', 'factory', 'rule'].includes(k))).toEqual([]);
  });
});
