import { join } from 'node:path';

/** The apps `npm start` and the benchmark run, each in a process of its own (as production does). */
export const AXIS_APPS = ['gateway', 'router', 'verifier', 'audit', 'notifier'] as const;
export type AxisAppName = (typeof AXIS_APPS)[number];

/** An app's compiled entry (`npm run build`), relative to the repository root. */
export function axisAppEntry(name: AxisAppName): string {
  return join('dist/apps', name, 'src/main.js');
}

/**
 * Node flags every app runs with: here for `npm start` and the benchmark, and as `NODE_OPTIONS` in
 * the Dockerfile (keep the two alike). A young generation twice V8's default (16 MB semi-spaces):
 * the apps allocate much short-lived data per dispatch (request bodies, PDFs, query rows), and a
 * larger nursery lets more of it die before it is copied or promoted. bench (2 runs each): GC time
 * of the five apps -20 %, CPU per dispatch -5 % (noisy), peak RSS +~40 MB per app (see
 * bench/README.md).
 */
export const AXIS_APP_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
