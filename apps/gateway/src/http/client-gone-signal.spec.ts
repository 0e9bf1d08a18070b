import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { clientGoneSignal } from './client-gone-signal';

function response(): ServerResponse {
  return new ServerResponse(new IncomingMessage(new Socket()));
}

describe('clientGoneSignal', () => {
  it('aborts when the response closes before it was sent (the client went away)', () => {
    const res = response();
    const signal = clientGoneSignal(res);
    res.emit('close');
    expect(signal.aborted).toBe(true);
  });

  it('stays quiet when the response closes after it was sent', () => {
    const res = response();
    const signal = clientGoneSignal(res);
    res.end();
    res.emit('close');
    expect(signal.aborted).toBe(false);
  });
});
