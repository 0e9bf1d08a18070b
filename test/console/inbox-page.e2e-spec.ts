import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { asAgency } from '@docaxis/testing/agency-client';
import {
  builtConsoleDir,
  contextAs,
  launchChromium,
  saveScreenshot,
} from '@docaxis/testing/console-browser';
import { attachDispatch, envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';

const G22 = '000.00.00.G22'; // sender
const H41 = '000.00.00.H41'; // recipient

/** The web console's inbox, in Debian's Chromium: a recipient's clerk answers, the sender sees it. */
describe('console: inbox and status notices (clerks)', () => {
  let axis: RunningAxis;
  let browser: Browser;
  let dispatchId: string;

  beforeAll(async () => {
    const consoleDir = await builtConsoleDir();
    axis = await startAxis('console-inbox', { CONSOLE_DIR: consoleDir });
    browser = await launchChromium();
    const pdf = await signedDispatchPdf(axis.pki, G22);
    const sent = await attachDispatch(
      asAgency(axis, G22).post('/dispatches'),
      // Due two days after promulgation, long past: the inbox marks it overdue.
      envelopeJson(G22, [H41], { urgency: 'urgent', dueDate: '2026-11-22' }),
      [{ name: 'cong-van.pdf', bytes: pdf }],
    );
    expect(sent.status).toBe(202);
    dispatchId = sent.body.dispatchId;
    await waitFor(
      async () => (await asAgency(axis, G22).get(`/dispatches/${dispatchId}`)).body,
      (body) => body.recipients?.[0]?.state === 'delivered',
      'delivery to the recipient',
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await axis?.stop();
  });

  /** Reloads the inbox until a row matching `selector` shows up (notices travel asynchronously). */
  async function waitForRow(page: Page, selector: string) {
    await waitFor(
      async () => {
        await page.getByRole('button', { name: 'Tải lại' }).click();
        return page.locator(selector).count();
      },
      (count) => count > 0,
      `inbox row ${selector}`,
    );
    return page.locator(selector).first();
  }

  it('the recipient views the PDF and posts a status notice; the sender sees it', async () => {
    const recipient = await contextAs(browser, axis, axis.pki.agency(H41).clerk);
    const sender = await contextAs(browser, axis, axis.pki.agency(G22).clerk);
    try {
      const page = await recipient.newPage();
      await page.goto(`${axis.gatewayUrl}/console/inbox`);
      const row = await waitForRow(page, `tr[data-kind="dispatch"][data-dispatch="${dispatchId}"]`);
      const rowText = (await row.textContent()) ?? '';
      expect(rowText).toContain('Khẩn');
      expect(rowText).toContain('22/11/2026');
      expect(rowText).toContain('Quá hạn');

      await row.getByRole('button', { name: /Mở văn bản/ }).click();
      const dispatch = page.getByTestId('dispatch');
      await dispatch.getByRole('button', { name: 'Xem' }).click();
      const viewer = dispatch.locator('iframe.pdf-viewer');
      await viewer.waitFor();
      expect(await viewer.getAttribute('src')).toMatch(/^blob:/);

      // The form proposes the next status: 01 (Đã đến) first, then 03 (Đã tiếp nhận).
      const code = dispatch.getByLabel('Trạng thái', { exact: true });
      expect(await code.inputValue()).toBe('01');
      await dispatch.getByRole('button', { name: 'Gửi trạng thái' }).click();
      await dispatch.getByText('Đã gửi trạng thái 01 — Đã đến.').waitFor();
      await waitFor(
        () => code.inputValue(),
        (value) => value === '03',
        'the next status proposed',
      );
      await dispatch.getByRole('button', { name: 'Gửi trạng thái' }).click();
      await dispatch.getByText('Đã gửi trạng thái 03 — Đã tiếp nhận.').waitFor();
      expect(existsSync(await saveScreenshot(page, 'inbox-recipient'))).toBe(true);

      const senderPage = await sender.newPage();
      await senderPage.goto(`${axis.gatewayUrl}/console/inbox`);
      const notice = await waitForRow(
        senderPage,
        `tr[data-kind="status"][data-dispatch="${dispatchId}"]`,
      );
      expect(await notice.textContent()).toContain(`03 — Đã tiếp nhận, từ ${H41}`);
      await notice.getByRole('button', { name: /Mở văn bản/ }).click();
      const status = senderPage
        .getByTestId('recipients')
        .locator(`tr[data-recipient="${H41}"] td[data-status]`);
      await status.waitFor();
      expect(await status.getAttribute('data-status')).toBe('03');

      // The sent list shows where each recipient is, with its processing status.
      await senderPage.getByRole('button', { name: 'Văn bản đi', exact: true }).click();
      const sentRow = senderPage.getByTestId('sent').locator(`tr[data-dispatch="${dispatchId}"]`);
      await sentRow.waitFor();
      expect(await sentRow.locator(`li[data-recipient="${H41}"]`).textContent()).toContain(
        '03 — Đã tiếp nhận',
      );
      expect(existsSync(await saveScreenshot(senderPage, 'inbox'))).toBe(true);

      // The sender recalls it; the recipient had fetched it, so it is asked and agrees (15).
      const sent = senderPage.getByTestId('dispatch');
      await sent
        .getByLabel('Lý do thu hồi')
        .fill('Sai sót về nội dung, sẽ ban hành văn bản thay thế');
      await sent.getByRole('button', { name: 'Thu hồi văn bản' }).click();
      await sent.getByRole('button', { name: 'Xác nhận thu hồi' }).click();
      await sent
        .getByText('Đã thu hồi: rút khỏi 0 hộp thư, gửi yêu cầu thu hồi tới 1 cơ quan.')
        .waitFor();
      const recallCell = sent.locator(`tr[data-recipient="${H41}"] td[data-recall]`);
      await waitFor(
        () => recallCell.getAttribute('data-recall'),
        (v) => v === 'requested',
        'recall requested',
      );

      const request = await waitForRow(
        page,
        `tr[data-kind="status"][data-dispatch="${dispatchId}"]`,
      );
      expect(await request.textContent()).toContain('13 — Lấy lại');
      await request.getByRole('button', { name: /Mở văn bản/ }).click();
      const answer = page.getByTestId('dispatch').getByLabel('Trạng thái', { exact: true });
      await waitFor(
        () => answer.inputValue(),
        (value) => value === '15',
        'the recall answer proposed',
      );
      await page.getByTestId('dispatch').getByRole('button', { name: 'Gửi trạng thái' }).click();
      await page.getByTestId('dispatch').getByText('Đã gửi trạng thái 15').waitFor();

      await waitFor(
        async () => {
          await senderPage.getByRole('button', { name: 'Tải lại' }).click();
          await senderPage.getByRole('button', { name: 'Đóng văn bản' }).click();
          await senderPage
            .locator(`tr[data-dispatch="${dispatchId}"]`)
            .first()
            .getByRole('button', { name: /Mở văn bản/ })
            .click();
          return recallCell.getAttribute('data-recall');
        },
        (value) => value === 'accepted',
        "the recall agreed, on the sender's page",
      );
    } finally {
      await recipient.close();
      await sender.close();
    }
    // Several pipeline round trips (status notices, a recall), each awaited up to 45 s.
  }, 300_000);
});
