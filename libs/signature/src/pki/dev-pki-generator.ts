import { existsSync, readdirSync } from 'node:fs';
import {
  buildCertificate,
  issuerOf,
  type CertificateIssuer,
  type CertificateSpec,
  type IssuedCertificate,
} from './certificate-builder';
import {
  AGENCY_CODE_SUBJECT_ATTRIBUTE_OID,
  DEV_ORGANIZATION_POLICY_OID,
  DEV_PERSON_POLICY_OID,
  DEV_VALIDITY,
} from './certificate-profile';
import { buildCrl, type RevokedCertificateEntry } from './crl-builder';
import { parseDevAgencies, type DevAgency } from './dev-agency';
import {
  agencyClientCertificateSpec,
  axisSigningCertificateSpec,
  gatewayServerCertificateSpec,
  issuingCaCertificateSpec,
  leaderCertificateSpec,
  ocspResponderCertificateSpec,
  organizationCertificateSpec,
  timestampingAuthorityCertificateSpec,
  rootCaCertificateSpec,
  type IssuanceContext,
} from './dev-certificate-profiles';
import { DevAgenciesInvalidError, DevPkiOutputExistsError } from './dev-pki.errors';
import { DevPkiFileSet } from './dev-pki-file-set';
import {
  DEV_PKI_DIRECTORIES as DIRS,
  DEV_PKI_FORMAT_VERSION,
  DEV_PKI_MANIFEST_FILE,
  DEV_PKI_NOTICE,
  DEV_PKI_OPERATOR_AGENCY_CODE,
  DEV_PKI_OPERATOR_NAMES,
  DEV_PKI_SPECIAL_AGENCY_CODE,
  type DevPkiCertificateEntry,
  type DevPkiCrlEntry,
  type DevPkiKeyAlgorithmLabel,
  type DevPkiManifest,
  type DevPkiOperatorName,
  type DevPkiSpecialEntry,
  type DevPkiSpecialName,
} from './dev-pki-manifest';
import { generateDevKeyPair, type DevKeyAlgorithm, type DevKeyPair } from './key-pair-generator';
import type { CrlReason } from './x509-extensions';
import { formatDistinguishedName } from './x509-name';

export interface GenerateDevPkiOptions {
  outDir: string;
  agencies: DevAgency[];
  /** Reference time of every validity period and CRL; defaults to the current time. */
  now?: Date;
  /** Base URL of the CRL distribution points (`${crlBaseUrl}/issuing-ca.crl`); none when omitted. */
  crlBaseUrl?: string;
  /**
   * OCSP responder URL written in the authorityInfoAccess of every end-entity certificate the
   * issuing CA issues (e.g. `http://127.0.0.1:8888`); none when omitted.
   */
  ocspUrl?: string;
  /** Replace an existing outDir; otherwise an existing, non-empty outDir is DEV_PKI_OUTPUT_EXISTS. */
  overwrite?: boolean;
}

const RSA: DevKeyAlgorithm = { kind: 'rsa', modulusLength: 2048 };
const EC_P256: DevKeyAlgorithm = { kind: 'ec', curve: 'P-256' };
const EC_P384: DevKeyAlgorithm = { kind: 'ec', curve: 'P-384' };

interface KeySlot {
  algorithm: DevKeyAlgorithm;
  label: DevPkiKeyAlgorithmLabel;
  pair: DevKeyPair;
}

/**
 * Generates the docaxis development PKI into `outDir` (root CA, issuing CA, CRLs, per-agency seal,
 * leader and TLS client certificates, the gateway's server certificate, the axis' signing
 * certificate and the special certificates of the refusal tests) and returns its manifest.
 * Layout and contents: certs/README.md.
 */
export async function generateDevPki(options: GenerateDevPkiOptions): Promise<DevPkiManifest> {
  const agencies = parseDevAgencies(options.agencies);
  const specialAgency = agencies.find((agency) => agency.code === DEV_PKI_SPECIAL_AGENCY_CODE);
  if (!specialAgency) {
    throw new DevAgenciesInvalidError([
      `${DEV_PKI_SPECIAL_AGENCY_CODE} must be in the list: the special test certificates are issued for it`,
    ]);
  }
  if (!options.overwrite && isNonEmptyDirectory(options.outDir)) {
    throw new DevPkiOutputExistsError(options.outDir);
  }

  const now = options.now ?? new Date();
  const at = (offsetMs: number): Date => new Date(now.getTime() + offsetMs);
  const { day, backdate } = DEV_VALIDITY;
  const year = 365 * day;
  const crlBaseUrl = options.crlBaseUrl?.replace(/\/+$/, '');
  const crlUrl = (name: string): string | undefined =>
    crlBaseUrl ? `${crlBaseUrl}/${name}.crl` : undefined;
  const files = new DevPkiFileSet();
  const keys = await generateKeys(agencies);
  const key = (slot: string): KeySlot => {
    const found = keys.get(slot);
    if (!found) throw new RangeError(`no key generated for slot ${slot}`);
    return found;
  };

  const issue = (
    spec: CertificateSpec,
    slot: KeySlot,
    paths: { cert: string; key: string },
    description: string,
  ): { certificate: IssuedCertificate; entry: DevPkiCertificateEntry } => {
    const certificate = buildCertificate(spec);
    files.add(paths.cert, certificate.pem, `${description}: certificate (PEM)`);
    files.addSecret(paths.key, slot.pair.privateKeyPem, `${description}: private key (PKCS#8 PEM)`);
    return { certificate, entry: certificateEntry(certificate, slot.label, paths) };
  };
  const context = (
    slot: KeySlot,
    issuer: CertificateIssuer,
    notBefore: Date,
    notAfter: Date,
    crl: string | undefined,
    ocspUrl?: string,
  ): IssuanceContext => ({
    publicKey: slot.pair.publicKey,
    issuer,
    notBefore,
    notAfter,
    crlUrl: crl,
    ocspUrl,
  });

  // CAs start three years back so every special certificate's life lies inside its issuer's.
  const caNotBefore = at(-3 * year);
  const rootSlot = key('root-ca');
  const root = issue(
    rootCaCertificateSpec({
      publicKey: rootSlot.pair.publicKey,
      privateKey: rootSlot.pair.privateKey,
      notBefore: caNotBefore,
      notAfter: at(DEV_VALIDITY.rootCa),
    }),
    rootSlot,
    { cert: `${DIRS.trust}/root-ca.pem`, key: `${DIRS.private}/root-ca.key.pem` },
    'TEST root CA (trust anchor)',
  );
  const rootIssuer = issuerOf(root.certificate, rootSlot.pair.privateKey);

  const issuingSlot = key('issuing-ca');
  const issuing = issue(
    issuingCaCertificateSpec(
      context(issuingSlot, rootIssuer, caNotBefore, at(DEV_VALIDITY.issuingCa), crlUrl('root-ca')),
    ),
    issuingSlot,
    {
      cert: `${DIRS.intermediates}/issuing-ca.pem`,
      key: `${DIRS.private}/issuing-ca.key.pem`,
    },
    'TEST issuing CA for state agencies (intermediate)',
  );
  const issuingIssuer = issuerOf(issuing.certificate, issuingSlot.pair.privateKey);

  const endEntityNotBefore = at(-backdate);
  const endEntityNotAfter = at(DEV_VALIDITY.endEntity);
  const issued = (slot: KeySlot): IssuanceContext =>
    context(
      slot,
      issuingIssuer,
      endEntityNotBefore,
      endEntityNotAfter,
      crlUrl('issuing-ca'),
      options.ocspUrl,
    );

  const agencyEntries = agencies.map((agency) => {
    const dir = `${DIRS.agencies}/${agency.code}`;
    const paths = (role: string) => ({ cert: `${dir}/${role}.pem`, key: `${dir}/${role}.key.pem` });
    const organizationSlot = key(`${agency.code}/organization`);
    const leaderSlot = key(`${agency.code}/leader`);
    const clientSlot = key(`${agency.code}/client`);
    const clerkSlot = key(`${agency.code}/clerk`);
    return {
      code: agency.code,
      name: agency.name,
      parentCode: agency.parentCode ?? null,
      organization: issue(
        organizationCertificateSpec(agency, issued(organizationSlot)),
        organizationSlot,
        paths('organization'),
        `${agency.code} organization (seal) signing`,
      ).entry,
      leader: {
        ...issue(
          leaderCertificateSpec(agency, agency.leader, issued(leaderSlot)),
          leaderSlot,
          paths('leader'),
          `${agency.code} leader ${agency.leader.fullName} signing`,
        ).entry,
        fullName: agency.leader.fullName,
        position: agency.leader.position,
      },
      client: issue(
        agencyClientCertificateSpec(agency, issued(clientSlot)),
        clientSlot,
        paths('client'),
        `${agency.code} document system TLS client`,
      ).entry,
      clerk: issue(
        agencyClientCertificateSpec(
          agency,
          issued(clerkSlot),
          `${agency.name} clerk (văn thư, TEST)`,
        ),
        clerkSlot,
        paths('clerk'),
        `${agency.code} clerk TLS client`,
      ).entry,
    };
  });

  const serverSlot = key('gateway');
  const server = issue(
    gatewayServerCertificateSpec(issued(serverSlot)),
    serverSlot,
    { cert: `${DIRS.server}/gateway.pem`, key: `${DIRS.server}/gateway.key.pem` },
    'gateway TLS server (localhost, 127.0.0.1, ::1)',
  );
  const caBundlePath = `${DIRS.server}/ca-bundle.pem`;
  files.add(
    caBundlePath,
    issuing.certificate.pem + root.certificate.pem,
    'issuing CA + root CA: what TLS clients and the gateway trust',
  );

  const axisSlot = key('axis');
  const axis = issue(
    axisSigningCertificateSpec(issued(axisSlot)),
    axisSlot,
    { cert: `${DIRS.axis}/axis-signing.pem`, key: `${DIRS.axis}/axis-signing.key.pem` },
    'axis signing (audit checkpoints, emitted packets)',
  );

  const operatorAgency = agencies.find((agency) => agency.code === DEV_PKI_OPERATOR_AGENCY_CODE);
  if (!operatorAgency) {
    throw new DevAgenciesInvalidError([
      `${DEV_PKI_OPERATOR_AGENCY_CODE} must be in the list: it operates the axis (auditor, admin)`,
    ]);
  }
  const operatorTitles: Record<DevPkiOperatorName, string> = {
    auditor: 'docaxis auditor (kiểm toán viên, TEST)',
    admin: 'docaxis administrator (quản trị trục, TEST)',
  };
  const operators = Object.fromEntries(
    DEV_PKI_OPERATOR_NAMES.map((name) => {
      const slot = key(`operator/${name}`);
      const { entry } = issue(
        agencyClientCertificateSpec(operatorAgency, issued(slot), operatorTitles[name]),
        slot,
        { cert: `${DIRS.operators}/${name}.pem`, key: `${DIRS.operators}/${name}.key.pem` },
        `axis operator ${name} TLS client`,
      );
      return [name, { ...entry, agencyCode: operatorAgency.code }];
    }),
  ) as DevPkiManifest['operators'];

  // Special certificates for the refusal tests.
  const special = {} as Record<DevPkiSpecialName, DevPkiSpecialEntry>;
  const revoked: (RevokedCertificateEntry & { holder: string })[] = [];
  const issueSpecial = (
    name: DevPkiSpecialName,
    build: (slot: KeySlot) => CertificateSpec,
    description: string,
    agencyCode: string | null = DEV_PKI_SPECIAL_AGENCY_CODE,
  ): IssuedCertificate => {
    const slot = key(`special/${name}`);
    const keyDir = name === 'rogue-root-ca' ? DIRS.private : DIRS.special;
    const { certificate, entry } = issue(
      build(slot),
      slot,
      { cert: `${DIRS.special}/${name}.pem`, key: `${keyDir}/${name}.key.pem` },
      `special ${name}: ${description}`,
    );
    special[name] = { ...entry, description, agencyCode };
    return certificate;
  };
  const window = (notBefore: Date, notAfter: Date) => (slot: KeySlot) =>
    context(slot, issuingIssuer, notBefore, notAfter, crlUrl('issuing-ca'), options.ocspUrl);
  const revokedWindow = window(at(-60 * day), endEntityNotAfter);
  const revocationDate = at(-10 * day);
  /** A special certificate listed in the issuing CA CRL, revoked 10 days ago for `reason`. */
  const issueRevokedSpecial = (
    name: DevPkiSpecialName,
    build: (slot: KeySlot) => CertificateSpec,
    reason: CrlReason | undefined,
    description: string,
    agencyCode: string | null = DEV_PKI_SPECIAL_AGENCY_CODE,
  ): void => {
    const certificate = issueSpecial(name, build, description, agencyCode);
    revoked.push({
      serialNumber: certificate.serialNumber,
      revocationDate,
      ...(reason ? { reason } : {}),
      holder: `special/${name}`,
    });
  };

  issueSpecial(
    'expired-organization',
    (slot) =>
      organizationCertificateSpec(specialAgency, window(at(-2 * year), at(-30 * day))(slot)),
    'G22 seal whose validity ended 30 days ago',
  );
  issueSpecial(
    'not-yet-valid-organization',
    (slot) =>
      organizationCertificateSpec(specialAgency, window(at(30 * day), endEntityNotAfter)(slot)),
    'G22 seal valid only from 30 days from now',
  );
  issueRevokedSpecial(
    'revoked-organization',
    (slot) => organizationCertificateSpec(specialAgency, revokedWindow(slot)),
    'keyCompromise',
    'G22 seal listed in the issuing CA CRL (keyCompromise, 10 days ago)',
  );
  // The same seal revoked for a reason that is no compromise, and for none: a document claimed
  // to be signed before the revocation passes only with the former (README, signature rules).
  issueRevokedSpecial(
    'superseded-organization',
    (slot) => organizationCertificateSpec(specialAgency, revokedWindow(slot)),
    'superseded',
    'G22 seal listed in the issuing CA CRL (superseded, 10 days ago)',
  );
  issueRevokedSpecial(
    'revoked-without-reason-organization',
    (slot) => organizationCertificateSpec(specialAgency, revokedWindow(slot)),
    undefined,
    'G22 seal listed in the issuing CA CRL without a reason code (10 days ago)',
  );
  // Suspended, neither valid nor revoked: a signature by it waits for the CA's decision
  // (INDETERMINATE / TRY_LATER, CERTIFICATE_ON_HOLD), whatever time it claims.
  issueRevokedSpecial(
    'held-organization',
    (slot) => organizationCertificateSpec(specialAgency, revokedWindow(slot)),
    'certificateHold',
    'G22 seal on hold in the issuing CA CRL (certificateHold, 10 days ago)',
  );
  issueSpecial(
    'wrong-key-usage-organization',
    (slot) => ({
      ...organizationCertificateSpec(specialAgency, issued(slot)),
      keyUsage: ['keyEncipherment'],
    }),
    'G22 seal whose keyUsage is keyEncipherment only (no digitalSignature/nonRepudiation)',
  );
  issueSpecial(
    'ecdsa-p256-organization',
    (slot) => organizationCertificateSpec(specialAgency, issued(slot)),
    'G22 seal with an EC P-256 key, issued by the issuing CA (valid)',
  );
  issueSpecial(
    'ecdsa-p384-organization',
    (slot) => organizationCertificateSpec(specialAgency, issued(slot)),
    'G22 seal with an EC P-384 key, issued by the issuing CA (valid)',
  );
  const rogueRootKey = key('special/rogue-root-ca').pair.privateKey;
  const rogueRoot = issueSpecial(
    'rogue-root-ca',
    (slot) =>
      rootCaCertificateSpec({
        publicKey: slot.pair.publicKey,
        privateKey: slot.pair.privateKey,
        notBefore: caNotBefore,
        notAfter: at(DEV_VALIDITY.rootCa),
      }),
    'untrusted self-signed root with the SAME subject name as the real root (key in private/)',
    null,
  );
  issueSpecial(
    'rogue-organization',
    (slot) =>
      organizationCertificateSpec(
        specialAgency,
        context(
          slot,
          issuerOf(rogueRoot, rogueRootKey),
          endEntityNotBefore,
          endEntityNotAfter,
          undefined,
        ),
      ),
    'G22 seal issued directly by the rogue root',
  );
  issueSpecial(
    'expired-client',
    (slot) =>
      agencyClientCertificateSpec(specialAgency, window(at(-2 * year), at(-30 * day))(slot)),
    'G22 TLS client whose validity ended 30 days ago',
  );
  issueRevokedSpecial(
    'revoked-client',
    (slot) => agencyClientCertificateSpec(specialAgency, revokedWindow(slot)),
    'keyCompromise',
    'G22 TLS client listed in the issuing CA CRL (keyCompromise, 10 days ago)',
  );

  issueSpecial(
    'ocsp-responder',
    (slot) => ocspResponderCertificateSpec(issued(slot)),
    'TEST OCSP responder delegated by the issuing CA (ocspSigning, nocheck)',
    null,
  );
  issueSpecial(
    'timestamping-authority',
    (slot) => timestampingAuthorityCertificateSpec(issued(slot)),
    'TEST RFC 3161 time-stamping authority issued by the issuing CA (timeStamping, critical EKU)',
    null,
  );
  issueSpecial(
    'expired-timestamping-authority',
    (slot) => timestampingAuthorityCertificateSpec(window(at(-2 * year), at(-30 * day))(slot)),
    'TEST time-stamping authority whose validity ended 30 days ago (its tokens postdate it)',
    null,
  );
  issueRevokedSpecial(
    'revoked-timestamping-authority',
    (slot) => timestampingAuthorityCertificateSpec(revokedWindow(slot)),
    'keyCompromise',
    'TEST time-stamping authority listed in the issuing CA CRL (keyCompromise, 10 days ago)',
    null,
  );

  // CRLs: numbered by generation time, so a regenerated CRL always has a higher number.
  // Whole seconds, as the CRL encodes them, so the manifest says what the files say.
  const thisUpdate = wholeSeconds(at(-backdate));
  const nextUpdate = wholeSeconds(at(DEV_VALIDITY.crlLifetime));
  const crlNumber = Math.floor(now.getTime() / 1000);
  const writeCrl = (
    name: 'root-ca' | 'issuing-ca',
    issuer: CertificateIssuer,
    entries: typeof revoked,
  ): DevPkiCrlEntry => {
    const crl = buildCrl({ issuer, thisUpdate, nextUpdate, crlNumber, revoked: entries });
    const derPath = `${DIRS.crl}/${name}.crl`;
    const pemPath = `${DIRS.crl}/${name}.crl.pem`;
    files.add(derPath, crl.der, `CRL of the ${name} (DER)`);
    files.add(pemPath, crl.pem, `CRL of the ${name} (PEM)`);
    return {
      derPath,
      pemPath,
      crlNumber,
      thisUpdate: thisUpdate.toISOString(),
      nextUpdate: nextUpdate.toISOString(),
      revoked: entries.map((entry) => ({
        serialNumberHex: entry.serialNumber.toString('hex').toUpperCase(),
        revocationDate: entry.revocationDate.toISOString(),
        reason: entry.reason ?? 'unspecified',
        holder: entry.holder,
      })),
    };
  };
  const crls = {
    'root-ca': writeCrl('root-ca', rootIssuer, []),
    'issuing-ca': writeCrl('issuing-ca', issuingIssuer, revoked),
  };

  files.add('README.txt', readmeText(now), 'warning: what this folder is');
  files.add(DEV_PKI_MANIFEST_FILE, '', 'this manifest');
  const manifest: DevPkiManifest = {
    formatVersion: DEV_PKI_FORMAT_VERSION,
    notice: DEV_PKI_NOTICE,
    generatedAt: now.toISOString(),
    crlBaseUrl: crlBaseUrl ?? null,
    ocspUrl: options.ocspUrl ?? null,
    policyOids: { organization: DEV_ORGANIZATION_POLICY_OID, person: DEV_PERSON_POLICY_OID },
    agencyCodeSubjectAttributeOid: AGENCY_CODE_SUBJECT_ATTRIBUTE_OID,
    directories: DIRS,
    root: root.entry,
    issuing: issuing.entry,
    crls,
    agencies: agencyEntries,
    server: { ...server.entry, caBundlePath },
    axis: axis.entry,
    special,
    operators,
    files: files.entries(),
  };
  files.replace(DEV_PKI_MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  await files.writeAtomically(options.outDir, options.overwrite ?? false);
  return manifest;
}

/** Every key at once: RSA generation runs on the thread pool and dominates the run time. */
async function generateKeys(agencies: readonly DevAgency[]): Promise<Map<string, KeySlot>> {
  const slots: [string, DevKeyAlgorithm, DevPkiKeyAlgorithmLabel][] = [
    ['root-ca', RSA, 'rsa-2048'],
    ['issuing-ca', RSA, 'rsa-2048'],
    ['gateway', RSA, 'rsa-2048'],
    ['axis', RSA, 'rsa-2048'],
    ...agencies.flatMap((agency) =>
      (['organization', 'leader', 'client', 'clerk'] as const).map(
        (role): [string, DevKeyAlgorithm, DevPkiKeyAlgorithmLabel] => [
          `${agency.code}/${role}`,
          RSA,
          'rsa-2048',
        ],
      ),
    ),
    ...DEV_PKI_OPERATOR_NAMES.map((name): [string, DevKeyAlgorithm, DevPkiKeyAlgorithmLabel] => [
      `operator/${name}`,
      RSA,
      'rsa-2048',
    ]),
    ['special/expired-organization', RSA, 'rsa-2048'],
    ['special/not-yet-valid-organization', RSA, 'rsa-2048'],
    ['special/revoked-organization', RSA, 'rsa-2048'],
    ['special/superseded-organization', RSA, 'rsa-2048'],
    ['special/revoked-without-reason-organization', RSA, 'rsa-2048'],
    ['special/held-organization', RSA, 'rsa-2048'],
    ['special/wrong-key-usage-organization', RSA, 'rsa-2048'],
    ['special/ecdsa-p256-organization', EC_P256, 'ec-p256'],
    ['special/ecdsa-p384-organization', EC_P384, 'ec-p384'],
    ['special/rogue-root-ca', RSA, 'rsa-2048'],
    ['special/rogue-organization', RSA, 'rsa-2048'],
    ['special/expired-client', RSA, 'rsa-2048'],
    ['special/revoked-client', RSA, 'rsa-2048'],
    ['special/ocsp-responder', RSA, 'rsa-2048'],
    ['special/timestamping-authority', RSA, 'rsa-2048'],
    ['special/expired-timestamping-authority', RSA, 'rsa-2048'],
    ['special/revoked-timestamping-authority', RSA, 'rsa-2048'],
  ];
  const pairs = await Promise.all(slots.map(([, algorithm]) => generateDevKeyPair(algorithm)));
  return new Map(
    slots.map(([name, algorithm, label], index) => [
      name,
      { algorithm, label, pair: pairs[index] },
    ]),
  );
}

function certificateEntry(
  certificate: IssuedCertificate,
  keyAlgorithm: DevPkiKeyAlgorithmLabel,
  paths: { cert: string; key: string },
): DevPkiCertificateEntry {
  return {
    certPath: paths.cert,
    keyPath: paths.key,
    subject: formatDistinguishedName(certificate.subject),
    issuer: formatDistinguishedName(certificate.issuer),
    serialNumberHex: certificate.serialNumberHex,
    sha256Fingerprint: certificate.sha256Fingerprint,
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
    keyAlgorithm,
  };
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function isNonEmptyDirectory(path: string): boolean {
  return existsSync(path) && readdirSync(path).length > 0;
}

function readmeText(now: Date): string {
  return [
    DEV_PKI_NOTICE,
    '',
    'EVERY CERTIFICATE HERE IS ISSUED BY "TEST Dedicated Government Root CA (docaxis development only)".',
    'NONE OF IT HAS ANYTHING TO DO WITH THE GOVERNMENT CIPHER COMMITTEE (BAN CO YEU CHINH PHU) OR',
    'ITS DEDICATED CA. DO NOT COPY THESE KEYS ANYWHERE, DO NOT ADD THIS ROOT TO ANY REAL TRUST STORE.',
    '',
    `Generated ${now.toISOString()} by scripts/generate-dev-pki.ts; manifest.json lists every file.`,
    'The CRLs expire 7 days after generation: regenerate with `npm run certs:dev -- --force`.',
    '',
  ].join('\n');
}
