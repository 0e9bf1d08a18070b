import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testPki } from '@docaxis/testing/test-pki';
import { testRunDir } from '@docaxis/testing/test-run';
import { ConnectionFileError, resolveConnection } from './axis-connection';

describe('resolveConnection', () => {
  const env = (certPath: string, keyPath: string, caPath: string) => ({
    DOCAXIS_CERT: certPath,
    DOCAXIS_KEY: keyPath,
    DOCAXIS_CA: caPath,
  });

  it('takes a certificate with its own key', async () => {
    const pki = await testPki();
    const { client } = pki.agency('000.00.00.G22');
    const connection = resolveConnection(
      {},
      env(client.certPath, client.keyPath, client.certPath),
      'vi',
    );
    expect(connection.cert.toString()).toBe(client.certPem);
  });

  it("refuses another certificate's key as a usage error naming both files, in each language", async () => {
    const pki = await testPki();
    const cert = pki.agency('000.00.00.G22').client.certPath;
    const key = pki.agency('000.00.00.H41').client.keyPath;
    const resolve = (language: 'vi' | 'en') => () =>
      resolveConnection({}, env(cert, key, cert), language);
    expect(resolve('vi')).toThrow(ConnectionFileError);
    expect(resolve('vi')).toThrow(
      `khóa bí mật ${key} không phải khóa của chứng thư số ${cert}: --key (DOCAXIS_KEY) và --cert (DOCAXIS_CERT) phải là một cặp`,
    );
    expect(resolve('en')).toThrow(
      `the private key ${key} is not the key of the certificate ${cert}: --key (DOCAXIS_KEY) and --cert (DOCAXIS_CERT) must be a pair`,
    );
  });

  it('refuses a file that holds no certificate, or no key, naming the option', async () => {
    const pki = await testPki();
    const { client } = pki.agency('000.00.00.G22');
    const notPem = join(testRunDir(), 'axis-connection-not-pem.txt');
    writeFileSync(notPem, 'not a PEM file\n');
    expect(() => resolveConnection({}, env(notPem, client.keyPath, client.certPath), 'en')).toThrow(
      `${notPem} holds no PEM certificate: check the client certificate (--cert, DOCAXIS_CERT)`,
    );
    expect(() =>
      resolveConnection({}, env(client.certPath, notPem, client.certPath), 'vi'),
    ).toThrow(
      `${notPem} không chứa khóa bí mật dạng PEM (không đặt mật khẩu): kiểm tra khóa bí mật máy khách (--key, DOCAXIS_KEY)`,
    );
  });
});
