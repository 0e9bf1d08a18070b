import type { ConsumeMessage } from 'amqplib';
import { CopiedDeliveries } from './copied-deliveries';

function delivery(messageId: string, redelivered: boolean, attempt?: number): ConsumeMessage {
  return {
    content: Buffer.from('{}'),
    fields: { redelivered } as ConsumeMessage['fields'],
    properties: {
      messageId,
      headers: attempt === undefined ? {} : { 'x-docaxis-attempt': attempt },
    } as ConsumeMessage['properties'],
  };
}

describe('CopiedDeliveries', () => {
  it('recognises the redelivered original of a confirmed copy, on its queue and attempt only', async () => {
    const copied = new CopiedDeliveries();
    copied.track('q', delivery('m-1', false, 1), Promise.resolve());
    await expect(copied.isCopied('q', delivery('m-1', true, 1))).resolves.toBe(true);
    await expect(copied.isCopied('other', delivery('m-1', true, 1))).resolves.toBe(false);
    await expect(copied.isCopied('q', delivery('m-1', true, 2))).resolves.toBe(false);
    await expect(copied.isCopied('q', delivery('m-2', true, 1))).resolves.toBe(false);
  });

  it('waits for a copy still being published, and recognises nothing if it fails', async () => {
    const copied = new CopiedDeliveries();
    let confirm!: () => void;
    copied.track('q', delivery('ok', false), new Promise<void>((resolve) => (confirm = resolve)));
    const answer = copied.isCopied('q', delivery('ok', true));
    confirm();
    await expect(answer).resolves.toBe(true);

    copied.track('q', delivery('lost', false), Promise.reject(new Error('nacked')));
    await expect(copied.isCopied('q', delivery('lost', true))).resolves.toBe(false);
  });

  it('handles a fresh delivery of the same message (a redrive) afresh, and forgets the copy', async () => {
    const copied = new CopiedDeliveries();
    copied.track('q', delivery('m-1', false), Promise.resolve());
    await expect(copied.isCopied('q', delivery('m-1', false))).resolves.toBe(false);
    await expect(copied.isCopied('q', delivery('m-1', true))).resolves.toBe(false);
  });

  it('forgets the oldest copies beyond its capacity', async () => {
    const copied = new CopiedDeliveries(2);
    for (const id of ['a', 'b', 'c']) copied.track('q', delivery(id, false), Promise.resolve());
    await expect(copied.isCopied('q', delivery('a', true))).resolves.toBe(false);
    await expect(copied.isCopied('q', delivery('c', true))).resolves.toBe(true);
  });
});
