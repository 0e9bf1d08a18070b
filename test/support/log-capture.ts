import fs from 'node:fs';

export interface LogCapture {
  /** Everything written so far, decoded as UTF-8 and Latin-1 (to catch raw bytes too). */
  text(): string;
  stop(): void;
}

type Writer = (...args: unknown[]) => unknown;

/**
 * Copies whatever this process writes to stdout and stderr — pino's direct fd writes, stream
 * writes and console calls — while still letting it through, so a spec can scan the axis' logs
 * for what must never be in them.
 */
export function captureLogs(): LogCapture {
  const chunks: Buffer[] = [];
  const keep = (data: unknown) => {
    if (typeof data === 'string') chunks.push(Buffer.from(data, 'utf8'));
    else if (Buffer.isBuffer(data)) chunks.push(Buffer.from(data));
    else if (data instanceof Uint8Array) chunks.push(Buffer.from(data));
  };
  const restores: (() => void)[] = [];
  const wrap = <T extends object>(target: T, name: keyof T, onCall: (args: unknown[]) => void) => {
    const original = target[name] as unknown as Writer;
    (target as Record<keyof T, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
      onCall(args);
      return original.apply(this, args);
    };
    restores.push(() => {
      (target as Record<keyof T, unknown>)[name] = original;
    });
  };
  const isStdFd = (fd: unknown) => fd === 1 || fd === 2;
  wrap(fs, 'writeSync', (args) => isStdFd(args[0]) && keep(args[1]));
  wrap(fs, 'write', (args) => isStdFd(args[0]) && keep(args[1]));
  wrap(process.stdout, 'write', (args) => keep(args[0]));
  wrap(process.stderr, 'write', (args) => keep(args[0]));
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    wrap(console, method, (args) =>
      keep(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')),
    );
  }
  return {
    text: () => {
      const all = Buffer.concat(chunks);
      return `${all.toString('utf8')}\n${all.toString('latin1')}`;
    },
    stop: () => restores.reverse().forEach((restore) => restore()),
  };
}
