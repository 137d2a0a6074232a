import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listFiles } from './tools/examples';

// Bundlers see every module the library loads: an esbuild bundle of the compiled flagship loads
// nothing from node_modules and writes the same files as the unbundled app, byte for byte.
const root = path.join(__dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aksnet-bundle-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const flagship = path.join(root, 'examples', 'secure-baseline', 'main.js');
const bundled = path.join(work, 'bundle', 'main.js');
const recorder = path.join(work, 'record-loaded.js');

/** Runs `node <script>` with its outputs under `dir`; returns every module file the process loaded. */
function synth(script: string, dir: string): string[] {
  const record = path.join(dir, 'loaded.json');
  fs.mkdirSync(path.join(dir, 'out'), { recursive: true });
  execFileSync(process.execPath, ['--require', recorder, script], {
    cwd: dir,
    env: {
      ...process.env,
      CDKTF_OUTDIR: path.join(dir, 'out', 'cdktf.out'),
      AKS_NETWORK_MANIFEST_DIR: path.join(dir, 'out', 'dist'),
      RECORD_LOADED: record,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return (JSON.parse(fs.readFileSync(record, 'utf8')) as string[]).filter((f) => f !== recorder);
}

describe('esbuild bundle of examples/secure-baseline', () => {
  let warnings = '';
  const loaded: Record<'plain' | 'bundle', string[]> = { plain: [], bundle: [] };
  beforeAll(() => {
    fs.writeFileSync(
      recorder,
      "process.on('exit', () => require('fs').writeFileSync(process.env.RECORD_LOADED, JSON.stringify(Object.keys(require.cache))));\n",
    );
    // scripts/bundle.js prints esbuild's warnings and exits 1 when there are any; the bundle is written either way
    warnings = spawnSync(process.execPath, [path.join(root, 'scripts', 'bundle.js'), flagship, bundled], {
      encoding: 'utf8',
    }).stderr;
    for (const kind of ['plain', 'bundle'] as const) {
      const dir = path.join(work, kind);
      loaded[kind] = synth(kind === 'plain' ? flagship : bundled, dir);
    }
  }, 60_000);

  test('esbuild sees every module load (no warnings)', () => {
    expect(warnings).toBe('');
  });

  test('the bundle loads nothing but itself; the plain run loads cdktf once', () => {
    expect(loaded.bundle).toEqual([bundled]);
    const cdktfCopies = loaded.plain.filter((f) =>
      /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]index\.js$/.test(f),
    );
    expect(cdktfCopies).toHaveLength(1);
  });

  test('writes the same files, byte for byte (Terraform JSON, cdktf manifest, manifests, reports)', () => {
    const plainOut = path.join(work, 'plain', 'out');
    const bundleOut = path.join(work, 'bundle', 'out');
    const files = listFiles(plainOut);
    expect(files).toEqual(
      expect.arrayContaining([
        'cdktf.out/manifest.json',
        'cdktf.out/stacks/secure-baseline/cdk.tf.json',
        'dist/secure-baseline/myapp.k8s.yaml',
        'dist/secure-baseline/platform.k8s.yaml',
      ]),
    );
    expect(listFiles(bundleOut)).toEqual(files);
    // latin1 maps every byte to one character: equal strings are equal bytes
    const bytes = (base: string, f: string) => fs.readFileSync(path.join(base, f)).toString('latin1');
    const differing = files.filter((f) => bytes(plainOut, f) !== bytes(bundleOut, f));
    expect(differing).toEqual([]);
  });
});
