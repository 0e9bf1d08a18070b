import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { flipByteInSignedRange } from '@docaxis/signature/testing/pdf-tampering';
import { testRunDir } from '@docaxis/testing/test-run';
import { generateSpecDevPki } from '../dev-pki-spec-fixture';
import {
  createPdfSignatureVerifier,
  type PdfSignatureVerifierConfig,
} from '../pdf-signature-verifier';
import { PdfVerificationWorkerPool } from './pdf-verification-worker-pool';
import { VerificationWorkerFailedError } from './verification-worker-failed.error';
import { devPkiVerifierConfig } from '@docaxis/signature/testing/dev-pki-verifier';

const G22 = '000.00.00.G22';

describe('PdfVerificationWorkerPool (worker threads)', () => {
  let pki: DevPki;
  let config: PdfSignatureVerifierConfig;
  let pool: PdfVerificationWorkerPool | undefined;

  beforeAll(async () => {
    pki = await generateSpecDevPki('worker-pool');
    config = devPkiVerifierConfig(pki);
  });

  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('answers exactly what the in-process verifier answers, for many PDFs at once', async () => {
    pool = await PdfVerificationWorkerPool.start(config, 2);
    expect(pool.workerCount).toBe(2);
    const inProcess = await createPdfSignatureVerifier(config);
    const valid = await signedDispatchPdf(pki, G22);
    const revoked = await signedDispatchPdf(pki, G22, {
      organization: pki.special('revoked-organization'),
    });
    const tampered = flipByteInSignedRange(valid);
    const notAPdf = Buffer.from('not a pdf');
    const validationTime = new Date();
    const inputs = [valid, revoked, tampered, notAPdf, valid, revoked, tampered, notAPdf];
    const pooled = await Promise.all(inputs.map((pdf) => pool!.verify(pdf, { validationTime })));
    const expected = await Promise.all(
      inputs.map((pdf) => inProcess.verify(pdf, { validationTime })),
    );
    expect(pooled).toEqual(expected);
    expect(pooled.map((report) => report.subIndication ?? report.indication)).toEqual(
      expect.arrayContaining(['TOTAL-PASSED', 'REVOKED', 'FORMAT_FAILURE']),
    );
    expect(pooled[2].indication).not.toBe('TOTAL-PASSED');
  });

  it('refuses to start when a worker cannot load its trust store', async () => {
    const missing = join(mkdtempSync(join(testRunDir(), 'no-trust-')), 'absent');
    await expect(
      PdfVerificationWorkerPool.start({ ...config, trustAnchorsDir: missing }, 1),
    ).rejects.toBeInstanceOf(VerificationWorkerFailedError);
  });

  it('fails the tasks of a worker that dies, replaces it, and verifies again', async () => {
    pool = await PdfVerificationWorkerPool.start(config, 1);
    const valid = await signedDispatchPdf(pki, G22);
    const inFlight = pool.verify(valid);
    // What a crash (out of memory, a native fault) looks like from the pool: the thread is gone.
    const { workers } = pool as unknown as {
      workers: { thread: { terminate(): Promise<number> } }[];
    };
    await workers[0].thread.terminate();
    await expect(inFlight).rejects.toBeInstanceOf(VerificationWorkerFailedError);
    // The replacement compiles the worker from the sources, which takes seconds on a loaded
    // machine: wait for it however long it takes (jest's timeout is the bound), not a fixed 10 s.
    while (pool.workerCount === 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(pool.workerCount).toBe(1);
    await expect(pool.verify(valid)).resolves.toMatchObject({ indication: 'TOTAL-PASSED' });
  });

  it('rejects verifications once closed', async () => {
    pool = await PdfVerificationWorkerPool.start(config, 1);
    await pool.close();
    await expect(pool.verify(Buffer.from('%PDF'))).rejects.toBeInstanceOf(
      VerificationWorkerFailedError,
    );
  });

  it('lets a process exit by itself once the pool is idle (idle workers hold no event loop)', async () => {
    const dir = mkdtempSync(join(testRunDir(), 'idle-pool-'));
    const configPath = join(dir, 'config.json');
    const pdfPath = join(dir, 'valid.pdf');
    writeFileSync(configPath, JSON.stringify(config));
    writeFileSync(pdfPath, await signedDispatchPdf(pki, G22));
    const repoRoot = resolve(__dirname, '../../../../..');
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'libs/signature/src/testing/verify-once-on-worker-pool.ts',
        configPath,
        pdfPath,
      ],
      { cwd: repoRoot, env: { ...process.env, TS_NODE_SWC: 'true' } },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Starting (compiling, loading two workers) may be slow on a busy machine; only the time from
    // the answer to the exit is bounded: the pool is not closed, so only unref'd workers let go.
    const exited = new Promise<number | null>((settle, fail) => {
      const starting = setTimeout(() => fail(new Error('no answer within 90 s')), 90_000);
      let lingering: NodeJS.Timeout | undefined;
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (lingering === undefined && stdout.includes('\n')) {
          lingering = setTimeout(() => {
            child.kill('SIGKILL');
            fail(new Error(`still running 15 s after "${stdout.trim()}": idle workers hold it`));
          }, 15_000);
        }
      });
      child.once('exit', (exitCode) => {
        clearTimeout(starting);
        clearTimeout(lingering);
        settle(exitCode);
      });
    });
    // A failed wait must not leave the process behind.
    const code = await exited.finally(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    expect({ code, stdout, stderr }).toEqual({
      code: 0,
      stdout: 'verified TOTAL-PASSED\n',
      stderr: '',
    });
  }, 120_000);
});
