import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers of lib/, each importing only the ones below it:
//   synth → azure, k8s → verify → plan → core
// core is the ground floor and the only place that loads provider classes and generated Kubernetes
// classes; verify is pure (no construct of ours); azure and k8s never import each other.
const LAYERS = {
  core: ['plan', 'verify', 'azure', 'k8s', 'synth'],
  plan: ['verify', 'azure', 'k8s', 'synth'],
  verify: ['azure', 'k8s', 'synth'],
  azure: ['k8s', 'synth'],
  k8s: ['azure', 'synth'],
  synth: [],
};
const barrel = {
  name: '@cdktf/provider-azurerm',
  message: 'Import provider classes by deep path (@cdktf/provider-azurerm/lib/<resource>); the barrel costs seconds per process.',
};
const loaders = [
  { group: ['@cdktf/provider-azurerm/*'], message: 'Provider classes load through lib/core/azurerm (the only place that knows the provider).' },
  { group: ['cdk8s-plus-28/lib/imports/*'], message: 'Generated Kubernetes classes load through lib/core/kube.' },
];
const layerRule = (layer) => ({
  files: [`lib/${layer}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [barrel],
        patterns: [
          ...LAYERS[layer].map((upper) => ({
            regex: `^(\\.\\./)+${upper}(/|$)`,
            message: `lib/${layer} may not import lib/${upper}: imports run synth → azure, k8s → verify → plan → core.`,
          })),
          ...(layer === 'core' ? [] : loaders),
          ...(['plan', 'verify'].includes(layer)
            ? [{ group: ['cdktf', 'cdktf/*', 'cdk8s', 'cdk8s/*', 'cdk8s-plus-28', 'cdk8s-plus-28/*'], message: `lib/${layer} is pure: no cdktf or cdk8s.` }]
            : []),
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['**/*.js', '**/*.d.ts', 'node_modules/**', 'cdktf.out/**', 'dist/**', 'dist-jsii/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [barrel] }],
      eqeqeq: ['error', 'always'],
    },
  },
  ...Object.keys(LAYERS).map(layerRule),
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
