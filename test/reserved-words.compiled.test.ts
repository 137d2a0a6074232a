import { readFileSync } from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
// jsii's own lists of the words C#, Java, Python and Go reserve (the package exports no path to them).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isReservedName } = require(path.join(root, 'node_modules', 'jsii', 'lib', 'reserved-words.js')) as {
  isReservedName: (name: string) => string[] | undefined;
};

/**
 * Names the API keeps although a target language reserves them, and why. `namespace` is the
 * Kubernetes word users look for; jsii-pacmak writes it as the C# property `Namespace` and escapes
 * the C# parameter as `@namespace`, so the bindings compile (`npm run bindings` generates them).
 */
const KEPT = new Map([['namespace', 'C#: property Namespace, parameter @namespace']]);

interface Named {
  readonly name: string;
}
interface Callable extends Named {
  readonly parameters?: Named[];
}
interface JsiiType {
  readonly properties?: Named[];
  readonly methods?: Callable[];
  readonly initializer?: { readonly parameters?: Named[] };
}

// The compiled assembly: every property, method and parameter name another language sees.
describe('names in the other languages', () => {
  const assembly = JSON.parse(readFileSync(path.join(root, '.jsii'), 'utf8')) as {
    types: Record<string, JsiiType>;
  };
  const names: { where: string; name: string }[] = [];
  for (const [fqn, type] of Object.entries(assembly.types)) {
    for (const p of type.properties ?? []) names.push({ where: `${fqn}.${p.name}`, name: p.name });
    for (const m of type.methods ?? []) {
      names.push({ where: `${fqn}.${m.name}()`, name: m.name });
      for (const p of m.parameters ?? []) names.push({ where: `${fqn}.${m.name}(${p.name})`, name: p.name });
    }
    for (const p of type.initializer?.parameters ?? [])
      names.push({ where: `${fqn}(${p.name})`, name: p.name });
  }

  test('the assembly has members to look at', () => {
    expect(names.length).toBeGreaterThan(500);
  });

  test('no name is reserved in a target language, except the ones kept on purpose', () => {
    const reserved = names
      .filter(({ name }) => !KEPT.has(name) && (isReservedName(name) ?? []).length > 0)
      .map(({ where, name }) => `${where}: ${(isReservedName(name) ?? []).join(', ')}`);
    expect(reserved).toEqual([]);
  });

  test('the deprecated TypeScript aliases are not in the assembly', () => {
    const fqn = (name: string) => Object.keys(assembly.types).find((k) => k.endsWith(`.${name}`)) ?? name;
    expect(assembly.types[fqn('AzureLoadBalancerAnnotations')].methods?.map((m) => m.name)).not.toContain(
      'internal',
    );
    expect(assembly.types[fqn('CapacityLine')].properties?.map((p) => p.name)).not.toContain('range');
  });
});
