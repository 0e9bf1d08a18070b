import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEV_ORGANIZATION_POLICY_OID,
  DEV_PERSON_POLICY_OID,
} from '@docaxis/signature/pki/certificate-profile';
import {
  parseCertificate,
  type ParsedCertificate,
} from '@docaxis/signature/trust/parsed-certificate';
import { DEFAULT_CERTIFICATE_PROFILE } from './certificate-profile-options';
import { identifySigner } from './signer-identification';

const dir = mkdtempSync(join(tmpdir(), 'docaxis-signer-id-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A self-signed TEST certificate made by openssl, with the given subject and extensions. */
function certificate(subject: string, extensions: string[]): ParsedCertificate {
  const name = `c${Math.random().toString(36).slice(2)}`;
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-utf8',
      '-keyout',
      join(dir, `${name}.key`),
      '-out',
      join(dir, `${name}.pem`),
      '-subj',
      subject,
      '-days',
      '2',
      ...extensions.flatMap((extension) => ['-addext', extension]),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const pem = readFileSync(join(dir, `${name}.pem`), 'utf8');
  return parseCertificate(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
}

describe('identifySigner', () => {
  it('reads an organization seal: kind from the policy, names and agency code from the subject', () => {
    const seal = certificate(
      '/C=VN/O=Ủy ban nhân dân tỉnh Nghệ An/OU=000.00.00.H41/CN=UBND tỉnh Nghệ An',
      [
        `certificatePolicies=${DEV_ORGANIZATION_POLICY_OID}`,
        'keyUsage=critical,digitalSignature,nonRepudiation',
        'crlDistributionPoints=URI:http://crl.example.test/issuing-ca.crl',
      ],
    );
    const { identity, findings } = identifySigner(seal, DEFAULT_CERTIFICATE_PROFILE);
    expect(identity).toMatchObject({
      kind: 'organization',
      commonName: 'UBND tỉnh Nghệ An',
      organization: 'Ủy ban nhân dân tỉnh Nghệ An',
      agencyCode: '000.00.00.H41',
      subject: 'CN=UBND tỉnh Nghệ An, OU=000.00.00.H41, O=Ủy ban nhân dân tỉnh Nghệ An, C=VN',
      serialNumber: seal.serialNumber,
      fingerprintSha256: seal.fingerprintSha256,
    });
    expect(findings).toEqual([]);
    expect(seal.crlDistributionUris).toEqual(['http://crl.example.test/issuing-ca.crl']);
    expect(seal.keyUsage).toEqual(new Set(['digitalSignature', 'nonRepudiation']));
  });

  it('picks the agency code among several values of the attribute, from a configurable attribute', () => {
    const leader = certificate(
      '/C=VN/OU=Văn phòng/OU=000.00.14.H20/serialNumber=CMND:012345678/CN=Phạm Thanh Tùng',
      [`certificatePolicies=${DEV_PERSON_POLICY_OID}`],
    );
    expect(identifySigner(leader, DEFAULT_CERTIFICATE_PROFILE).identity).toMatchObject({
      kind: 'person',
      agencyCode: '000.00.14.H20',
    });
    const bySerial = { ...DEFAULT_CERTIFICATE_PROFILE, agencyCodeAttributeOid: '2.5.4.5' };
    expect(identifySigner(leader, bySerial).identity.agencyCode).toBeUndefined();
  });

  it('says unknown, with a note, without a configured policy or with both', () => {
    const plain = certificate('/CN=TEST no policy', []);
    const unknown = identifySigner(plain, DEFAULT_CERTIFICATE_PROFILE);
    expect(unknown.identity.kind).toBe('unknown');
    expect(unknown.findings.map((f) => f.code)).toEqual(['SIGNER_KIND_UNKNOWN']);
    const both = certificate('/CN=TEST both', [
      `certificatePolicies=${DEV_PERSON_POLICY_OID},${DEV_ORGANIZATION_POLICY_OID}`,
    ]);
    const ambiguous = identifySigner(both, DEFAULT_CERTIFICATE_PROFILE);
    expect(ambiguous.identity.kind).toBe('unknown');
    expect(ambiguous.findings.map((f) => f.code)).toEqual(['SIGNER_KIND_AMBIGUOUS']);
  });
});
