import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { asAgency } from '@docaxis/testing/agency-client';
import { attachDispatch, envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { testRunDir } from '@docaxis/testing/test-run';
import { waitFor } from '@docaxis/testing/wait-for';

const A = '000.00.00.G22';
const B = '000.00.00.H41';

interface LogLine {
  name: string;
  consumer?: string;
  correlationId?: string;
  msg?: string;
}

/**
 * Which app wrote a line. In production every app is its own process and `name` says it; here
 * the four share one process, where nestjs-pino's out-of-request logger is the first app's, so
 * a consumer's lines are told apart by the `consumer` field of their message context.
 */
const appOf = (line: LogLine) => line.consumer?.replace(/^docaxis-/, '') ?? line.name;

/** One dispatch can be followed through the logs of every app by the caller's correlation id. */
describe('correlation id across gateway, broker and every app (JSON logs)', () => {
  let axis: RunningAxis;
  const logDir = join(testRunDir(), `logs-${process.pid}`);
  const logFile = join(logDir, 'axis.log');
  const readLines = (): LogLine[] =>
    existsSync(logFile)
      ? readFileSync(logFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as LogLine)
      : [];

  beforeAll(async () => {
    mkdirSync(logDir, { recursive: true });
    axis = await startAxis('corr', { LOG_LEVEL: 'debug', LOG_FILE: logFile });
  });

  afterAll(async () => {
    await axis?.stop();
  });

  it('carries the X-Correlation-Id into every app, and logs no document contents nor credentials', async () => {
    const correlationId = `e2e-trace-${Date.now()}`;
    const subject = `Trích yếu bí mật nội dung ${correlationId}`;
    const pdf = await signedDispatchPdf(axis.pki, A);
    const response = await attachDispatch(
      asAgency(axis, A).post('/dispatches'),
      envelopeJson(A, [B], { subject }),
      [{ name: 'cong-van.pdf', bytes: pdf }],
    )
      .set('X-Correlation-Id', correlationId)
      .set('Authorization', 'Bearer do-not-log-this-token');
    expect(response.status).toBe(202);
    expect(response.headers['x-correlation-id']).toBe(correlationId);

    const apps = await waitFor(
      () =>
        Promise.resolve(
          new Set(
            readLines()
              .filter((l) => l.correlationId === correlationId)
              .map(appOf),
          ),
        ),
      (names) => ['gateway', 'verifier', 'router', 'audit'].every((app) => names.has(app)),
      'log lines with the correlation id from all four apps',
    );
    expect([...apps].sort()).toEqual(['audit', 'gateway', 'router', 'verifier']);
    // Each app says what it did with the message under that id.
    const handled = readLines().filter(
      (l) => l.correlationId === correlationId && /^handled /.test(l.msg ?? ''),
    );
    expect(new Set(handled.map(appOf))).toEqual(new Set(['verifier', 'router', 'audit']));

    const text = readFileSync(logFile, 'utf8');
    expect(text).not.toContain(subject);
    expect(text).not.toContain('do-not-log-this-token');
    const slice = pdf.subarray(200, 264);
    expect(text).not.toContain(slice.toString('base64'));
    expect(text).not.toContain(slice.toString('latin1'));
  });
});
