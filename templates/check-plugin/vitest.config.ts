import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'template-check-plugin',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
  },
});
