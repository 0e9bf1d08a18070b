import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { testPki } from '@docaxis/testing/test-pki';
import { run } from './cli-program';

/**
 * The global --lang (DOCAXIS_LANG, Vietnamese by default): how it is read and refused, and that
 * the axis is asked for the same language. A stand-in gateway over TLS records the
 * Accept-Language of each request and answers as the real one does: its refusal in that language.
 */
describe('docaxis --lang', () => {
  let pki: DevPki;
  let server: Server;
  let url: string;
  const acceptLanguages: (string | undefined)[] = [];
  const missingEnvelope = join(__dirname, 'no-such-envelope.json');

  beforeAll(async () => {
    pki = await testPki();
    server = createServer({ cert: pki.server.certPem, key: pki.server.keyPem }, (req, res) => {
      const language = req.headers['accept-language'];
      acceptLanguages.push(language);
      res.setHeader('content-type', 'application/json');
      if (req.url?.endsWith('/status')) {
        res.end(
          JSON.stringify({
            id: 'n1',
            code: '03',
            name: 'Đã tiếp nhận',
            addresseeCode: '000.00.00.G22',
            recordedAt: '2026-11-24T08:00:00.000Z',
          }),
        );
        return;
      }
      res.statusCode = 404;
      const message = language === 'en' ? 'Dispatch d1 not found' : 'Không tìm thấy văn bản d1';
      res.end(JSON.stringify({ error: { code: 'DISPATCH_NOT_FOUND', message, errorId: 'e1' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://localhost:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
    let stdout = '';
    let stderr = '';
    const client = pki.agencies[0].client;
    const code = await run(argv, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: {
        DOCAXIS_URL: url,
        DOCAXIS_CERT: client.certPath,
        DOCAXIS_KEY: client.keyPath,
        DOCAXIS_CA: pki.server.caBundlePath,
        ...env,
      },
    });
    return { code, stdout, stderr };
  }

  it('prints in Vietnamese by default, in English with --lang en before or after the command', async () => {
    const vi = await cli(['send', missingEnvelope, 'a.pdf']);
    expect(vi).toEqual({
      code: 2,
      stdout: '',
      stderr: `docaxis: không đọc được tệp phong bì ${missingEnvelope}: không có tệp này\n`,
    });
    const expected = `docaxis: cannot read the envelope ${missingEnvelope}: no such file\n`;
    expect((await cli(['--lang', 'en', 'send', missingEnvelope, 'a.pdf'])).stderr).toBe(expected);
    expect((await cli(['send', missingEnvelope, 'a.pdf', '--lang', 'en'])).stderr).toBe(expected);
  });

  it('takes DOCAXIS_LANG when --lang is not given; --lang wins over it', async () => {
    const en = await cli(['send', missingEnvelope, 'a.pdf'], { DOCAXIS_LANG: 'en' });
    expect(en.stderr).toContain('cannot read the envelope');
    const vi = await cli(['--lang', 'vi', 'send', missingEnvelope, 'a.pdf'], {
      DOCAXIS_LANG: 'en',
    });
    expect(vi.stderr).toContain('không đọc được tệp phong bì');
  });

  it.each([
    ['--lang fr', ['--lang', 'fr', 'send', missingEnvelope, 'a.pdf'], {}, "'fr'"],
    ['DOCAXIS_LANG=fr', ['send', missingEnvelope, 'a.pdf'], { DOCAXIS_LANG: 'fr' }, 'DOCAXIS_LANG'],
  ])(
    'refuses an unknown language (%s) as a usage error, exit 2, naming the choices',
    async (_name, argv, env, named) => {
      const result = await cli(argv, env);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(named);
      expect(result.stderr).toContain('vi, en');
      expect(result.stderr).not.toContain('phong bì');
    },
  );

  it("asks the axis for --lang's language, so its refusals print in that language", async () => {
    acceptLanguages.length = 0;
    const vi = await cli(['fetch', 'd1', '--no-files']);
    expect(vi).toEqual({
      code: 1,
      stdout: '',
      stderr: 'docaxis: DISPATCH_NOT_FOUND: Không tìm thấy văn bản d1 (mã lỗi e1)\n',
    });
    const en = await cli(['fetch', 'd1', '--no-files', '--lang', 'en']);
    expect(en.stderr).toBe('docaxis: DISPATCH_NOT_FOUND: Dispatch d1 not found (error id e1)\n');
    expect(acceptLanguages).toEqual(['vi', 'en']);
  });

  it('words the summary in --lang and leaves --json as it was', async () => {
    const argv = ['status', 'd1', '03'];
    expect((await cli(argv)).stdout).toBe(
      'Đã ghi nhận trạng thái 03 (Đã tiếp nhận) của văn bản d1; đang chuyển tới 000.00.00.G22\n',
    );
    expect((await cli([...argv, '--lang', 'en'])).stdout).toBe(
      'Status 03 (Accepted and registered) recorded for dispatch d1; on its way to 000.00.00.G22\n',
    );
    const json = (await cli([...argv, '--json'])).stdout;
    expect(JSON.parse(json)).toMatchObject({ id: 'n1', code: '03' });
    expect((await cli([...argv, '--json', '--lang', 'en'])).stdout).toBe(json);
  });
});
