import { packetSignatureVerdict } from './packet-signature-verdict';

describe('packetSignatureVerdict', () => {
  it('reads an unsigned packet, a passed, failed and indeterminate signature', () => {
    expect(packetSignatureVerdict({ status: 'unsigned' })).toEqual({ kind: 'unsigned' });
    expect(
      packetSignatureVerdict({
        status: 'signed',
        indication: 'TOTAL-PASSED',
        signedByAuthor: true,
      }),
    ).toEqual({ kind: 'valid' });
    expect(
      packetSignatureVerdict({
        status: 'signed',
        indication: 'TOTAL-FAILED',
        subIndication: 'HASH_FAILURE',
        signedByAuthor: true,
      }),
    ).toEqual({ kind: 'failed', subIndication: 'HASH_FAILURE' });
    expect(
      packetSignatureVerdict({
        status: 'signed',
        indication: 'INDETERMINATE',
        subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      }),
    ).toEqual({ kind: 'indeterminate', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
  });

  it("tells a valid signature of another agency's certificate from the author's", () => {
    expect(
      packetSignatureVerdict({
        status: 'signed',
        indication: 'TOTAL-PASSED',
        signer: { agencyCode: '000.00.14.H20' },
        signedByAuthor: false,
      }),
    ).toEqual({ kind: 'valid-other-agency', signerAgencyCode: '000.00.14.H20' });
    // A dispatch's report has no author to compare with: valid is valid.
    expect(packetSignatureVerdict({ status: 'signed', indication: 'TOTAL-PASSED' })).toEqual({
      kind: 'valid',
    });
  });
});
