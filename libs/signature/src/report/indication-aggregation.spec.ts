import { documentVerdictOf, verdictOf } from './indication-aggregation';
import { defect, note } from './validation-finding';

describe('verdictOf', () => {
  it('passes when there are only notes', () => {
    expect(verdictOf([note('WEAK_ALGORITHM', 'sha1')])).toEqual({ indication: 'TOTAL-PASSED' });
  });

  it('lets a proven failure win over an indeterminate finding, whatever the order', () => {
    expect(
      verdictOf([
        defect('NO_CERTIFICATE_CHAIN_FOUND', 'CHAIN_NOT_FOUND', 'rogue'),
        defect('HASH_FAILURE', 'MESSAGE_DIGEST_MISMATCH', 'changed'),
      ]),
    ).toEqual({ indication: 'TOTAL-FAILED', subIndication: 'HASH_FAILURE' });
  });

  it('orders failures of one level as the ETSI building blocks do', () => {
    expect(
      verdictOf([
        defect('REVOKED', 'CERTIFICATE_REVOKED', 'r'),
        defect('FORMAT_FAILURE', 'CMS_MALFORMED', 'f'),
      ]),
    ).toEqual({ indication: 'TOTAL-FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(
      verdictOf([
        defect('TRY_LATER', 'REVOCATION_UNKNOWN', 'crl'),
        defect('CHAIN_CONSTRAINTS_FAILURE', 'SIGNER_KEY_USAGE', 'ku'),
      ]),
    ).toEqual({ indication: 'INDETERMINATE', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
  });
});

describe('documentVerdictOf', () => {
  it('is NO_SIGNATURE without signatures', () => {
    expect(documentVerdictOf([])).toEqual({
      indication: 'TOTAL-FAILED',
      subIndication: 'NO_SIGNATURE',
    });
  });

  it('fails if any signature failed, else is indeterminate if any is, else passes', () => {
    const passed = { indication: 'TOTAL-PASSED' } as const;
    const unknown = { indication: 'INDETERMINATE', subIndication: 'TRY_LATER' } as const;
    const failed = { indication: 'TOTAL-FAILED', subIndication: 'EXPIRED' } as const;
    expect(documentVerdictOf([passed, unknown, failed])).toEqual(failed);
    expect(documentVerdictOf([passed, unknown])).toEqual(unknown);
    expect(documentVerdictOf([passed, passed])).toEqual(passed);
  });
});
