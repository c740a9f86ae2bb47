import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'publish',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Real installs from a real registry: minutes, not milliseconds.
    testTimeout: 240_000,
    hookTimeout: 60_000,
  },
});
