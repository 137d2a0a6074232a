import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listFiles, SCENARIOS, synthScenario } from './tools/examples';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aksnet-determinism-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('two synths of every scenario are byte-identical', () => {
  test.each(SCENARIOS.map((s) => [s.name, s.build] as const))('%s', (name, build) => {
    const first = path.join(root, name, 'a');
    const second = path.join(root, name, 'b');
    const k8sApps = synthScenario(build, first);
    synthScenario(build, second);
    const files = listFiles(first);
    expect(files).toEqual(listFiles(second));
    // the whole output: Terraform JSON, cdktf manifest.json, manifests and reports
    expect(files.some((f) => f.endsWith('cdk.tf.json'))).toBe(true);
    expect(files.some((f) => f.endsWith('manifest.json'))).toBe(true);
    expect(files.some((f) => f.endsWith('.k8s.yaml'))).toBe(k8sApps > 0);
    // every cdk8s app gets its report next to its manifests
    const manifestDirs = new Set(files.filter((f) => f.endsWith('.k8s.yaml')).map((f) => path.dirname(f)));
    for (const d of manifestDirs) expect(files).toContain(path.join(d, 'security-report.md'));
    // latin1 maps every byte to one character: equal strings are equal bytes
    const bytes = (f: string) => fs.readFileSync(f).toString('latin1');
    const differing = files.filter((f) => bytes(path.join(first, f)) !== bytes(path.join(second, f)));
    expect(differing).toEqual([]);
    // nothing depends on where the output goes (cdktf's annotation stack traces carried absolute
    // paths). cdktf's default local backend does record process.cwd(); stacks that deploy set a backend.
    const locationDependent = files.filter((f) => bytes(path.join(first, f)).includes(root));
    expect(locationDependent).toEqual([]);
  });
});
