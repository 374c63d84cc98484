import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // What the tests poll for (a notice sent, a decision shown) is seconds away on a loaded machine, not one.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
  },
});
