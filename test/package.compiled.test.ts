import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import * as path from 'path';

// What `npm pack` ships: compiled JS, .d.ts, the jsii assembly and docs; never tests, examples or benches.
describe('npm package contents', () => {
  const root = path.join(__dirname, '..');
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);

  test.each([
    '.jsii',
    'API.md',
    'README.md',
    'LICENSE',
    'lib/index.js',
    'lib/index.d.ts',
    'bin/egress-rules.js',
    'package.json',
  ])('ships %s', (file) => expect(files).toContain(file));

  test('source maps are separate files, so loading the library never reads them', () => {
    expect(files).toContain('lib/index.js.map');
    const js = readFileSync(path.join(root, 'lib/synth/synth.js'), 'utf8');
    expect(js).not.toContain('sourceMappingURL=data:');
    expect(js.trimEnd().endsWith('//# sourceMappingURL=synth.js.map')).toBe(true);
  });

  test('ships no sources of tests, examples or benchmarks, and no TypeScript sources', () => {
    expect(files.filter((f) => /^(test|examples|bench|cdktf\.out|dist)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  test('importing the library loads no provider or generated Kubernetes module; a construct loads only what it creates', () => {
    const probe = `
      const loaded = () => Object.keys(require.cache)
        .filter((f) => f.includes('provider-azurerm') || f.includes('cdk8s-plus-28'))
        .map((f) => f.split(/provider-azurerm\\/lib\\/|cdk8s-plus-28\\//)[1]).sort();
      const lib = require('./lib');
      const atImport = loaded();
      const { App, TerraformStack } = require('cdktf');
      new lib.ClusterNetwork(new TerraformStack(new App(), 's'), 'n', { location: 'westeurope', addressSpace: '10.0.0.0/16' });
      console.log(JSON.stringify({ atImport, afterNetwork: loaded() }));`;
    const result = JSON.parse(execFileSync('node', ['-e', probe], { cwd: root, encoding: 'utf8' }));
    expect(result.atImport).toEqual([]);
    expect(result.afterNetwork).toEqual([
      'resource-group/index.js',
      'subnet/index.js',
      'virtual-network/index.js',
    ]);
  });
});
