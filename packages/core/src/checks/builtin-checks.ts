import type { CheckDefinition } from '../plugins/define-check.js';
import { execCheck } from './exec.js';
import { fileCheck } from './file.js';
import { neighborCheck } from './neighbor.js';

/** Checks that ship in core, by the short name used in `check.use`. */
export const builtinChecks: Readonly<Record<string, CheckDefinition>> = {
  exec: execCheck as unknown as CheckDefinition,
  file: fileCheck as unknown as CheckDefinition,
  neighbor: neighborCheck as unknown as CheckDefinition,
};
