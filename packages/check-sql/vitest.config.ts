import { defineProject } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.js';

// Vitest hands ssr conditions to Node as --conditions; with `import` among them, pg's
// require('pg-pool') would load pg-pool's ESM build and break. Node adds import/require itself.
const nodeConditions = sourceConditions.filter((condition) => condition !== 'import' && condition !== 'module');

export default defineProject({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: nodeConditions } },
  test: {
    name: 'check-sql',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
  },
});
