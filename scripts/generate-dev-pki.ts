/**
 * Generates the docaxis development PKI (TEST certificates only; see certs/README.md).
 *
 *   ts-node -r tsconfig-paths/register --transpile-only scripts/generate-dev-pki.ts \
 *     [--out certs/dev] [--agencies certs/dev-agencies.json] [--crl-base-url URL] [--ocsp-url URL] [--if-missing | --force]
 *
 * Without --if-missing or --force it refuses to touch an existing PKI. --if-missing keeps an
 * existing PKI unless it is unreadable, its agency list or CRL URL changed, or its CRLs expire
 * within a day; --force always regenerates.
 */
import { Command, Option } from 'commander';
import { relative, resolve } from 'node:path';
import { DomainError } from '@docaxis/errors/domain-error';
import { readDevAgenciesFile } from '@docaxis/signature/pki/dev-agency';
import { generateDevPki } from '@docaxis/signature/pki/dev-pki-generator';
import { loadDevPki, type DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { ensureDevPki } from '@docaxis/signature/pki/dev-pki-provisioner';

interface CliOptions {
  out: string;
  agencies: string;
  crlBaseUrl?: string;
  ocspUrl?: string;
  ifMissing?: boolean;
  force?: boolean;
}

async function main(argv: string[]): Promise<void> {
  const options = new Command('generate-dev-pki')
    .description('Generate the docaxis TEST PKI for development (never for production)')
    .option('--out <dir>', 'output folder', 'certs/dev')
    .option('--agencies <file>', 'agency list (JSON)', 'certs/dev-agencies.json')
    .option('--crl-base-url <url>', 'base URL written as CRL distribution point')
    .option('--ocsp-url <url>', 'OCSP responder URL written in end-entity certificates (AIA)')
    .option('--if-missing', 'keep an existing, still-fresh PKI')
    .addOption(new Option('--force', 'replace an existing PKI').conflicts('ifMissing'))
    .parse(argv)
    .opts<CliOptions>();

  const outDir = resolve(options.out);
  const agencies = readDevAgenciesFile(resolve(options.agencies));
  const started = Date.now();
  let pki: DevPki;
  if (options.ifMissing) {
    const ensured = await ensureDevPki({
      outDir,
      agencies,
      crlBaseUrl: options.crlBaseUrl,
      ocspUrl: options.ocspUrl,
    });
    if (ensured.generatedBecause === null) {
      console.log(`Kept the development PKI in ${outDir} (still fresh; --force to regenerate).`);
      return;
    }
    console.log(`Regenerating the development PKI: ${ensured.generatedBecause}.`);
    pki = ensured.pki;
  } else {
    await generateDevPki({
      outDir,
      agencies,
      crlBaseUrl: options.crlBaseUrl,
      ocspUrl: options.ocspUrl,
      overwrite: options.force ?? false,
    });
    pki = loadDevPki(outDir);
  }
  printSummary(pki, Date.now() - started);
}

function printSummary(pki: DevPki, elapsedMs: number): void {
  const at = (path: string): string => relative(process.cwd(), path) || '.';
  const { manifest } = pki;
  const lines = [
    `TEST PKI written to ${at(pki.dir)} in ${elapsedMs} ms (${manifest.files.length} files).`,
    manifest.notice,
    '',
    `root CA        ${at(pki.root.certPath)}  SHA-256 ${pki.root.sha256Fingerprint}`,
    `issuing CA     ${at(pki.issuing.certPath)}`,
    `CRLs           ${at(pki.crlDir)}/ (next update ${manifest.crls['issuing-ca'].nextUpdate})`,
    `gateway TLS    ${at(pki.server.certPath)}  (CA bundle ${at(pki.server.caBundlePath)})`,
    `axis signing   ${at(pki.axis.certPath)}`,
    ...pki.agencies.map(
      (agency) =>
        `agency         ${agency.code}  ${agency.name}: organization, leader (${agency.leader.fullName}), client`,
    ),
    `special        ${Object.keys(manifest.special).join(', ')}`,
    `policy OIDs    organization ${manifest.policyOids.organization}`,
    `               person       ${manifest.policyOids.person}`,
    `manifest       ${at(pki.dir)}/manifest.json`,
  ];
  console.log(lines.join('\n'));
}

main(process.argv).catch((error: unknown) => {
  const prefix = error instanceof DomainError ? `${error.code}: ` : '';
  console.error(
    `generate-dev-pki: ${prefix}${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
});
