import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditChainVerifier } from '@docaxis/audit-trail/chain/audit-chain-verifier';
import { recordHashOf } from '@docaxis/audit-trail/chain/audit-record-hash';
import { CheckpointSignatureVerifier } from '@docaxis/audit-trail/checkpoints/checkpoint-signature-verifier';
import { CheckpointSigner } from '@docaxis/audit-trail/checkpoints/checkpoint-signer';
import { checkpointStatementBytes } from '@docaxis/audit-trail/checkpoints/checkpoint-statement';
import { AuditCheckpointNotFoundError } from '@docaxis/audit-trail/verification/audit-checkpoint-not-found.error';
import { httpTimestampTransport } from '@docaxis/audit-trail/checkpoints/checkpoint-timestamp';
import { TsaCertificateTrust } from '@docaxis/audit-trail/checkpoints/tsa-certificate-trust';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { AuditTrailVerifier } from '@docaxis/audit-trail/verification/audit-trail-verifier';
import { AuditCheckpointRepository } from '@docaxis/persistence/audit/audit-checkpoint.repository';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { testPki } from '@docaxis/testing/test-pki';
import { AuditAppender } from '../recording/audit-appender.service';
import type { AuditEventInput } from '../recording/audit-event-input';
import { AuditCheckpointer } from './audit-checkpointer';
import { temporaryDirectories } from '@docaxis/testing/temporary-directories';

const temporaryDirectory = temporaryDirectories();

const T0 = Date.UTC(2026, 2, 12, 8, 0, 0);

function event(n: number): AuditEventInput {
  return {
    eventId: `event-${n}`,
    eventType: 'dispatch.delivered',
    occurredAt: new Date(T0 + n),
    dispatchId: '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d00',
    senderCode: '000.00.00.G22',
    recipientCode: '000.00.00.H41',
    actor: 'router',
    payload: { body: { n } },
  };
}

interface Trail {
  url: string;
  records: AuditRecordRepository;
  checkpoints: AuditCheckpointRepository;
  checkpointer: AuditCheckpointer;
  verifier: AuditTrailVerifier;
  tamper(...statements: string[]): Promise<void>;
}

const opened: DataSource[] = [];

afterAll(async () => {
  await Promise.all(opened.map((ds) => ds.destroy()));
});

/**
 * An RFC 3161 TSA over HTTP answered by `openssl ts -reply` with the TEST PKI's time-stamping
 * certificate: tokens from an implementation independent of docaxis.
 */
async function opensslTsaServer(pki: DevPki): Promise<{ url: string; server: Server }> {
  const dir = temporaryDirectory('audit-tsa-');
  const tsa = pki.special('timestamping-authority');
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(
    join(dir, 'tsa.cnf'),
    [
      '[tsa]',
      'default_tsa = tsa_config',
      '[tsa_config]',
      `serial = ${join(dir, 'serial')}`,
      'crypto_device = builtin',
      `signer_cert = ${tsa.certPath}`,
      `certs = ${pki.issuing.certPath}`,
      `signer_key = ${tsa.keyPath}`,
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      writeFileSync(join(dir, 'query.tsq'), Buffer.concat(chunks));
      execFileSync(
        'openssl',
        [
          'ts',
          '-reply',
          '-config',
          join(dir, 'tsa.cnf'),
          '-section',
          'tsa_config',
          '-queryfile',
          join(dir, 'query.tsq'),
          '-out',
          join(dir, 'reply.tsr'),
        ],
        { stdio: 'ignore' },
      );
      response.setHeader('Content-Type', 'application/timestamp-reply');
      response.end(readFileSync(join(dir, 'reply.tsr')));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`, server };
}

/** 50 records, checkpoints signed after every 10 appended when 20 have gathered: at 20 and 40. */
async function freshTrail(
  label: string,
  tsaUrl?: string,
  options: { tsaTrust?: TsaCertificateTrust } = {},
): Promise<Trail> {
  const pki = await testPki();
  const url = await createTestDatabase(label);
  const dataSource = await new DataSource(
    dataSourceOptions({ url, poolSize: 2, role: 'docaxis_audit_writer' }),
  ).initialize();
  opened.push(dataSource);
  const records = new AuditRecordRepository(dataSource);
  const checkpoints = new AuditCheckpointRepository(dataSource);
  const chain = new AuditChainVerifier(records, { pageSize: 7 });
  const checkpointer = new AuditCheckpointer(
    records,
    checkpoints,
    chain,
    new CheckpointSigner(pki.axis.certPem, pki.axis.keyPem),
    { everyRecords: 20, everyMs: 3_600_000 },
    tsaUrl
      ? { url: tsaUrl, transport: httpTimestampTransport(tsaUrl), trust: options.tsaTrust }
      : undefined,
  );
  const appender = new AuditAppender(dataSource, records);
  // The first checkpoint is due at once (none yet); pretend an hour has not passed since.
  let clock = T0;
  for (let start = 1; start <= 50; start += 10) {
    await appender.append(Array.from({ length: 10 }, (_, i) => event(start + i)));
    if (start + 9 >= 20) await checkpointer.checkpointIfDue(new Date((clock += 1000)));
  }
  return {
    url,
    records,
    checkpoints,
    checkpointer,
    verifier: new AuditTrailVerifier(
      chain,
      checkpoints,
      records,
      new CheckpointSignatureVerifier(pki.axis.certPem),
    ),
    tamper: async (...statements) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query('SET LOCAL session_replication_role = replica');
        for (const statement of statements) await client.query(statement);
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
    },
  };
}

describe('signed checkpoints and trail verification (real PostgreSQL, tampering as superuser)', () => {
  it('signs every N records (the first at once) and a clean trail verifies', async () => {
    const trail = await freshTrail('checkpoint-clean');
    expect(await trail.verifier.verify()).toMatchObject({
      ok: true,
      recordsChecked: 50,
      checkpointsChecked: 2,
      checkpoint: { headSeq: 40, timestamped: false },
    });
    // Only 10 records since 40 and the hour has not passed.
    expect(await trail.checkpointer.checkpointIfDue(new Date(T0 + 10_000))).toEqual({
      status: 'not-due',
    });
  });

  it('signs after T once there is any new record, and not without one', async () => {
    const trail = await freshTrail('checkpoint-time');
    const later = new Date(T0 + 7_200_000);
    expect(await trail.checkpointer.checkpointIfDue(later)).toEqual({
      status: 'signed',
      headSeq: 50,
    });
    expect(await trail.checkpointer.checkpointIfDue(new Date(later.getTime() + 7_200_000))).toEqual(
      { status: 'not-due' },
    );
    const head = (await trail.records.head())!;
    expect(await trail.verifier.verify()).toMatchObject({
      ok: true,
      checkpointsChecked: 3,
      checkpoint: { headSeq: 50, headHash: head.hash, createdAt: later.toISOString() },
    });
  });

  it('pinpoints a checkpoint whose signature was corrupted', async () => {
    const trail = await freshTrail('checkpoint-corrupt');
    // XOR, not overwrite: a byte that already was 0xff (1 in 256 signatures) would stay unchanged.
    await trail.tamper(
      `UPDATE audit_checkpoints
          SET signed_data = set_byte(signed_data, length(signed_data) - 11,
                                     get_byte(signed_data, length(signed_data) - 11) # 255)
        WHERE head_seq = 40`,
    );
    expect(await trail.verifier.verify()).toMatchObject({
      ok: false,
      seq: 40,
      problem: 'BAD_CHECKPOINT_SIGNATURE',
      actual: expect.stringContaining('SIGNATURE_INVALID') as unknown,
      explanation: {
        kind: 'checkpoint-signature-invalid',
        seq: 40,
        detail: expect.stringContaining('SIGNATURE_INVALID') as unknown,
      },
      checkpoint: { headSeq: 20 },
    });
    // Starting from it, it is the answer: no silent fallback to the checkpoint of seq 20.
    expect(await trail.verifier.verifyFromCheckpoint()).toMatchObject({
      ok: false,
      seq: 40,
      problem: 'BAD_CHECKPOINT_SIGNATURE',
      recordsChecked: 0,
      scope: { startCheckpoint: { headSeq: 40 }, lastSeq: null },
    });
  });

  it('pinpoints a checkpoint whose signed head was changed in its row', async () => {
    const trail = await freshTrail('checkpoint-rowedit');
    await trail.tamper(
      `UPDATE audit_checkpoints SET head_hash = repeat('a', 64) WHERE head_seq = 20`,
    );
    expect(await trail.verifier.verify()).toMatchObject({
      ok: false,
      seq: 20,
      problem: 'BAD_CHECKPOINT_SIGNATURE',
      actual: expect.stringContaining('MESSAGE_DIGEST') as unknown,
      checkpoint: null,
    });
  });

  it('catches a suffix rewritten and re-hashed consistently, which the chain alone cannot', async () => {
    const trail = await freshTrail('checkpoint-rehash');
    const statements: string[] = [];
    let [prev] = await trail.records.pageFrom(29, 1);
    for (const record of await trail.records.pageFrom(30, 100)) {
      const actor = record.seq === 30 ? 'forger' : record.actor;
      const hash = recordHashOf({ ...record, actor, prevHash: prev.hash });
      statements.push(
        `UPDATE audit_records SET actor = '${actor}', prev_hash = '${prev.hash}', hash = '${hash}' WHERE seq = ${record.seq}`,
      );
      prev = { ...record, hash };
    }
    await trail.tamper(...statements);
    expect(await new AuditChainVerifier(trail.records).verify()).toMatchObject({ ok: true });
    expect(await trail.verifier.verify()).toMatchObject({
      ok: false,
      seq: 40,
      problem: 'ALTERED',
      message: expect.stringContaining('rewritten') as unknown,
      explanation: { kind: 'checkpoint-record-rewritten', seq: 40 },
    });
  });

  it('catches a tail cut below a signed checkpoint', async () => {
    const trail = await freshTrail('checkpoint-tail');
    await trail.tamper(`DELETE FROM audit_records WHERE seq > 35`);
    expect(await trail.verifier.verify()).toMatchObject({
      ok: false,
      seq: 36,
      problem: 'DELETED',
      expected: 'records up to seq 40 (signed checkpoint)',
      explanation: { kind: 'checkpoint-tail-cut', checkpointSeq: 40, headSeq: 35 },
    });
  });

  it('reports the first problem: a record altered before a bad checkpoint wins', async () => {
    const trail = await freshTrail('checkpoint-first');
    await trail.tamper(
      `UPDATE audit_records SET actor = 'x' WHERE seq = 12`,
      `UPDATE audit_checkpoints SET head_hash = repeat('b', 64) WHERE head_seq = 40`,
    );
    expect(await trail.verifier.verify()).toMatchObject({ ok: false, seq: 12, problem: 'ALTERED' });
  });

  it('refuses to sign a chain that does not verify', async () => {
    const trail = await freshTrail('checkpoint-refuse');
    await trail.tamper(`UPDATE audit_records SET actor = 'x' WHERE seq = 45`);
    const outcome = await trail.checkpointer.checkpointIfDue(new Date(T0 + 7_200_000));
    expect(outcome).toEqual({ status: 'refused', headSeq: 50, problem: 'ALTERED' });
  });

  describe('from a signed checkpoint (incremental)', () => {
    it('walks only the records after the latest checkpoint and says so', async () => {
      const trail = await freshTrail('checkpoint-incremental');
      const result = await trail.verifier.verifyFromCheckpoint();
      expect(result).toMatchObject({
        ok: true,
        fromSeq: 40,
        recordsChecked: 11,
        checkpointsChecked: 1,
        head: { seq: 50 },
        scope: {
          from: 'checkpoint',
          startCheckpoint: {
            headSeq: 40,
            signerSubject: expect.stringContaining('AXIS') as unknown,
          },
          firstSeq: 40,
          lastSeq: 50,
          notReverified: { fromSeq: 1, toSeq: 39 },
        },
      });
      expect(result.scope.summary).toContain('Records 1..39 were NOT re-verified');
      // The full walk stays available and covers everything.
      expect(await trail.verifier.verify()).toMatchObject({
        ok: true,
        recordsChecked: 50,
        scope: { from: 'genesis', firstSeq: 1, lastSeq: 50, notReverified: null },
      });
    });

    it('starts from a chosen checkpoint, and refuses one that was never stored', async () => {
      const trail = await freshTrail('checkpoint-chosen');
      expect(await trail.verifier.verifyFromCheckpoint({ checkpointSeq: 20 })).toMatchObject({
        ok: true,
        recordsChecked: 31,
        checkpointsChecked: 2,
        checkpoint: { headSeq: 40 },
        scope: { startCheckpoint: { headSeq: 20 }, firstSeq: 20, notReverified: { toSeq: 19 } },
      });
      await expect(trail.verifier.verifyFromCheckpoint({ checkpointSeq: 30 })).rejects.toThrow(
        AuditCheckpointNotFoundError,
      );
    });

    it('finds a record tampered after the checkpoint', async () => {
      const trail = await freshTrail('checkpoint-incr-after');
      await trail.tamper(`UPDATE audit_records SET actor = 'forger' WHERE seq = 45`);
      expect(await trail.verifier.verifyFromCheckpoint()).toMatchObject({
        ok: false,
        seq: 45,
        problem: 'ALTERED',
        recordsChecked: 5,
        scope: { from: 'checkpoint', firstSeq: 40, lastSeq: 44 },
      });
    });

    it('does not claim a record tampered before the checkpoint: the answer states its range', async () => {
      const trail = await freshTrail('checkpoint-incr-before');
      await trail.tamper(`UPDATE audit_records SET actor = 'forger' WHERE seq = 12`);
      const incremental = await trail.verifier.verifyFromCheckpoint();
      expect(incremental).toMatchObject({
        ok: true,
        scope: { firstSeq: 40, lastSeq: 50, notReverified: { fromSeq: 1, toSeq: 39 } },
      });
      expect(incremental.scope.summary).toMatch(
        /^From the signed checkpoint of seq 40 .*records 40\.\.50/,
      );
      expect(await trail.verifier.verify()).toMatchObject({
        ok: false,
        seq: 12,
        problem: 'ALTERED',
      });
    });

    it('reports a forged latest checkpoint itself, without falling back to an older one', async () => {
      const trail = await freshTrail('checkpoint-incr-forged');
      const pki = await testPki();
      const forger = pki.agency('000.00.00.G22').organization;
      const head = (await trail.records.head())!;
      const createdAt = new Date(T0 + 3_600_000);
      const statement = { headSeq: head.seq, headHash: head.hash, createdAt };
      await trail.checkpoints.insert({
        ...statement,
        signedData: new CheckpointSigner(forger.certPem, forger.keyPem).sign(
          checkpointStatementBytes(statement),
          createdAt,
        ),
        signerSubject: pki.axis.subject,
        timestampToken: null,
        tsaUrl: null,
      });
      const forged = await trail.verifier.verifyFromCheckpoint();
      expect(forged.scope.summary).toContain('Nothing was verified from it');
      expect(forged.scope.summary).not.toContain('vouches');
      expect(forged).toMatchObject({
        ok: false,
        seq: 50,
        problem: 'BAD_CHECKPOINT_SIGNATURE',
        actual: 'signed by a certificate other than the axis certificate',
        recordsChecked: 0,
        checkpoint: null,
        scope: { startCheckpoint: { headSeq: 50 }, lastSeq: null, notReverified: { toSeq: 49 } },
      });
    });

    it('reports a checkpointed record hashed anew, and a tail cut below the checkpoint', async () => {
      const trail = await freshTrail('checkpoint-incr-head');
      const [record] = await trail.records.pageFrom(40, 1);
      const hash = recordHashOf({ ...record, actor: 'forger' });
      await trail.tamper(
        `UPDATE audit_records SET actor = 'forger', hash = '${hash}' WHERE seq = 40`,
      );
      expect(await trail.verifier.verifyFromCheckpoint()).toMatchObject({
        ok: false,
        seq: 40,
        problem: 'ALTERED',
        expected: record.hash,
        actual: hash,
        recordsChecked: 0,
      });
      await trail.tamper(`DELETE FROM audit_records WHERE seq > 35`);
      expect(await trail.verifier.verifyFromCheckpoint()).toMatchObject({
        ok: false,
        seq: 36,
        problem: 'DELETED',
      });
    });

    it('walks from genesis, and says why, while no checkpoint exists', async () => {
      const url = await createTestDatabase('checkpoint-incr-none');
      const dataSource = await new DataSource(dataSourceOptions({ url, poolSize: 2 })).initialize();
      opened.push(dataSource);
      const records = new AuditRecordRepository(dataSource);
      await new AuditAppender(dataSource, records).append([event(1), event(2)]);
      const pki = await testPki();
      const verifier = new AuditTrailVerifier(
        new AuditChainVerifier(records),
        new AuditCheckpointRepository(dataSource),
        records,
        new CheckpointSignatureVerifier(pki.axis.certPem),
      );
      const result = await verifier.verifyFromCheckpoint();
      expect(result).toMatchObject({ ok: true, recordsChecked: 2, scope: { from: 'genesis' } });
      expect(result.scope.summary).toContain('no signed checkpoint');
    });
  });

  describe('with an RFC 3161 time-stamping authority', () => {
    let tsa: { url: string; server: Server };

    beforeAll(async () => {
      tsa = await opensslTsaServer(await testPki());
    });

    afterAll(() => {
      tsa.server.close();
    });

    it('stores a token over each checkpoint signature, and verification checks it', async () => {
      const trail = await freshTrail('checkpoint-tsa', tsa.url);
      expect(await trail.verifier.verify()).toMatchObject({
        ok: true,
        checkpointsChecked: 2,
        checkpoint: { headSeq: 40, timestamped: true },
      });
      const [row] = await opened[opened.length - 1].query(
        'SELECT tsa_url, length(timestamp_token) AS size FROM audit_checkpoints WHERE head_seq = 20',
      );
      expect(row.tsa_url).toBe(tsa.url);
      expect(row.size).toBeGreaterThan(500);
      // The token of checkpoint 20 moved onto checkpoint 40: its imprint no longer matches.
      await trail.tamper(
        `UPDATE audit_checkpoints SET timestamp_token = (SELECT timestamp_token FROM audit_checkpoints WHERE head_seq = 20) WHERE head_seq = 40`,
      );
      expect(await trail.verifier.verify()).toMatchObject({
        ok: false,
        seq: 40,
        problem: 'BAD_CHECKPOINT_SIGNATURE',
        actual: expect.stringContaining('imprint') as unknown,
      });
    });

    it('judges the TSA certificate against AUDIT_TSA_TRUST_FILE anchors, and says when it did not', async () => {
      const pki = await testPki();
      const trail = await freshTrail('checkpoint-tsa-trust', tsa.url);
      const verifierWith = (tsaTrust: TsaCertificateTrust | undefined) =>
        new AuditTrailVerifier(
          new AuditChainVerifier(trail.records),
          trail.checkpoints,
          trail.records,
          new CheckpointSignatureVerifier(pki.axis.certPem),
          tsaTrust,
        );
      const verifierTrusting = (anchorPem: string) =>
        verifierWith(TsaCertificateTrust.fromPemBundle(Buffer.from(anchorPem)));
      const unchecked = await trail.verifier.verifyFromCheckpoint();
      expect(unchecked).toMatchObject({
        ok: true,
        checkpoint: { headSeq: 40, timestamp: { tsaChain: 'not-checked' } },
      });
      expect(unchecked.scope.summary).toContain('TSA chain NOT checked: no AUDIT_TSA_TRUST_FILE');

      const trusted = await verifierTrusting(pki.root.certPem).verifyFromCheckpoint();
      expect(trusted).toMatchObject({
        ok: true,
        checkpoint: {
          timestamp: {
            tsaChain: 'trusted',
            authority: expect.stringContaining('TEST Time-Stamping Authority') as unknown,
          },
        },
        scope: { startCheckpoint: { timestamp: { tsaChain: 'trusted' } } },
      });
      expect(trusted.scope.summary).toContain(
        'TSA chain trusted, no AUDIT_TSA_CRL_DIR: TSA revocation NOT checked',
      );

      // With the TEST CRLs (AUDIT_TSA_CRL_DIR), the TSA path is checked for revocation too.
      const withCrls = await verifierWith(
        await TsaCertificateTrust.load({
          AUDIT_TSA_TRUST_FILE: pki.root.certPath,
          AUDIT_TSA_CRL_DIR: dirname(pki.crl('issuing-ca').derPath),
        }),
      ).verifyFromCheckpoint();
      expect(withCrls).toMatchObject({
        ok: true,
        checkpoint: { timestamp: { tsaChain: 'trusted', tsaRevocation: { status: 'good' } } },
      });
      expect(withCrls.scope.summary).toContain(
        'TSA chain trusted, TSA revocation checked (CRL): not revoked',
      );

      const rogue = verifierTrusting(pki.special('rogue-root-ca').certPem);
      expect(await rogue.verifyFromCheckpoint()).toMatchObject({
        ok: false,
        seq: 40,
        problem: 'UNTRUSTED_CHECKPOINT_TIMESTAMP',
        actual: expect.stringContaining('no path to a configured TSA trust anchor') as unknown,
        explanation: { kind: 'checkpoint-timestamp-untrusted', seq: 40 },
        recordsChecked: 0,
      });
      expect(await rogue.verify()).toMatchObject({
        ok: false,
        seq: 20,
        problem: 'UNTRUSTED_CHECKPOINT_TIMESTAMP',
      });
    });

    it('does not store a token whose TSA is not trusted by the audit app', async () => {
      const pki = await testPki();
      const trail = await freshTrail('checkpoint-tsa-untrusted', tsa.url, {
        tsaTrust: TsaCertificateTrust.fromPemBundle(
          Buffer.from(pki.special('rogue-root-ca').certPem),
        ),
      });
      expect(await trail.verifier.verify()).toMatchObject({
        ok: true,
        checkpoint: { headSeq: 40, timestamped: false, timestamp: null },
      });
    });

    it('still signs checkpoints, untimestamped, when the TSA is unreachable', async () => {
      const trail = await freshTrail('checkpoint-notsa', 'http://127.0.0.1:9/tsa');
      expect(await trail.verifier.verify()).toMatchObject({
        ok: true,
        checkpoint: { headSeq: 40, timestamped: false },
      });
    });
  });
});
