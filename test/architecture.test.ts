import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';

// The import graph of lib/: no file imports itself through others, no two folders import each other,
// and every import runs down the layers (the lint rule says which; this test proves the whole graph).
const LIB = path.join(__dirname, '..', 'lib');
const LAYER_ORDER = ['core', 'plan', 'verify', 'azure', 'k8s', 'synth'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import|require\()\s*['"](\.[^'"]+)['"]/g)].map((m) => m[1]);
  return specs.map((spec) => {
    const base = path.resolve(path.dirname(file), spec);
    for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
      try {
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // try the next form
      }
    }
    throw new Error(`${path.relative(LIB, file)} imports ${spec}, which does not resolve`);
  });
}

const files = sources(LIB);
const graph = new Map(files.map((f) => [f, importsOf(f)] as const));
const rel = (f: string) => path.relative(LIB, f);
const layerOf = (f: string) => rel(f).split(path.sep)[0].replace(/\.ts$/, '');

describe('the import graph of lib/', () => {
  test('has no cycle', () => {
    const cycles: string[][] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 'open');
      stack.push(f);
      for (const next of graph.get(f) ?? []) {
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map(rel));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(f, 'done');
    };
    files.forEach((f) => state.has(f) || visit(f));
    expect(cycles).toEqual([]);
  });

  test('imports run down the layers (synth → azure, k8s → verify → plan → core)', () => {
    const upward = files.flatMap((f) =>
      (graph.get(f) ?? [])
        .filter((to) => layerOf(f) !== 'index' && layerOf(to) !== layerOf(f))
        .filter((to) => {
          const [from, target] = [LAYER_ORDER.indexOf(layerOf(f)), LAYER_ORDER.indexOf(layerOf(to))];
          const siblings = ['azure', 'k8s'].includes(layerOf(f)) && ['azure', 'k8s'].includes(layerOf(to));
          return target > from || siblings;
        })
        .map((to) => `${rel(f)} → ${rel(to)}`),
    );
    expect(upward).toEqual([]);
  });

  test('no two top-level folders import each other', () => {
    const folder = layerOf;
    const pairs = new Set<string>();
    for (const [f, targets] of graph) {
      for (const to of targets) {
        if (folder(f) !== folder(to)) pairs.add(`${folder(f)} → ${folder(to)}`);
      }
    }
    const mutual = [...pairs].filter((p) => {
      const [a, b] = p.split(' → ');
      return pairs.has(`${b} → ${a}`) && a < b;
    });
    expect(mutual).toEqual([]);
  });
});
