/**
 * Diagnostic preload for the benchmark's `--heap-probe` (never loaded by `npm start` or the image):
 * `node --expose-gc --require dist/scripts/heap-probe.js …`. Every `DOCAXIS_HEAP_PROBE_MS` it forces
 * a full garbage collection and appends the process's memory right after it to
 * `<DOCAXIS_HEAP_PROBE_DIR>/<pid>.jsonl`: heap used after a full GC is the live heap (what a leak
 * grows), which RSS, a sample of the heap between collections, or V8 growing its heap towards its
 * steady size do not tell apart. With `DOCAXIS_HEAP_PROBE_SNAPSHOTS` (ms since start, comma
 * separated) it also writes a heap snapshot at those times, to compare what the heap holds.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

export interface HeapProbeSample {
  /** Epoch ms. */
  at: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  arrayBuffersBytes: number;
  rssBytes: number;
}

const dir = process.env.DOCAXIS_HEAP_PROBE_DIR;
const intervalMs = Number(process.env.DOCAXIS_HEAP_PROBE_MS ?? 5000);
const collect = (globalThis as { gc?: () => void }).gc;

if (dir && collect) {
  const file = join(dir, `${process.pid}.jsonl`);
  setInterval(() => {
    collect();
    const memory = process.memoryUsage();
    const sample: HeapProbeSample = {
      at: Date.now(),
      heapUsedBytes: memory.heapUsed,
      heapTotalBytes: memory.heapTotal,
      externalBytes: memory.external,
      arrayBuffersBytes: memory.arrayBuffers,
      rssBytes: memory.rss,
    };
    appendFileSync(file, `${JSON.stringify(sample)}\n`);
  }, intervalMs).unref();
  for (const atMs of (process.env.DOCAXIS_HEAP_PROBE_SNAPSHOTS ?? '')
    .split(',')
    .filter(Boolean)
    .map(Number)) {
    setTimeout(() => {
      collect();
      writeHeapSnapshot(join(dir, `${process.pid}-${atMs}.heapsnapshot`));
    }, atMs).unref();
  }
}
