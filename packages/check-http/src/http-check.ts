import { type CheckResult, defineCheck, describeAbort, failed, formatDuration, watchListener } from '@exaplug/core/plugin';
import { describeRequestError, type TimeoutWords } from './describe-request-error.js';
import { evaluateHttpResponse } from './evaluate-http-response.js';
import { fetchHttpResponse } from './fetch-http-response.js';
import { createHttpAgents, type HttpAgents } from './http-agents.js';
import { httpOptionsSchema } from './http-options.js';
import { toHttpSettings } from './http-settings.js';

/** While the watch's listener refuses, it tries again this often (and says when it accepts). */
const watchRetryMs = 1000;

/** Requests a URL and judges the status, the body and the time it took. */
export const check = defineCheck({
  name: 'http',
  coreVersion: '^0.1.0',
  options: httpOptionsSchema,
  create(options, context) {
    const settings = toHttpSettings(options, context.configDir);
    const timeouts: TimeoutWords = { connect: formatDuration(settings.connectTimeoutMs), total: formatDuration(settings.timeoutMs) };
    // Made at the first attempt: `validate` creates every check and runs none.
    let agents: HttpAgents | undefined;
    const target = settings.watch;
    return {
      async run({ signal }): Promise<CheckResult> {
        try {
          agents ??= createHttpAgents(settings.keepAlive);
          return evaluateHttpResponse(await fetchHttpResponse(settings, signal, agents), settings);
        } catch (error) {
          if (signal.aborted) return failed(describeAbort(signal));
          return failed(describeRequestError(error, timeouts), { url: settings.url });
        }
      },
      ...(target && {
        watch: (input) => watchListener({ ...input, ...target, retryMs: watchRetryMs, connectTimeoutMs: settings.connectTimeoutMs }),
      }),
      close: () => agents?.destroy(),
    };
  },
});

/** The same check under a name that says what it is, for imports beside other checks. */
export const httpCheck = check;
