// The entry for plugin authors: `import { defineCheck, z } from '@exaplug/core/plugin'`.
// Re-exporting zod means a plugin's schema is built with the same zod the core validates with.
export { z } from 'zod';
export { defineCheck, isCheckDefinition } from './plugins/define-check.js';
export type { CheckContext, CheckDefinition, CheckInstance, CheckNeeds, CheckRunInput, CheckSpec, CheckWatchEvidence, CheckWatchInput } from './plugins/define-check.js';
export { defineStrategy, isStrategyDefinition } from './plugins/define-strategy.js';
export type {
  StrategyContext,
  StrategyDefinition,
  StrategyInput,
  StrategyInstance,
  StrategySpec,
} from './plugins/define-strategy.js';
export { degraded, failed, healthy, isPassing } from './plugins/check-result.js';
export type { CheckResult, CheckStatus, CheckValues } from './plugins/check-result.js';
export type { RouteIntent } from '@exaplug/protocol';
export type { AnnouncedState } from './health/health-state.js';
export type { Logger } from './logger.js';
export { silentLogger } from './logger.js';
export { coreVersion } from './plugins/core-version.js';
export { ExaplugError, isExaplugError } from './errors.js';
export { formatDuration, parseDuration } from './duration.js';
export { describeDuration, durationOption } from './plugins/duration-option.js';
export { regexOption } from './plugins/regex-option.js';
export { movedTimeoutOption } from './plugins/moved-timeout-option.js';
export { readOptionFile } from './plugins/read-option-file.js';
export { describeAbort } from './plugins/describe-abort.js';
export { watchListener } from './plugins/watch-listener.js';
export type { WatchListenerOptions } from './plugins/watch-listener.js';
export { killProcessTree, spawnInGroup } from './plugins/process-group.js';
export { createCheckContext } from './plugins/create-check-context.js';
export type { NeighborView } from './plugins/neighbor-view.js';
