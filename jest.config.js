// One Jest run covers three tiers: unit specs beside the code (`*.spec.ts`), integration specs
// (`*.int-spec.ts`, real PostgreSQL/RabbitMQ) and end-to-end specs under test/ (`*.e2e-spec.ts`).
// Global setup provisions one migrated template database and one test PKI per run; every spec
// file that needs infrastructure clones its own database and AMQP prefix from it (test/support).
// The web console's unit specs (apps/console/src, `*.spec.ts(x)`) run here too, in the same node
// environment: they test logic and server-rendered markup, so they need no DOM (no jsdom).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: [
    '<rootDir>/{apps,libs,test}/**/*.{spec,int-spec,e2e-spec}.ts',
    '<rootDir>/apps/console/src/**/*.spec.tsx',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    // The console's React components: JSX with React 17+'s automatic runtime, as Vite builds it.
    '^.+\\.tsx$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Per test and per hook. Generous because CI runs the three tiers at once on a 2-core machine
  // that may be busy besides: a beforeAll that starts the axis and delivers a dispatch, or
  // generates a PKI with openssl, took 20 to 30 s at load ~16. The polling helpers give up first
  // (45 s, test/support/wait-for.ts and the messaging kit's waitUntil), naming what they awaited.
  testTimeout: 120000,
  maxWorkers: 2,
};
