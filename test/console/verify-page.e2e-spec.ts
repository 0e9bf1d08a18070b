import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { flipByteInSignedRange } from '@docaxis/signature/testing/pdf-tampering';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { anonymous, asClerk } from '@docaxis/testing/agency-client';
import {
  builtConsoleDir,
  CONSOLE_SCREENSHOT_DIR,
  contextAs,
  launchChromium,
  saveScreenshot,
} from '@docaxis/testing/console-browser';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';

const G22 = '000.00.00.G22';

/** The web console's verify page, in Debian's Chromium, against the running axis. */
describe('console: verify a document (clerk)', () => {
  let axis: RunningAxis;
  let browser: Browser;

  beforeAll(async () => {
    const consoleDir = await builtConsoleDir();
    axis = await startAxis('console-verify', { CONSOLE_DIR: consoleDir });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await axis?.stop();
  });

  it('GET /me tells the console who the certificate belongs to', async () => {
    const me = await asClerk(axis, G22).get('/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ agencyCode: G22, roles: ['clerk'] });
    expect(me.body.agencyName).toEqual(expect.any(String));
    expect((await anonymous(axis).get('/me')).body.error.code).toBe('CLIENT_CERTIFICATE_REQUIRED');
  });

  it('shows a valid PDF as valid and a tampered one as not valid, in Vietnamese', async () => {
    const valid = await signedDispatchPdf(axis.pki, G22);
    const context = await contextAs(browser, axis, axis.pki.agency(G22).clerk);
    const page = await context.newPage();
    try {
      // A deep link: the gateway answers index.html and the SPA picks the page.
      await page.goto(`${axis.gatewayUrl}/console/verify`);
      await page.getByTestId('identity').waitFor();
      expect(await page.getByTestId('identity').textContent()).toContain(G22);
      expect(await page.locator('html').getAttribute('lang')).toBe('vi');

      // Keyboard: the first Tab reaches the skip link, drawn with a visible focus ring; it
      // leads into the page, and Tab goes on to the file chooser by its label.
      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      expect(await focused.textContent()).toBe('Bỏ qua, đến nội dung chính');
      expect(
        await focused.evaluate(
          (element) => element.ownerDocument.defaultView?.getComputedStyle(element).outlineStyle,
        ),
      ).toBe('solid');
      await page.keyboard.press('Enter');
      expect(await focused.getAttribute('id')).toBe('main');
      await page.keyboard.press('Tab');
      const chooser = page.getByLabel('Tệp PDF cần kiểm tra');
      expect(await chooser.evaluate((element) => element.matches(':focus'))).toBe(true);

      await page.getByLabel('Tệp PDF cần kiểm tra').setInputFiles([
        { name: 'cong-van-hop-le.pdf', mimeType: 'application/pdf', buffer: valid },
        {
          name: 'cong-van-bi-sua.pdf',
          mimeType: 'application/pdf',
          buffer: flipByteInSignedRange(valid),
        },
      ]);
      await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();

      const validCard = page.locator('article[data-file="cong-van-hop-le.pdf"]');
      const tamperedCard = page.locator('article[data-file="cong-van-bi-sua.pdf"]');
      await tamperedCard.waitFor();
      expect(
        await validCard.locator('.verdict-line .verdict').getAttribute('data-indication'),
      ).toBe('TOTAL-PASSED');
      expect(await validCard.locator('.verdict-line').textContent()).toContain('Hợp lệ');
      expect(
        await tamperedCard.locator('.verdict-line .verdict').getAttribute('data-indication'),
      ).toBe('TOTAL-FAILED');
      expect(await tamperedCard.locator('.verdict-line').textContent()).toContain('Không hợp lệ');
      // Each signature of the valid file: signer's agency code, chain, revocation checked.
      const signatures = validCard.locator('section.signature');
      expect(await signatures.count()).toBe(2);
      const first = (await signatures.first().textContent()) ?? '';
      expect(first).toContain(G22);
      expect(first).toContain('Chưa bị thu hồi');
      expect(await signatures.first().locator('ol.chain li').count()).toBeGreaterThanOrEqual(2);
      // Vietnamese dates: dd/MM/yyyy.
      expect(first).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/);
      expect(await tamperedCard.textContent()).toContain('Nội dung đã bị sửa sau khi ký');

      expect(existsSync(await saveScreenshot(page, 'verify'))).toBe(true);

      // The readable PDF report of the same check (Accept: application/pdf).
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        validCard.getByRole('button', { name: 'Tải báo cáo PDF' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('cong-van-hop-le.verification.pdf');
      const reportPath = join(CONSOLE_SCREENSHOT_DIR, download.suggestedFilename());
      await download.saveAs(reportPath);
      expect(readFileSync(reportPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      // The English switch is remembered across a reload.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Verify the signatures on a document' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Verify the signatures on a document' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
    } finally {
      await context.close();
    }
    // Two verifications and a PDF report behind page waits of up to 90 s each.
  }, 300_000);

  it('answers index.html for deep links but a 404 for a missing asset', async () => {
    const get = (path: string) =>
      request(axis.gatewayUrl).get(path).ca(axis.pki.server.caBundlePem);
    const deepLink = await get('/console/audit');
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers['content-type']).toContain('text/html');
    expect((await get('/console/assets/missing.js')).status).toBe(404);
  });
});
