import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listFiles, SCENARIOS, synthScenario, writtenManifests, writtenStacks } from './tools/examples';
import { validateManifests } from './tools/k8s-schema';
import { checkTerraform } from './tools/tf-check';

// Each scenario is synthesized once for every test that reads its output, and once more to compare.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aksnet-examples-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe.each(SCENARIOS.map((s) => [s.name, s.build] as const))('scenario %s', (name, build) => {
  const dir = path.join(root, name);
  let k8sApps = 0;
  beforeAll(() => {
    k8sApps = synthScenario(build, dir);
  });

  test('every written manifest is schema-valid', () => {
    const manifests = writtenManifests(dir);
    expect(manifests.length > 0).toBe(k8sApps > 0);
    const errors = manifests.flatMap(({ file, objects }) =>
      validateManifests(objects).map((e) => `${file}: ${e}`),
    );
    expect(errors).toEqual([]);
  });

  test('every written stack is self-consistent', () => {
    const stacks = writtenStacks(dir);
    expect(stacks.length).toBeGreaterThan(0);
    const errors = stacks.flatMap(({ file, json }) => checkTerraform(json).map((e) => `${file}: ${e}`));
    expect(errors).toEqual([]);
  });

  test('the written output matches its snapshot (Terraform JSON, manifests, reports)', () => {
    for (const file of listFiles(dir).filter((f) => !f.endsWith('manifest.json'))) {
      expect(fs.readFileSync(path.join(dir, file), 'utf8')).toMatchSnapshot(file);
    }
  });

  // The whole output, Terraform JSON, cdktf manifest.json, manifests and reports, compared with a
  // second synthesis into another directory.
  test('a second synthesis writes the same bytes, and nothing depends on where the output goes', () => {
    const again = path.join(root, `${name}-again`);
    synthScenario(build, again);
    const files = listFiles(dir);
    expect(files).toEqual(listFiles(again));
    expect(files.some((f) => f.endsWith('cdk.tf.json'))).toBe(true);
    expect(files.some((f) => f.endsWith('manifest.json'))).toBe(true);
    expect(files.some((f) => f.endsWith('.k8s.yaml'))).toBe(k8sApps > 0);
    // every cdk8s app gets its report next to its manifests
    const manifestDirs = new Set(files.filter((f) => f.endsWith('.k8s.yaml')).map((f) => path.dirname(f)));
    for (const d of manifestDirs) expect(files).toContain(path.join(d, 'security-report.md'));
    // latin1 maps every byte to one character: equal strings are equal bytes
    const bytes = (base: string, f: string) => fs.readFileSync(path.join(base, f)).toString('latin1');
    expect(files.filter((f) => bytes(dir, f) !== bytes(again, f))).toEqual([]);
    // cdktf's annotation stack traces carried absolute paths. cdktf's default local backend does
    // record process.cwd(); stacks that deploy set a backend.
    expect(files.filter((f) => bytes(dir, f).includes(root))).toEqual([]);
  });
});
