import { execFileSync, spawnSync } from 'child_process';
import * as path from 'path';

// The compiled egress-rules CLI, as `npx egress-rules` runs it (this file runs after the build).
const bin = path.join(__dirname, '..', 'bin', 'egress-rules.js');

describe('egress-rules, compiled', () => {
  test('CLI: the compiled bin runs under node', () => {
    const out = execFileSync(
      process.execPath,
      [bin, '--cloud', 'usgov', '--location', 'usgovvirginia', '--format', 'csv', '--private'],
      { encoding: 'utf8' },
    );
    expect(out.split('\n')[0]).toMatch(/^name,kind,protocol/);
    // the US Government private-cluster exemption is not inferred (catalogue revision 2)
    expect(out).toMatch(/\.hcp\.usgovvirginia\./);
    expect(out).toMatch(/login\.microsoftonline\.us/);
  });

  test('--location westeuropee exits non-zero with the region meant', () => {
    const run = spawnSync(process.execPath, [bin, '--location', 'westeuropee'], { encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('did you mean westeurope?');
  });
});
