import type { AxisAppName } from './axis-app-process';
import { ProcessCpuMeter } from './process-cpu-meter';

/** Who is charged: each app's process, the broker (`beam.smp`), the database (every `postgres`). */
export type CpuConsumer = AxisAppName | 'rabbitmq' | 'postgres';

export const CPU_CONSUMERS: readonly CpuConsumer[] = [
  'gateway',
  'router',
  'verifier',
  'audit',
  'notifier',
  'rabbitmq',
  'postgres',
];

/** CPU milliseconds per completed dispatch; null where it could not be measured (no /proc, gone). */
export type CpuMsPerDispatch = Record<CpuConsumer | 'total', number | null>;

/** CPU used by each app's process and both servers over one scenario's window (ProcessCpuMeter). */
export class ScenarioCpuMeter {
  private constructor(private readonly meter: ProcessCpuMeter<AxisAppName>) {}

  static start(apps: readonly { name: AxisAppName; pid: number }[]): ScenarioCpuMeter {
    return new ScenarioCpuMeter(
      ProcessCpuMeter.start(new Map(apps.map((app) => [app.name, [app.pid]]))),
    );
  }

  /** Ends the window: each consumer's CPU ms divided by the dispatches completed in it. */
  perDispatch(completedDispatches: number): CpuMsPerDispatch {
    const measured = this.meter.perUnit(completedDispatches);
    const result = { total: null } as CpuMsPerDispatch;
    for (const consumer of CPU_CONSUMERS) {
      const ms = measured.get(consumer) ?? null;
      result[consumer] = ms;
      if (ms !== null) result.total = (result.total ?? 0) + ms;
    }
    return result;
  }
}
