import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'template-strategy-plugin',
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
