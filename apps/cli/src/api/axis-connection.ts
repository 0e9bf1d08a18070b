import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '@docaxis/config/load-config';
import type { CliLanguage } from '../cli-language';
import { API_MESSAGES, type ConnectionFile } from './api-messages';

/**
 * How the CLI reaches the axis: the gateway URL and the caller's client certificate (mutual
 * TLS), from options or, for scripts, the environment (DOCAXIS_URL, DOCAXIS_CERT, DOCAXIS_KEY,
 * DOCAXIS_CA). Defaults are the development PKI's first agency on a local `npm start`.
 */
export const axisConnectionSchema = z.object({
  DOCAXIS_URL: z.url().default('https://localhost:8443'),
  DOCAXIS_CERT: z.string().min(1).default('certs/dev/agencies/000.00.00.G22/client.pem'),
  DOCAXIS_KEY: z.string().min(1).default('certs/dev/agencies/000.00.00.G22/client.key.pem'),
  DOCAXIS_CA: z.string().min(1).default('certs/dev/server/ca-bundle.pem'),
});

export interface AxisConnection {
  url: string;
  cert: Buffer;
  key: Buffer;
  ca: Buffer;
}

export interface ConnectionOptions {
  url?: string;
  cert?: string;
  key?: string;
  ca?: string;
}

/**
 * Adds --url/--cert/--key/--ca (and --json) to a command that talks to the axis, described in
 * `helpLanguage`.
 */
export function withConnectionOptions(command: Command, helpLanguage: CliLanguage): Command {
  const help = API_MESSAGES[helpLanguage].connectionHelp;
  return command
    .option('--url <url>', help.url)
    .option('--cert <pem>', help.cert)
    .option('--key <pem>', help.key)
    .option('--ca <pem>', help.ca)
    .option('--json', help.json, false);
}

/** Validates the options (falling back to `env`) and reads the certificate files. */
export function resolveConnection(
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv,
  language: CliLanguage,
): AxisConnection {
  const config = loadConfig('docaxis CLI connection', axisConnectionSchema, {
    ...env,
    ...(options.url ? { DOCAXIS_URL: options.url } : {}),
    ...(options.cert ? { DOCAXIS_CERT: options.cert } : {}),
    ...(options.key ? { DOCAXIS_KEY: options.key } : {}),
    ...(options.ca ? { DOCAXIS_CA: options.ca } : {}),
  });
  const read = (path: string, file: ConnectionFile) => {
    try {
      return readFileSync(path);
    } catch {
      throw new ConnectionFileError(API_MESSAGES[language].cannotReadConnectionFile(file, path));
    }
  };
  const connection = {
    url: config.DOCAXIS_URL.replace(/\/+$/, ''),
    cert: read(config.DOCAXIS_CERT, 'cert'),
    key: read(config.DOCAXIS_KEY, 'key'),
    ca: read(config.DOCAXIS_CA, 'ca'),
  };
  checkKeyPair(connection, config.DOCAXIS_CERT, config.DOCAXIS_KEY, language);
  return connection;
}

/**
 * The certificate and key must be a pair before the TLS handshake, which otherwise fails with
 * OpenSSL's own words ("key values mismatch") as if the CLI had a bug.
 */
function checkKeyPair(
  connection: { cert: Buffer; key: Buffer },
  certPath: string,
  keyPath: string,
  language: CliLanguage,
): void {
  const messages = API_MESSAGES[language];
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(connection.cert);
  } catch {
    throw new ConnectionFileError(messages.connectionFileNotPem('cert', certPath));
  }
  let key;
  try {
    key = createPrivateKey(connection.key);
  } catch {
    throw new ConnectionFileError(messages.connectionFileNotPem('key', keyPath));
  }
  if (!certificate.checkPrivateKey(key)) {
    throw new ConnectionFileError(messages.keyNotOfCertificate(keyPath, certPath));
  }
}

/** A certificate or key file named on the command line cannot be read: a usage error (exit 2). */
export class ConnectionFileError extends Error {
  /** `message`: worded in the CLI's --lang, naming the file and the option it came from. */
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionFileError';
  }
}
