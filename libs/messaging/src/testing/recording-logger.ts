import type { MessagingLogger } from '../messaging-logger';

/** Collects log lines instead of printing them, so tests can assert what was logged and why. */
export class RecordingLogger implements MessagingLogger {
  readonly lines: Array<{ level: 'log' | 'warn' | 'error'; message: string }> = [];

  log(message: unknown): void {
    this.lines.push({ level: 'log', message: String(message) });
  }

  warn(message: unknown): void {
    this.lines.push({ level: 'warn', message: String(message) });
  }

  error(message: unknown): void {
    this.lines.push({ level: 'error', message: String(message) });
  }

  messages(level?: 'log' | 'warn' | 'error'): string[] {
    return this.lines.filter((line) => !level || line.level === level).map((line) => line.message);
  }
}
