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
    const wanted = options.healthyWhen === 'exists';
    // Made once: the runtime copies a result before it adds to it, and at a thousand checks a
    // second the two strings and objects an attempt made were a share of the framework's cost.
    const whenPresent = wanted ? healthy(`${path} exists`) : failed(`${path} exists`);
    const whenAbsent = wanted ? failed(`${path} does not exist`) : healthy(`${path} is absent`);
    const present = () => whenPresent;
    const absent = () => whenAbsent;
    return {
      run: () => access(path).then(present, absent),
    };
  },
});
