import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { httpStatusForKind } from '@docaxis/errors/http-status-for-kind';
import { declareResponseLanguage, errorLanguageOf } from '../http/response-language';
import { ConsoleNotBuiltError } from './console-not-built.error';

/** Where the console is served; its build (`vite base`) uses the same prefix. */
export const CONSOLE_PREFIX = '/console';

/**
 * The console's pages get helmet's policy plus `blob:` frames and images: a dispatch's PDF is
 * fetched with the client certificate and shown from a blob URL in the browser's PDF viewer.
 */
export const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "base-uri 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "frame-src 'self' blob:",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  'upgrade-insecure-requests',
].join('; ');

/**
 * Serves the built web console (apps/console → CONSOLE_DIR) under /console on the gateway's own
 * origin, so the browser presents the same TLS client certificate to the pages and to /api/v1.
 * Hashed assets are cached for good, index.html never (it names the current assets), and any
 * extension-less path below /console answers index.html so that deep links reach the SPA.
 */
export function serveConsole(app: NestExpressApplication, consoleDir: string): void {
  const index = join(consoleDir, 'index.html');
  app.useStaticAssets(consoleDir, {
    prefix: `${CONSOLE_PREFIX}/`,
    index: 'index.html',
    setHeaders: (response: Response, path: string) => {
      response.setHeader('Content-Security-Policy', CONSOLE_CONTENT_SECURITY_POLICY);
      response.setHeader(
        'Cache-Control',
        path.includes(`${join(consoleDir, 'assets')}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  app.use(CONSOLE_PREFIX, (request: Request, response: Response, next: NextFunction) => {
    if (!['GET', 'HEAD'].includes(request.method) || extname(request.path) !== '') return next();
    if (!existsSync(index)) {
      // Express middleware, outside Nest's exception filter: worded here the way the filter would.
      const error = new ConsoleNotBuiltError(consoleDir);
      const language = errorLanguageOf(request);
      declareResponseLanguage(response, language);
      response.status(httpStatusForKind(error.kind)).json({
        error: { code: error.code, message: error.messageIn(language) },
      });
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('Content-Security-Policy', CONSOLE_CONTENT_SECURITY_POLICY);
    response.sendFile(index);
  });
}
