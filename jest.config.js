/** Transpile-only (swc); type checking runs once in `npm run typecheck`. */
module.exports = {
  testEnvironment: 'node',
  // jest's default on 2 cores is one worker; two halve the wall time (module loading dominates)
  maxWorkers: 2,
  roots: ['<rootDir>/test'],
  setupFilesAfterEnv: ['<rootDir>/test/setup-stack-traces.ts'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2020' }, module: { type: 'commonjs' } }],
  },
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
