import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../..');

/**
 * `npm run bench -- --quick` in CI: the end-to-end benchmark must run against the real RabbitMQ
 * and PostgreSQL, print its tables and write its JSON. Only that it completes is asserted; its
 * numbers mean nothing on a shared CI machine (they belong in bench/README.md, measured by hand).
 */
describe('npm run bench (quick mode)', () => {
  it('runs every scenario end to end and prints the baseline, scenario and target tables', () => {
    const run = spawnSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'bench/axis.bench.ts',
        '--quick',
        '--seconds',
        '1',
        '--sustain-seconds',
        '1',
        '--skip-5mb',
        '--log-level',
        'warn',
      ],
      { cwd: repoRoot, encoding: 'utf8', timeout: 280_000, env: { ...process.env } },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    expect({ status: run.status, tail: output.slice(-3000) }).toEqual(
      expect.objectContaining({ status: 0 }),
    );
    expect(run.stdout).toContain('| amqplib → quorum queue → consumer |');
    expect(run.stdout).toMatch(/\| node:crypto verify, \d+ KiB PDF \|/);
    // The raw pipeline served the same load without an error (it stops the run otherwise).
    expect(run.stdout).toMatch(/\| raw pipeline, 2 × \d+ KiB PDFs, 64 senders \| [1-9]\d* \|/);
    expect(run.stdout).toContain('| docaxis ÷ raw pipeline |');
    for (const senders of [1, 8, 64]) {
      expect(run.stdout).toMatch(
        // dispatches, errors (none), busy 503s (the senders waited and sent again)
        new RegExp(`\\| 2 × \\d+ KiB PDFs \\| ${senders} \\| [1-9]\\d* \\| 0 \\| \\d+ \\|`),
      );
    }
    expect(run.stdout).toContain('| ≥ 1000 dispatches/s |');
    expect(run.stdout).toContain('| CPU ms per dispatch | senders | gateway |');
    expect(run.stdout).toContain('| PG xacts/dispatch |');
    expect(run.stdout).toContain('| errors | busy 503s |');
    const resultFile = /Results written to (\S+)/.exec(run.stdout)?.[1];
    expect(resultFile && existsSync(resultFile)).toBe(true);
    const results = JSON.parse(readFileSync(join(resultFile!), 'utf8')) as {
      rawPipeline: {
        load: { completed: number; errors: number };
        cpuMsPerDispatch: { pipeline: number; total: number } | null;
      };
      rows: {
        load: { completed: number; errors: number };
        cpuMsPerDispatch: Record<string, number | null>;
        transactionsPerDispatch: number;
      }[];
    };
    expect(results.rawPipeline.load).toMatchObject({ errors: 0 });
    expect(results.rawPipeline.load.completed).toBeGreaterThan(0);
    expect(results.rawPipeline.cpuMsPerDispatch?.pipeline).toBeGreaterThan(0);
    expect(results.rows).toHaveLength(3);
    for (const row of results.rows) {
      expect(row.load.completed).toBeGreaterThan(0);
      // Linux CI has /proc: the apps' own processes are always measurable.
      expect(row.cpuMsPerDispatch.gateway).toBeGreaterThan(0);
      expect(row.cpuMsPerDispatch.total).toBeGreaterThan(0);
      // Every dispatch is at least submitted, verified, routed and delivered in transactions.
      expect(row.transactionsPerDispatch).toBeGreaterThan(4);
    }
  }, 300_000);
});
