import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HeapProbeSample } from '../../scripts/heap-probe';

/**
 * The benchmark's side of `--heap-probe`: the Node flags and environment that make each app load
 * scripts/heap-probe.ts (compiled into dist/ with the apps), and the samples it recorded.
 */
export class HeapProbe {
  readonly nodeArgs: readonly string[] = [
    '--expose-gc',
    '--require',
    './dist/scripts/heap-probe.js',
  ];
  readonly env: NodeJS.ProcessEnv;

  private constructor(
    private readonly dir: string,
    intervalMs: number,
  ) {
    this.env = { DOCAXIS_HEAP_PROBE_DIR: dir, DOCAXIS_HEAP_PROBE_MS: String(intervalMs) };
  }

  static prepare(workDir: string, intervalMs = 5000): HeapProbe {
    const dir = join(workDir, 'heap-probe');
    mkdirSync(dir, { recursive: true });
    return new HeapProbe(dir, intervalMs);
  }

  /** The samples process `pid` recorded between `fromMs` and `toMs` (epoch ms), oldest first. */
  samples(pid: number, fromMs: number, toMs: number): HeapProbeSample[] {
    let text = '';
    try {
      text = readFileSync(join(this.dir, `${pid}.jsonl`), 'utf8');
    } catch {
      return [];
    }
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as HeapProbeSample)
      .filter((sample) => sample.at >= fromMs && sample.at <= toMs);
  }
}
