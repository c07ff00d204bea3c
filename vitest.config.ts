import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests that build or spawn fresh Node processes live beside the others but take longer.
    testTimeout: 20_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
    },
    projects: [
      {
        extends: true,
        test: { name: 'library', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/cli/**'] },
      },
      // The command line's tests run the bin in dozens of child processes; they go
      // after the rest, so their load never starves the library's timing tests.
      { extends: true, test: { name: 'cli', include: ['test/cli/**/*.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
