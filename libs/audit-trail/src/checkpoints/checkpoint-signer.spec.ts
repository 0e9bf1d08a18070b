import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testPki } from '@docaxis/testing/test-pki';
import { CheckpointSignatureVerifier } from './checkpoint-signature-verifier';
import { CheckpointSigner } from './checkpoint-signer';
import { checkpointStatementBytes, type CheckpointStatement } from './checkpoint-statement';
import { temporaryDirectories } from '@docaxis/testing/temporary-directories';

const temporaryDirectory = temporaryDirectories();

const STATEMENT: CheckpointStatement = {
  headSeq: 1000,
  headHash: 'ab'.repeat(32),
  createdAt: new Date('2026-03-12T08:15:30.123Z'),
};

describe('checkpoint signing (axis certificate, detached CMS)', () => {
  it('writes the documented statement', () => {
    expect(checkpointStatementBytes(STATEMENT).toString('utf8')).toBe(
      `{"created_at":"2026-03-12T08:15:30.123Z","head_hash":"${'ab'.repeat(32)}","head_seq":"1000","v":"docaxis-audit-checkpoint/1"}`,
    );
  });

  it('signs so that openssl cms verifies it against the dev root, and our verifier accepts it', async () => {
    const pki = await testPki();
    const signer = new CheckpointSigner(pki.axis.certPem, pki.axis.keyPem);
    const cms = signer.sign(checkpointStatementBytes(STATEMENT), STATEMENT.createdAt);
    expect(new CheckpointSignatureVerifier(pki.axis.certPem).check(STATEMENT, cms)).toEqual({
      valid: true,
    });

    const dir = temporaryDirectory('checkpoint-');
    writeFileSync(join(dir, 'cms.der'), cms);
    writeFileSync(join(dir, 'content'), checkpointStatementBytes(STATEMENT));
    writeFileSync(join(dir, 'chain.pem'), `${pki.root.certPem}\n${pki.issuing.certPem}`);
    const out = execFileSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        join(dir, 'cms.der'),
        '-content',
        join(dir, 'content'),
        '-CAfile',
        join(dir, 'chain.pem'),
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(out).toBeDefined();
  });

  it('refuses a signature over another head, a flipped byte, or another signer', async () => {
    const pki = await testPki();
    const signer = new CheckpointSigner(pki.axis.certPem, pki.axis.keyPem);
    const cms = signer.sign(checkpointStatementBytes(STATEMENT), STATEMENT.createdAt);
    const verifier = new CheckpointSignatureVerifier(pki.axis.certPem);

    expect(verifier.check({ ...STATEMENT, headSeq: 1001 }, cms)).toMatchObject({
      valid: false,
      reason: expect.stringContaining('MESSAGE_DIGEST') as unknown,
    });
    const flipped = Buffer.from(cms);
    flipped[flipped.length - 5] ^= 0xff;
    expect(verifier.check(STATEMENT, flipped)).toMatchObject({ valid: false });

    const agency = pki.agencies[0];
    const other = new CheckpointSigner(agency.organization.certPem, agency.organization.keyPem);
    expect(
      verifier.check(STATEMENT, other.sign(checkpointStatementBytes(STATEMENT), new Date())),
    ).toEqual({ valid: false, reason: 'signed by a certificate other than the axis certificate' });
  });

  it('refuses a key that does not belong to the certificate', async () => {
    const pki = await testPki();
    expect(() => new CheckpointSigner(pki.axis.certPem, pki.root.keyPem)).toThrow(
      expect.objectContaining({ code: 'AUDIT_CHECKPOINT_KEY_INVALID' }),
    );
  });
});
