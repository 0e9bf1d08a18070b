import { asAgency } from '@docaxis/testing/agency-client';
import { sendAndDeliver } from '@docaxis/testing/dispatch-delivery';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';

const A = '000.00.00.G22'; // sender: Văn phòng Chính phủ
const B = '000.00.00.H41'; // recipient: UBND tỉnh Nghệ An
const C = '000.00.14.H20'; // recipient: Sở TT&TT Đồng Tháp
const D = '000.00.00.H14'; // not a party

interface Notice {
  code: string;
  recipientCode: string;
  authorCode: string;
  addresseeCode: string;
  deliveredAt: string | null;
}

/** Status notices travel from a recipient back to the sender's inbox (all four apps). */
describe('status notices (real RabbitMQ and PostgreSQL)', () => {
  let axis: RunningAxis;
  let dispatchId: string;
  const post = (agency: string, body: unknown, id = dispatchId) =>
    asAgency(axis, agency)
      .post(`/dispatches/${id}/status`)
      .send(body as object);

  beforeAll(async () => {
    axis = await startAxis('status');
    dispatchId = await sendAndDeliver(axis, A, [B, C]);
  });

  afterAll(async () => {
    await axis?.stop();
  });

  it('refuses "done" before "received" with STATUS_TRANSITION_INVALID (409)', async () => {
    const response = await post(B, { code: '06' });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({
      code: 'STATUS_TRANSITION_INVALID',
      details: { from: null, to: '06', allowed: ['01'] },
    });
  });

  it('records "received" (01) with staff and timestamp; a repeat of its notice id returns the original', async () => {
    const body = {
      noticeId: 'H41-2026-0001',
      code: '01',
      staff: { department: 'Văn thư', staff: 'Lê Thị Hoa', email: 'vanthu@nghean.gov.vn' },
      timestamp: '2026-11-23T09:15:00+07:00',
    };
    const first = await post(B, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      noticeId: 'H41-2026-0001',
      dispatchId,
      recipientCode: B,
      authorCode: B,
      addresseeCode: A,
      code: '01',
      name: 'Đã đến',
      staff: body.staff,
      timestamp: '2026-11-23T02:15:00.000Z',
    });
    const again = await post(B, body);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);

    const reused = await post(B, { ...body, code: '03' });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('NOTICE_ID_REUSED');
  });

  it.each([
    [{ code: '02' }, 422, 'STATUS_REASON_REQUIRED'],
    [{ code: '99' }, 422, 'STATUS_CODE_UNKNOWN'],
    [{ code: '13' }, 422, 'STATUS_CODE_RESERVED_FOR_SENDER'],
    [{ code: '15' }, 409, 'RECALL_NOT_REQUESTED'],
    [{ code: '04' }, 409, 'STATUS_TRANSITION_INVALID'],
    [{}, 400, 'STATUS_NOTICE_INVALID'],
    [{ code: '03', timestamp: 'yesterday' }, 400, 'STATUS_NOTICE_INVALID'],
    [{ code: '03', extra: 1 }, 400, 'STATUS_NOTICE_INVALID'],
  ])('refuses %j with %i %s', async (body, status, code) => {
    const response = await post(B, body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message).toEqual(expect.any(String));
  });

  it('refuses a notice from the sender (403) and from an agency that never got it (404)', async () => {
    const fromSender = await post(A, { code: '01' });
    expect(fromSender.status).toBe(403);
    expect(fromSender.body.error.code).toBe('NOT_A_RECIPIENT');
    const stranger = await post(D, { code: '01' });
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('DISPATCH_NOT_FOUND');
    const unknown = await post(B, { code: '01' }, '0190f3a0-0000-7000-8000-000000000001');
    expect(unknown.status).toBe(404);
  });

  it('moves B forward 03 → 04 → 05 → 06, then refuses anything after "done"', async () => {
    for (const code of ['03', '04', '05', '06']) {
      const response = await post(B, { code, reason: code === '05' ? 'Đang soạn trả lời' : null });
      expect(response.status).toBe(201);
    }
    const after = await post(B, { code: '05' });
    expect(after.status).toBe(409);
    expect(after.body.error).toMatchObject({
      code: 'STATUS_TRANSITION_INVALID',
      details: { from: '06', allowed: [] },
    });
  });

  it('lets C refuse (02) with a reason', async () => {
    const response = await post(C, { code: '01' });
    expect(response.status).toBe(201);
    const refused = await post(C, { code: '02', reason: 'Không thuộc thẩm quyền giải quyết' });
    expect(refused.status).toBe(201);
    expect(refused.body.reason).toBe('Không thuộc thẩm quyền giải quyết');
  });

  it("routes every notice to the sender's inbox as a status message, in order per recipient, once each", async () => {
    const inbox = await waitFor(
      async () => (await asAgency(axis, A).get('/inbox')).body,
      (body) => body.items?.filter((i: { kind: string }) => i.kind === 'status').length === 7,
      'seven status messages in the sender inbox',
    );
    const notices: Notice[] = inbox.items.map((i: { notice: Notice }) => i.notice);
    // Order is kept per recipient, not across recipients: a notice whose predecessor has no
    // inbox position yet waits (ready) until the predecessor's delivery takes it along, and
    // another recipient's notices may pass it.
    const codesFrom = (recipient: string) =>
      notices.filter((n) => n.recipientCode === recipient).map((n) => n.code);
    expect(notices).toHaveLength(7);
    expect(codesFrom(B)).toEqual(['01', '03', '04', '05', '06']);
    expect(codesFrom(C)).toEqual(['01', '02']);
    for (const n of notices) {
      expect(n).toMatchObject({ addresseeCode: A, deliveredAt: expect.any(String) });
    }
    // The recipients' own inboxes hold the dispatch only.
    const bInbox = (await asAgency(axis, B).get('/inbox')).body;
    expect(bInbox.items.map((i: { kind: string }) => i.kind)).toEqual(['dispatch']);
  });

  it('shows per-recipient state and the history on GET: all for the sender, its own to a recipient', async () => {
    const view = (await asAgency(axis, A).get(`/dispatches/${dispatchId}`)).body;
    expect(
      view.recipients.map((r: { agencyCode: string; statusCode: string; state: string }) => [
        r.agencyCode,
        r.statusCode,
        r.state,
      ]),
    ).toEqual([
      [B, '06', 'delivered'],
      [C, '02', 'delivered'],
    ]);
    expect(view.notices).toHaveLength(7);
    const cView = (await asAgency(axis, C).get(`/dispatches/${dispatchId}`)).body;
    expect(cView.notices.map((n: Notice) => n.code)).toEqual(['01', '02']);
    expect(cView.recipients).toHaveLength(1);
  });

  it('audits each notice and each delivery to the inbox exactly once', async () => {
    const trail = await waitFor(
      async () => (await asAgency(axis, A).get(`/dispatches/${dispatchId}/trail`)).body,
      (body) =>
        body.entries?.filter((e: { eventType: string }) => e.eventType === 'status.delivered')
          .length === 7,
      'seven status deliveries in the trail',
    );
    const count = (type: string) =>
      trail.entries.filter((e: { eventType: string }) => e.eventType === type).length;
    expect(count('status.noticed')).toBe(7);
    expect(count('status.delivered')).toBe(7);
    const [{ notices }] = await axis.db.query(
      `SELECT count(*)::int AS notices FROM status_notices WHERE dispatch_id = $1`,
      [dispatchId],
    );
    expect(notices).toBe(7);
  });

  it("lists what the sender sent, newest first, with each recipient's state, page by page", async () => {
    const second = await sendAndDeliver(axis, A, [B]);
    const third = await sendAndDeliver(axis, A, [C]);
    const first = await asAgency(axis, A).get('/dispatches?role=sent&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((i: { dispatchId: string }) => i.dispatchId)).toEqual([
      third,
      second,
    ]);
    expect(first.body.items[0].recipients).toMatchObject([{ agencyCode: C, state: 'delivered' }]);
    const rest = await asAgency(axis, A).get(
      `/dispatches?role=sent&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(rest.body.items.map((i: { dispatchId: string }) => i.dispatchId)).toEqual([dispatchId]);
    expect(rest.body.nextCursor).toBeNull();
    expect(
      rest.body.items[0].recipients.map((r: { agencyCode: string; statusCode: string }) => [
        r.agencyCode,
        r.statusCode,
      ]),
    ).toEqual([
      [B, '06'],
      [C, '02'],
    ]);
    // A recipient's own sent list does not show what it received.
    expect((await asAgency(axis, B).get('/dispatches?role=sent')).body.items).toEqual([]);
    const noRole = await asAgency(axis, A).get('/dispatches');
    expect(noRole.status).toBe(400);
    expect(noRole.body.error.code).toBe('ROLE_INVALID');
  });
});
