// Projects so unit, integration, contract and stub tests can run alone (`--selectProjects`).
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];
const common = {
  transform: { '^.+\\.ts$': swc },
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};

// The emulator's contract with wx-server-sdk, run again against each older major in use (4.x runs in
// `integration`); each is an exact npm alias in devDependencies.
const contract = ['database', 'storage', 'openapi', 'wireContract'].map(
  (file) => `<rootDir>/test/integration/emulator/${file}.test.ts`,
);
const olderSdks = [
  ['contract-2.6.3', 'wx-server-sdk-2'],
  ['contract-3.0.4', 'wx-server-sdk-3'],
].map(([displayName, sdk]) => ({
  ...common,
  displayName,
  testMatch: contract,
  globals: { CONTRACT_SDK: sdk },
}));

/** @type {import('jest').Config} */
module.exports = {
  // Integration tests drive real processes and the OCR engine; jest's 5 s default is for unit tests.
  testTimeout: 180_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      slowTestThreshold: 30,
    },
    ...olderSdks,
    {
      ...common,
      displayName: 'stub',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/miniprogram-stub/**/*.test.ts'],
    },
  ],
};
