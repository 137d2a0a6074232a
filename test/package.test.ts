import { execFileSync } from 'child_process';
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

  test.each(['.jsii', 'API.md', 'README.md', 'LICENSE', 'lib/index.js', 'lib/index.d.ts', 'package.json'])(
    'ships %s',
    (file) => expect(files).toContain(file),
  );

  test('ships no sources of tests, examples or benchmarks, and no TypeScript sources', () => {
    expect(files.filter((f) => /^(test|examples|bench|cdktf\.out|dist)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });
});
