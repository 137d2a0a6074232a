// Imports only the synth runner by deep path: the security rule pack must run all the same.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { App } from 'cdktf';
import { AksNetworkSynth } from '../lib/core/synth';

test('the security rule pack runs even when only the synth runner is imported', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksnet-wiring-'));
  try {
    const k8s = new cdk8s.App({ outdir: path.join(dir, 'k8s') });
    const chart = new cdk8s.Chart(k8s, 'c', { namespace: 'shop' });
    new cdk8s.ApiObject(chart, 'Svc', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc' },
      spec: { type: 'NodePort', ports: [{ port: 80 }] },
    });
    expect(() => AksNetworkSynth.synth(new App({ outdir: path.join(dir, 'tf') }), [k8s])).toThrow(
      /c\/Svc: \[AKSNET-K8S-011\] Service shop\/svc: type is NodePort; use ClusterIP/,
    );
    expect(fs.existsSync(path.join(dir, 'k8s'))).toBe(false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
