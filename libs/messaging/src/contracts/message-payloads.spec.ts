import {
  checkPayload,
  MESSAGE_PAYLOAD_SCHEMAS,
  WEBHOOK_CHANGE_REASON_MAX,
} from './message-payloads';
import {
  ALL_EVENT_TYPES,
  ALL_MESSAGE_TYPES,
  isMessageType,
  MESSAGE_EXCHANGE,
  MessageTypes,
} from './message-types';

const base = { occurredAt: '2026-11-23T10:00:00.000Z', actor: 'CN=Văn phòng Chính phủ' };
const dispatchId = '0190f3a0-0000-7000-8000-000000000001';

describe('message contracts', () => {
  it('has a payload schema and an exchange for every message type, and nothing else', () => {
    expect(Object.keys(MESSAGE_PAYLOAD_SCHEMAS).sort()).toEqual([...ALL_MESSAGE_TYPES].sort());
    expect(Object.keys(MESSAGE_EXCHANGE).sort()).toEqual([...ALL_MESSAGE_TYPES].sort());
  });

  it('routes events on the events exchange and delivery requests on the delivery exchange', () => {
    expect(ALL_EVENT_TYPES).toHaveLength(19);
    expect(ALL_EVENT_TYPES).not.toContain(MessageTypes.DeliveryRequested);
    expect(MESSAGE_EXCHANGE[MessageTypes.DeliveryRequested]).toBe('delivery');
    expect(isMessageType('dispatch.submitted')).toBe(true);
    expect(isMessageType('dispatch.unknown')).toBe(false);
    expect(isMessageType('toString')).toBe(false);
  });

  it('accepts a valid dispatch.submitted and passes unknown fields through untouched', () => {
    const body = {
      ...base,
      dispatchId,
      senderCode: '000.00.00.G22',
      recipientCodes: ['000.00.00.H41'],
      fileCount: 2,
      addedLater: 'kept',
    };
    const check = checkPayload(MessageTypes.DispatchSubmitted, body);
    expect(check).toEqual({ ok: true, payload: body });
  });

  it('accepts a dispatch.rejected with its Vietnamese message, and an older one without it', () => {
    const older = {
      ...base,
      dispatchId,
      senderCode: '000.00.00.G22',
      code: 'PDF_UNSIGNED',
      message: '"a.pdf" carries no digital signature.',
    };
    const bilingual = { ...older, messageVi: 'Tệp "a.pdf" không có chữ ký số.' };
    expect(checkPayload(MessageTypes.DispatchRejected, older)).toEqual({
      ok: true,
      payload: older,
    });
    expect(checkPayload(MessageTypes.DispatchRejected, bilingual)).toEqual({
      ok: true,
      payload: bilingual,
    });
    expect(checkPayload(MessageTypes.DispatchRejected, { ...older, messageVi: 42 }).ok).toBe(false);
  });

  it("carries a webhook deactivation's code and bilingual reason; older events had none", () => {
    const change = {
      ...base,
      action: 'webhook.deactivated',
      agencyCode: '000.00.00.H41',
      webhookId: '0192a000-0000-7000-8000-0000000000b1',
      url: 'https://hooks.example.org/x',
    };
    const stop = {
      ...change,
      actor: 'notifier',
      deactivationCode: 'FAILING_PERSISTENTLY',
      reason: 'every delivery attempt failed for 72 h',
      reasonVi: 'mọi lần gửi đều thất bại trong 72 giờ',
    };
    expect(checkPayload(MessageTypes.WebhookChanged, change).ok).toBe(true);
    expect(checkPayload(MessageTypes.WebhookChanged, stop).ok).toBe(true);
    expect(
      checkPayload(MessageTypes.WebhookChanged, { ...stop, deactivationCode: 'TIRED' }).ok,
    ).toBe(false);
    expect(
      checkPayload(MessageTypes.WebhookChanged, {
        ...stop,
        reason: 'x'.repeat(WEBHOOK_CHANGE_REASON_MAX + 1),
      }).ok,
    ).toBe(false);
  });

  it('lists every problem of an invalid body by path', () => {
    const check = checkPayload(MessageTypes.DispatchSubmitted, {
      ...base,
      occurredAt: 'yesterday',
      dispatchId: 'not-a-uuid',
      senderCode: 'g22',
      recipientCodes: [],
      fileCount: -1,
    });
    expect(check.ok).toBe(false);
    const problems = check.ok ? [] : check.problems.map((p) => p.split(':')[0]);
    expect(problems.sort()).toEqual([
      'dispatchId',
      'fileCount',
      'occurredAt',
      'recipientCodes',
      'senderCode',
    ]);
  });

  it('requires occurredAt and actor on every message', () => {
    for (const type of ALL_MESSAGE_TYPES) {
      const check = checkPayload(type, {});
      expect(check.ok).toBe(false);
      const paths = check.ok ? [] : check.problems.map((p) => p.split(':')[0]);
      expect(paths).toEqual(expect.arrayContaining(['occurredAt', 'actor']));
    }
  });

  it('keeps a refusal free of document fields but complete', () => {
    expect(
      checkPayload(MessageTypes.DispatchRefused, {
        ...base,
        senderCode: '000.00.00.G22',
        code: 'DOCUMENT_CONFIDENTIAL',
        reason: 'secret',
      }).ok,
    ).toBe(true);
    expect(
      checkPayload(MessageTypes.DispatchRefused, { ...base, senderCode: '000.00.00.G22' }).ok,
    ).toBe(false);
  });

  it('carries a status notice by reference, with a two-digit code', () => {
    const notice = {
      ...base,
      dispatchId,
      senderCode: '000.00.00.G22',
      recipientCode: '000.00.00.H41',
      statusNoticeId: '0190f3a0-0000-7000-8000-000000000002',
      authorCode: '000.00.00.H41',
      addresseeCode: '000.00.00.G22',
      statusCode: '03',
    };
    expect(checkPayload(MessageTypes.StatusNoticed, notice).ok).toBe(true);
    expect(checkPayload(MessageTypes.StatusNoticed, { ...notice, statusCode: '3' }).ok).toBe(false);
    expect(checkPayload(MessageTypes.StatusDelivered, { ...notice, deliverySeq: 7 }).ok).toBe(true);
    expect(checkPayload(MessageTypes.StatusDelivered, notice).ok).toBe(false);
    const skipped = { ...notice, reason: 'Thông điệp hỏng, không đọc được' };
    expect(checkPayload(MessageTypes.StatusSkipped, skipped).ok).toBe(true);
    expect(checkPayload(MessageTypes.StatusSkipped, notice).ok).toBe(false);
    expect(checkPayload(MessageTypes.StatusSkipped, { ...skipped, reason: '' }).ok).toBe(false);
  });

  it('names every recipient of a dispatch withdrawn before it was routed', () => {
    const withdrawn = { ...base, dispatchId, recipientCodes: ['000.00.00.H41'] };
    expect(checkPayload(MessageTypes.DispatchWithdrawn, withdrawn).ok).toBe(true);
    expect(
      checkPayload(MessageTypes.DispatchWithdrawn, { ...withdrawn, recipientCodes: [] }).ok,
    ).toBe(false);
  });

  it('says whom a recall withdrew the dispatch from and whom it asked', () => {
    const recall = {
      ...base,
      dispatchId,
      senderCode: '000.00.00.G22',
      reason: 'Sai nội dung',
      withdrawnFrom: ['000.00.00.H41'],
      requestedFrom: [],
    };
    expect(checkPayload(MessageTypes.DispatchRecalled, recall).ok).toBe(true);
    expect(checkPayload(MessageTypes.DispatchRecalled, { ...recall, reason: '' }).ok).toBe(false);
  });

  it('bounds delivery priorities to 0–255', () => {
    const request = { ...base, dispatchId, recipientCode: '000.00.00.H41', priority: 3 };
    expect(checkPayload(MessageTypes.DeliveryRequested, request).ok).toBe(true);
    expect(checkPayload(MessageTypes.DeliveryRequested, { ...request, priority: 256 }).ok).toBe(
      false,
    );
  });

  it('checks the batched events: at least one item, each with its dispatch and sender', () => {
    const delivered = {
      ...base,
      recipientCode: '000.00.00.H41',
      deliveries: [{ dispatchId, senderCode: '000.00.00.G22', deliverySeq: 4, correlationId: 'c' }],
    };
    expect(checkPayload(MessageTypes.DispatchDeliveredBatch, delivered).ok).toBe(true);
    const empty = checkPayload(MessageTypes.DispatchDeliveredBatch, {
      ...delivered,
      deliveries: [],
    });
    expect(empty).toMatchObject({ ok: false, problems: [expect.stringMatching(/^deliveries:/)] });
    const acknowledged = checkPayload(MessageTypes.DispatchAcknowledgedBatch, {
      ...base,
      recipientCode: '000.00.00.H41',
      acknowledgements: [{ dispatchId, senderCode: 'g22' }],
    });
    expect(acknowledged).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^acknowledgements\.0\.senderCode:/)],
    });
    // The per-dispatch events stay in the contracts: consumers still take what an older
    // producer wrote during a rolling upgrade.
    expect(isMessageType(MessageTypes.DispatchDelivered)).toBe(true);
    expect(isMessageType(MessageTypes.DispatchAcknowledged)).toBe(true);
  });
});
