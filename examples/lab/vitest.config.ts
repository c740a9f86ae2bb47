import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.js';

export default defineProject({
  // Also run from the repo root with --config examples/lab/vitest.config.ts.
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    name: 'lab',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // The lab test drives real daemons through failovers; each step polls with its own deadline.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
