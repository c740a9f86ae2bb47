import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { defineCheck } from '../plugins/define-check.js';
import { coreVersion } from '../plugins/core-version.js';
import { failed, healthy } from '../plugins/check-result.js';

const fileOptions = z.strictObject({
  path: z.string().min(1),
  healthyWhen: z.enum(['exists', 'missing']).default('exists'),
});

/** Healthy while a file exists (or while it does not): a switch other tools can flip. */
export const fileCheck = defineCheck({
  name: 'file',
  coreVersion: `^${coreVersion}`,
  options: fileOptions,
  create(options, context) {
    const path = resolve(context.configDir, options.path);
    return {
      async run() {
        const exists = await access(path).then(
          () => true,
          () => false,
        );
        const wanted = options.healthyWhen === 'exists';
        if (exists === wanted) return healthy(exists ? `${path} exists` : `${path} is absent`);
        return failed(exists ? `${path} exists` : `${path} does not exist`);
      },
    };
  },
});
