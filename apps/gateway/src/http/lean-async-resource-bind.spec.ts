import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { installLeanAsyncResourceBind, leanAsyncResourceBind } from './lean-async-resource-bind';

describe('leanAsyncResourceBind', () => {
  const storage = new AsyncLocalStorage<string>();

  it('runs the function in the async context it was bound in, not the caller’s', () => {
    const bound = storage.run('bound here', () => leanAsyncResourceBind(() => storage.getStore()));
    expect(storage.run('called here', () => bound())).toBe('bound here');
    expect(bound()).toBe('bound here');
  });

  it('passes the arguments and returns the result', () => {
    const bound = leanAsyncResourceBind((a: unknown, b: unknown) => [a, b]);
    expect(bound(1, 'two')).toEqual([1, 'two']);
  });

  it('uses the caller’s this, or thisArg when given', () => {
    function self(this: unknown) {
      return this;
    }
    const receiver = { name: 'receiver' };
    const fixed = { name: 'fixed' };
    expect(leanAsyncResourceBind(self).call(receiver)).toBe(receiver);
    expect(leanAsyncResourceBind(self, 'type', fixed).call(receiver)).toBe(fixed);
  });

  it('propagates what the function throws', () => {
    const bound = leanAsyncResourceBind(() => {
      throw new Error('boom');
    });
    expect(() => bound()).toThrow('boom');
  });

  it('refuses what is not a function as Node does', () => {
    expect(() => leanAsyncResourceBind(42 as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }),
    );
  });

  it('once installed, is what AsyncResource.bind calls, context kept', () => {
    const original = AsyncResource.bind;
    try {
      installLeanAsyncResourceBind();
      const bound = storage.run('installed', () => AsyncResource.bind(() => storage.getStore()));
      expect(storage.run('elsewhere', () => bound())).toBe('installed');
      // The deprecated accessor is what made Node's binding slow; it is not defined.
      expect(Object.getOwnPropertyDescriptor(bound, 'asyncResource')).toBeUndefined();
    } finally {
      AsyncResource.bind = original;
    }
  });
});
