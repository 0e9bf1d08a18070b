import { createHmac } from 'node:crypto';
import { signWebhookBody } from './webhook-signature';

describe('signWebhookBody', () => {
  it('is HMAC-SHA256 over "timestamp.body", hex, prefixed v1=', () => {
    const body = '{"id":"n1","type":"dispatch.delivered"}';
    const expected = createHmac('sha256', 'bí mật của Sở')
      .update(`1795456000.${body}`)
      .digest('hex');
    expect(signWebhookBody('bí mật của Sở', 1795456000, body)).toBe(`v1=${expected}`);
  });

  it('changes with the timestamp, the body and the secret', () => {
    const base = signWebhookBody('secret-one-123456', 1, 'a');
    expect(signWebhookBody('secret-one-123456', 2, 'a')).not.toBe(base);
    expect(signWebhookBody('secret-one-123456', 1, 'b')).not.toBe(base);
    expect(signWebhookBody('secret-two-123456', 1, 'a')).not.toBe(base);
  });
});
