import { NotFoundError } from '@docaxis/errors/domain-error-kinds';

/** The gateway serves the console from CONSOLE_DIR, which holds no build (no index.html). */
export class ConsoleNotBuiltError extends NotFoundError {
  constructor(consoleDir: string) {
    super(
      'CONSOLE_NOT_BUILT',
      `The web console is not built in ${consoleDir}: run npm run build:console.`,
      undefined,
      {
        vi: `Giao diện web chưa được dựng trong thư mục ${consoleDir}: hãy chạy lệnh npm run build:console.`,
      },
    );
  }
}
