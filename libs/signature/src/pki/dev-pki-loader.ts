import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DevPkiEntryUnknownError, DevPkiNotFoundError } from './dev-pki.errors';
import {
  DEV_PKI_CRL_NAMES,
  DEV_PKI_FORMAT_VERSION,
  DEV_PKI_MANIFEST_FILE,
  DEV_PKI_OPERATOR_NAMES,
  DEV_PKI_SPECIAL_NAMES,
  type DevPkiCertificateEntry,
  type DevPkiCrlName,
  type DevPkiManifest,
  type DevPkiOperatorName,
  type DevPkiSpecialName,
} from './dev-pki-manifest';
import { pemToDer } from './pem-encoding';

/** A certificate with its private key, by absolute path and content. */
export interface DevPkiCredential {
  certPath: string;
  keyPath: string;
  certPem: string;
  /** PKCS#8 PEM. */
  keyPem: string;
  certDer: Buffer;
  /** `CN=..., OU=..., O=..., C=VN` */
  subject: string;
  /** Upper-case hex, as node's X509Certificate#serialNumber shows it. */
  serialNumberHex: string;
  sha256Fingerprint: string;
  notBefore: Date;
  notAfter: Date;
}

export interface DevPkiLeaderCredential extends DevPkiCredential {
  fullName: string;
  position: string;
}

export interface DevPkiAgency {
  code: string;
  name: string;
  parentCode: string | null;
  /** The agency's seal certificate. */
  organization: DevPkiCredential;
  leader: DevPkiLeaderCredential;
  /** The agency document system's TLS client certificate. */
  client: DevPkiCredential;
  /** The agency clerk's (văn thư) TLS client certificate. */
  clerk: DevPkiCredential;
}

export interface DevPkiCrl {
  derPath: string;
  pemPath: string;
  der: Buffer;
  pem: string;
}

/** A generated development PKI, loaded: typed paths and contents of everything in it. */
export interface DevPki {
  dir: string;
  manifest: DevPkiManifest;
  /** Folder of trust anchors (root-ca.pem): the TRUST_ANCHORS_DIR of the apps. */
  trustDir: string;
  /** Folder of intermediates (issuing-ca.pem): TRUST_INTERMEDIATES_DIR. */
  intermediatesDir: string;
  /** Folder of CRLs, DER and PEM: CRL_DIR. */
  crlDir: string;
  root: DevPkiCredential;
  issuing: DevPkiCredential;
  server: DevPkiCredential & { caBundlePath: string; caBundlePem: string };
  axis: DevPkiCredential;
  agencies: readonly DevPkiAgency[];
  /** Throws DEV_PKI_ENTRY_UNKNOWN for a code not in the PKI. */
  agency(code: string): DevPkiAgency;
  /** Special certificates of the refusal tests; `rogue-root-ca`'s key lives in private/. */
  special(name: DevPkiSpecialName): DevPkiCredential;
  /** The axis operator's auditor and admin client certificates (agency in `agencyCode`). */
  operator(name: DevPkiOperatorName): DevPkiCredential & { agencyCode: string };
  crl(name: DevPkiCrlName): DevPkiCrl;
  crlDer(name: DevPkiCrlName): Buffer;
  policyOids: { organization: string; person: string };
}

/** Reads a PKI written by generateDevPki; every file is read once, up front. */
export function loadDevPki(dir: string): DevPki {
  const root = resolve(dir);
  const manifest = readManifest(root);
  const path = (relative: string): string => join(root, relative);
  const text = (relative: string): string => readFileSync(path(relative), 'utf8');
  const credential = (entry: DevPkiCertificateEntry): DevPkiCredential => {
    const certPem = text(entry.certPath);
    return {
      certPath: path(entry.certPath),
      keyPath: path(entry.keyPath),
      certPem,
      keyPem: text(entry.keyPath),
      certDer: pemToDer(certPem, 'CERTIFICATE'),
      subject: entry.subject,
      serialNumberHex: entry.serialNumberHex,
      sha256Fingerprint: entry.sha256Fingerprint,
      notBefore: new Date(entry.notBefore),
      notAfter: new Date(entry.notAfter),
    };
  };

  const agencies: DevPkiAgency[] = manifest.agencies.map((entry) => ({
    code: entry.code,
    name: entry.name,
    parentCode: entry.parentCode,
    organization: credential(entry.organization),
    leader: {
      ...credential(entry.leader),
      fullName: entry.leader.fullName,
      position: entry.leader.position,
    },
    client: credential(entry.client),
    clerk: credential(entry.clerk),
  }));
  const agenciesByCode = new Map(agencies.map((agency) => [agency.code, agency]));
  const specials = new Map(
    DEV_PKI_SPECIAL_NAMES.map((name) => [name, credential(manifest.special[name])]),
  );
  const operators = new Map(
    DEV_PKI_OPERATOR_NAMES.map((name) => {
      const entry = manifest.operators[name];
      return [name, { ...credential(entry), agencyCode: entry.agencyCode }];
    }),
  );
  const crls = new Map(
    DEV_PKI_CRL_NAMES.map((name): [DevPkiCrlName, DevPkiCrl] => {
      const entry = manifest.crls[name];
      return [
        name,
        {
          derPath: path(entry.derPath),
          pemPath: path(entry.pemPath),
          der: readFileSync(path(entry.derPath)),
          pem: text(entry.pemPath),
        },
      ];
    }),
  );
  const crl = (name: DevPkiCrlName): DevPkiCrl => {
    const found = crls.get(name);
    if (!found) throw new DevPkiEntryUnknownError('CRL', name, [...crls.keys()]);
    return found;
  };

  return {
    dir: root,
    manifest,
    trustDir: path(manifest.directories.trust),
    intermediatesDir: path(manifest.directories.intermediates),
    crlDir: path(manifest.directories.crl),
    root: credential(manifest.root),
    issuing: credential(manifest.issuing),
    server: {
      ...credential(manifest.server),
      caBundlePath: path(manifest.server.caBundlePath),
      caBundlePem: text(manifest.server.caBundlePath),
    },
    axis: credential(manifest.axis),
    agencies,
    agency: (code) => {
      const found = agenciesByCode.get(code);
      if (!found) throw new DevPkiEntryUnknownError('agency', code, [...agenciesByCode.keys()]);
      return found;
    },
    special: (name) => {
      const found = specials.get(name);
      if (!found) {
        throw new DevPkiEntryUnknownError('special certificate', name, [...specials.keys()]);
      }
      return found;
    },
    operator: (name) => {
      const found = operators.get(name);
      if (!found) throw new DevPkiEntryUnknownError('operator', name, [...operators.keys()]);
      return found;
    },
    crl,
    crlDer: (name) => crl(name).der,
    policyOids: manifest.policyOids,
  };
}

function readManifest(dir: string): DevPkiManifest {
  let manifest: DevPkiManifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, DEV_PKI_MANIFEST_FILE), 'utf8')) as DevPkiManifest;
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? `no ${DEV_PKI_MANIFEST_FILE}`
        : `unreadable ${DEV_PKI_MANIFEST_FILE}: ${(error as Error).message}`;
    throw new DevPkiNotFoundError(dir, reason);
  }
  // Read as unknown: an older or foreign manifest may carry any value here.
  const formatVersion: unknown = manifest.formatVersion;
  if (formatVersion !== DEV_PKI_FORMAT_VERSION) {
    throw new DevPkiNotFoundError(
      dir,
      `manifest format ${String(formatVersion)}, expected ${DEV_PKI_FORMAT_VERSION}: regenerate it`,
    );
  }
  return manifest;
}
