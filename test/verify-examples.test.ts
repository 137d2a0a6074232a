import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listFiles, SCENARIOS, synthScenario, writtenManifests, writtenStacks } from './tools/examples';
import { validateManifests } from './tools/k8s-schema';
import { checkTerraform } from './tools/tf-check';

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
});
