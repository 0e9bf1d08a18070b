import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { testPki } from '@docaxis/testing/test-pki';
import type { RevokedCertificateEntry } from '@docaxis/signature/pki/crl-builder';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import type { SignatureReport } from '@docaxis/signature/report/document-verification-report';
import {
  writeDevIssuingCaCrl,
  writeDevIssuingCaDeltaCrl,
} from '@docaxis/signature/testing/dev-issuing-ca-crl';
import { createDevPkiPdfVerifier } from '@docaxis/signature/testing/dev-pki-verifier';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';

const G22 = '000.00.00.G22';
const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

/**
 * A seal whose certificate its CA put on hold (certificateHold, RFC 5280 §5.3.1): suspended, so
 * neither valid nor revoked — INDETERMINATE / TRY_LATER with CERTIFICATE_ON_HOLD, whether the
 * signature claims a time before the hold or after it — until a delta CRL releases it
 * (removeFromCRL) or revokes it.
 */
describe('a signer certificate on hold', () => {
  let pki: DevPki;
  const now = new Date();
  // The TEST PKI's seal is valid from an hour before the run began: all of this happens since.
  const heldSince = new Date(Math.floor((now.getTime() - 20 * MINUTE) / 1000) * 1000);
  const beforeTheHold = new Date(now.getTime() - 40 * MINUTE);

  beforeAll(async () => {
    pki = await testPki();
  });

  const sealOnHold = (): RevokedCertificateEntry => ({
    serialNumber: Buffer.from(pki.agency(G22).organization.serialNumberHex, 'hex'),
    revocationDate: heldSince,
    reason: 'certificateHold',
  });

  /** The seal alone (the leader's certificate may be younger than the claimed time). */
  const sealedAt = (signingTime: Date) =>
    signedDispatchPdf(pki, G22, { leader: false, signingTime });

  /** The verdict of the only signature under a CRL folder: complete CRL 40 holding the seal, and `delta` beside it. */
  const verifiedUnder = async (
    pdf: Buffer,
    delta?: readonly RevokedCertificateEntry[],
  ): Promise<SignatureReport> => {
    const crlDir = mkdtempSync(join(pki.dir, '..', 'hold-crls-'));
    const window = {
      thisUpdate: new Date(now.getTime() - 120_000),
      nextUpdate: new Date(now.getTime() + DAY),
    };
    writeDevIssuingCaCrl(pki, crlDir, { ...window, crlNumber: 40, revoked: [sealOnHold()] });
    if (delta) {
      writeDevIssuingCaDeltaCrl(pki, crlDir, {
        ...window,
        thisUpdate: new Date(now.getTime() - 60_000),
        crlNumber: 41,
        deltaOf: 40,
        revoked: delta,
      });
    }
    const report = await (await createDevPkiPdfVerifier(pki, { crlDir })).verify(pdf);
    expect(report.signatures).toHaveLength(1);
    return report.signatures[0];
  };

  const codes = (signature: SignatureReport) => signature.messages.map((m) => m.code);

  it.each([
    ['before the hold', () => beforeTheHold],
    ['after the hold began', () => now],
  ])('is INDETERMINATE / TRY_LATER for a signature claimed %s', async (_when, claimed) => {
    const signature = await verifiedUnder(await sealedAt(claimed()));
    expect(signature).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    expect(codes(signature)).toContain('CERTIFICATE_ON_HOLD');
    expect(codes(signature)).not.toContain('CERTIFICATE_REVOKED_AFTER_SIGNING');
    expect(codes(signature)).not.toContain('CERTIFICATE_REVOKED');
    expect(signature.revocation).toMatchObject({
      status: 'revoked',
      source: 'crl',
      reason: 'certificateHold',
      revokedAt: heldSince.toISOString(),
      note: expect.stringContaining('on hold since') as unknown,
      explanation: {
        kind: 'on-hold',
        certificate: expect.objectContaining({ role: 'signer' }) as unknown,
        since: heldSince.toISOString(),
      },
    });
    expect(signature.messages).toContainEqual(
      expect.objectContaining({
        code: 'CERTIFICATE_ON_HOLD',
        explanation: signature.revocation.explanation,
      }),
    );
  });

  it('passes once a delta CRL releases it (removeFromCRL)', async () => {
    const signature = await verifiedUnder(await sealedAt(beforeTheHold), [
      { ...sealOnHold(), reason: 'removeFromCRL' },
    ]);
    expect(signature).toMatchObject({
      indication: 'TOTAL-PASSED',
      revocation: { status: 'good', source: 'crl' },
    });
    expect(codes(signature)).not.toContain('CERTIFICATE_ON_HOLD');
  });

  it('is judged by the revocation a delta CRL turns the hold into', async () => {
    // Revoked for keyCompromise 10 minutes ago: a claimed time before it proves nothing.
    const signature = await verifiedUnder(await sealedAt(beforeTheHold), [
      {
        ...sealOnHold(),
        revocationDate: new Date(now.getTime() - 10 * MINUTE),
        reason: 'keyCompromise',
      },
    ]);
    expect(signature).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'REVOKED_NO_POE',
    });
    expect(codes(signature)).toContain('CERTIFICATE_REVOKED_KEY_COMPROMISE');
  });
});
