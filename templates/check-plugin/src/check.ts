import { defineCheck, degraded, failed, formatDuration, healthy } from '@exaplug/core/plugin';
import type { CheckResult } from '@exaplug/core/plugin';
import { converse } from './converse.js';
import { exampleOptions } from './options.js';

/** Shows a reply in a reason without flooding the log. */
function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/** Healthy when the server answers with the expected text; the core loads it by this export name. */
export const check = defineCheck({
  name: 'example',
  coreVersion: '^0.1.0',
  options: exampleOptions,
  create(options) {
    const slowAfterMs = options.slowAfter ?? Infinity;
    return {
      async run({ signal }): Promise<CheckResult> {
        const started = performance.now();
        const outcome = await converse(options, signal);
        const durationMs = Math.round(performance.now() - started);
        if ('error' in outcome) return { ...failed(outcome.error), durationMs };
        if (!outcome.reply.includes(options.expect)) {
          return { ...failed(`reply ${quote(outcome.reply)} lacks ${quote(options.expect)}`), durationMs };
        }
        if (durationMs > slowAfterMs) {
          const limit = formatDuration(slowAfterMs);
          return { ...degraded(`replied in ${durationMs}ms, slower than ${limit}`), durationMs };
        }
        return { ...healthy(`replied ${quote(options.expect)} in ${durationMs}ms`), durationMs };
      },
    };
  },
});
