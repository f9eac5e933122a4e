/** Browser end-to-end tests: playwright-core driving Chromium against the built app (`npm run build` first). */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json', diagnostics: false }] },
  testMatch: ['<rootDir>/tests/browser/**/*.spec.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
};
