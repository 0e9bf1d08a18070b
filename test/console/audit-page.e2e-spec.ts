import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { asAgency, asAuditor } from '@docaxis/testing/agency-client';
import {
  builtConsoleDir,
  CONSOLE_SCREENSHOT_DIR,
  contextAs,
  launchChromium,
  saveScreenshot,
} from '@docaxis/testing/console-browser';
import { attachDispatch, envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';
import { runCliCaptured } from '../../apps/cli/src/testing/captured-cli-run';

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';

/** The web console's audit page, in Debian's Chromium, as the axis operator's auditor. */
describe('console: audit (auditor)', () => {
  let axis: RunningAxis;
  let browser: Browser;
  let dispatchId: string;

  beforeAll(async () => {
    const consoleDir = await builtConsoleDir();
    axis = await startAxis('console-audit', { CONSOLE_DIR: consoleDir });
    browser = await launchChromium();
    const pdf = await signedDispatchPdf(axis.pki, G22);
    const sent = await attachDispatch(
      asAgency(axis, G22).post('/dispatches'),
      envelopeJson(G22, [H41]),
      [{ name: 'cong-van.pdf', bytes: pdf }],
    );
    expect(sent.status).toBe(202);
    dispatchId = sent.body.dispatchId;
    await waitFor(
      async () => (await asAuditor(axis).get(`/audit/events?dispatchId=${dispatchId}`)).body,
      (body) =>
        body.events?.some((e: { eventType: string }) => e.eventType === 'dispatch.delivered'),
      'the delivery in the audit trail',
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await axis?.stop();
  });

  it('searches, opens a dispatch timeline, sees the chain badge and downloads a CSV', async () => {
    const context = await contextAs(browser, axis, axis.pki.operator('auditor'));
    const page = await context.newPage();
    try {
      await page.goto(`${axis.gatewayUrl}/console/audit`);
      await page.getByRole('heading', { name: 'Kiểm toán nhật ký trục' }).waitFor();

      const badge = page.getByTestId('chain-integrity').locator('[data-ok]');
      await badge.waitFor();
      expect(await badge.getAttribute('data-ok')).toBe('true');
      expect(await badge.textContent()).toContain('Chuỗi toàn vẹn');
      // What this verification re-checked (from the latest checkpoint, or from the first record).
      expect(await page.getByTestId('chain-coverage').textContent()).toMatch(
        /^Lần kiểm tra này: bản ghi số \d+(–\d+)?[;( ]/,
      );

      await page.getByLabel('Mã định danh cơ quan').fill(H41);
      await page.getByLabel('Loại sự kiện').selectOption('dispatch.delivered');
      // Dates are typed the Vietnamese way; today in Vietnam time.
      const [year, month, day] = new Date(Date.now() + 7 * 3600_000)
        .toISOString()
        .slice(0, 10)
        .split('-');
      await page.getByLabel('Từ ngày').fill(`${day}/${month}/${year}`);
      await page.getByRole('button', { name: 'Tìm kiếm', exact: true }).click();
      const rows = page.getByTestId('audit-events').locator('tbody tr');
      await waitFor(
        () => rows.allTextContents(),
        (texts) =>
          texts.length > 0 && texts.every((text) => text.includes('Đã chuyển đến hộp thư')),
        'the search results',
      );
      expect((await rows.allTextContents()).join()).toContain(H41);

      await page
        .getByRole('button', { name: `Xem dòng thời gian: ${dispatchId}` })
        .first()
        .click();
      const timeline = page.getByTestId('timeline');
      await timeline.locator('li').first().waitFor();
      const steps = await timeline.locator('li').allTextContents();
      expect(steps.join('\n')).toContain('Tiếp nhận văn bản gửi');
      expect(steps.join('\n')).toContain('Đã chuyển đến hộp thư');
      expect(steps[0]).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/);

      // Statistics: the table and both charts are drawn.
      const statistics = page.getByTestId('statistics');
      await statistics.locator('tbody tr').first().waitFor();
      expect(await statistics.locator('canvas').count()).toBe(2);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Tải CSV' }).click(),
      ]);
      const csvPath = join(CONSOLE_SCREENSHOT_DIR, 'audit-events.csv');
      await download.saveAs(csvPath);
      const csv = readFileSync(csvPath, 'utf8');
      expect(csv).toContain(dispatchId);
      expect(csv).toContain('dispatch.delivered');

      // Beside the export: its manifest, pinned to the export's head, which verify-export
      // holds the downloaded CSV to.
      const [manifestDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Tải bản kê (manifest) của bản xuất vừa tải' }).click(),
      ]);
      const manifestPath = join(CONSOLE_SCREENSHOT_DIR, 'audit-events.manifest.json');
      await manifestDownload.saveAs(manifestPath);
      expect(JSON.parse(readFileSync(manifestPath, 'utf8'))).toMatchObject({
        v: 'docaxis-audit-export-manifest/2',
        filter: { agencyCode: H41, eventTypes: ['dispatch.delivered'] },
      });
      const verified = await runCliCaptured(
        ['audit', 'verify-export', csvPath, '--manifest', manifestPath],
        { DOCAXIS_LANG: 'en' },
      );
      expect(verified.stdout).toContain('as its manifest states');
      expect(verified.code).toBe(0);

      expect(existsSync(await saveScreenshot(page, 'audit'))).toBe(true);
    } finally {
      await context.close();
    }
    // Page waits of up to 90 s each (console-browser.ts) on a loaded machine.
  }, 300_000);
});
