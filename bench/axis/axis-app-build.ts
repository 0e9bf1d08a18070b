import { spawnSync } from 'node:child_process';
import { BenchFailureError } from '../support/bench-failure.error';

/**
 * Compiles the apps as `npm run build` does (`tsc -p tsconfig.build.json`, then `tsc-alias`) into
 * the dist/ of the checkout the benchmark runs in, so it measures the JavaScript production runs,
 * built from this worktree's sources. Unlike `npm run build`: `--noCheck` (the emitted files are
 * byte for byte the same, in less than half the time; `npm run check` is where types are checked),
 * incremental (its build info lives in dist/, so an unchanged tree rebuilds in a few seconds and
 * `rm -rf dist` starts afresh), and no console (static files no app loads).
 */
export function buildAxisApps(repoRoot: string): void {
  run(repoRoot, require.resolve('typescript/bin/tsc'), [
    '-p',
    'tsconfig.build.json',
    '--noCheck',
    '--incremental',
    '--tsBuildInfoFile',
    'dist/.bench-build.tsbuildinfo',
  ]);
  run(repoRoot, require.resolve('tsc-alias/dist/bin/index.js'), ['-p', 'tsconfig.build.json']);
}

function run(cwd: string, script: string, args: readonly string[]): void {
  // The compiler's messages go to stderr: stdout carries the benchmark's tables.
  const result = spawnSync(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    throw new BenchFailureError(
      'BENCH_BUILD_FAILED',
      `${script} ${args.join(' ')} exited with ${result.status ?? result.signal}`,
    );
  }
}
