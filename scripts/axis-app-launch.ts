import { join } from 'node:path';

/** The apps `npm start` and the benchmark run, each in a process of its own (as production does). */
export const AXIS_APPS = ['gateway', 'router', 'verifier', 'audit', 'notifier'] as const;
export type AxisAppName = (typeof AXIS_APPS)[number];

/** An app's compiled entry (`npm run build`), relative to the repository root. */
export function axisAppEntry(name: AxisAppName): string {
  return join('dist/apps', name, 'src/main.js');
}
