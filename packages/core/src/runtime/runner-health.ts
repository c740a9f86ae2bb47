import { initialHealthState, type HealthState } from '../health/health-state.js';
import { nextHealthState, type HealthObservation, type Hysteresis } from '../health/next-health-state.js';
import { isSameValues, readCheckValues, type CheckResult, type CheckValues } from '../plugins/check-result.js';
import type { RunnerVerdict } from './runner-types.js';
import type { RuntimeEvents } from './runtime-events.js';

export interface RunnerHealthOptions {
  service: string;
  events: RuntimeEvents;
  /** The service's rise and fall, and whether its strategy grades `degraded`. */
  hysteresis: Hysteresis;
}

/**
 * One service's health as its rounds saw it: the rise/fall state, the last result, and the
 * latest values the check reported. Tells each result and each change of state.
 */
export class RunnerHealth {
  private readonly options: RunnerHealthOptions;
  private current: HealthState = initialHealthState;
  private last: CheckResult | undefined;
  private latestValues: CheckValues = {};

  constructor(options: RunnerHealthOptions, inherited?: RunnerVerdict) {
    this.options = options;
    if (inherited) {
      this.current = inherited.state;
      this.last = inherited.lastResult;
      this.latestValues = inherited.values ?? {};
    }
  }

  get state(): HealthState {
    return this.current;
  }

  get lastResult(): CheckResult | undefined {
    return this.last;
  }

  get values(): CheckValues {
    return this.latestValues;
  }

  /** Keeps a check's result; true when it brought values that differ from the previous ones. */
  record(result: CheckResult): boolean {
    this.last = result;
    this.options.events.emit({ type: 'checkCompleted', service: this.options.service, result });
    const values = readCheckValues(result);
    if (values === undefined || isSameValues(values, this.latestValues)) return false;
    this.latestValues = values;
    return true;
  }

  /**
   * The next rise/fall state. `conclusive`: the watch saw the service refuse connections,
   * so a failure counts as the whole fall.
   */
  advance(observation: HealthObservation, conclusive = false): HealthState {
    const previous = this.current;
    const { hysteresis, events, service } = this.options;
    this.current = nextHealthState(previous, observation, conclusive && observation === 'fail' ? { ...hysteresis, fall: 1 } : hysteresis);
    if (previous.name !== this.current.name) events.emit({ type: 'healthChanged', service, from: previous.name, to: this.current.name });
    return this.current;
  }
}
