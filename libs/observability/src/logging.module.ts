import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { currentLogContext } from './correlation-context';
import { correlationIdFor } from './correlation-id';

export interface LoggingOptions {
  appName: string;
  level: string;
  pretty: boolean;
  /** Append JSON lines to this file instead of writing them to stdout (LOG_FILE). */
  file?: string;
}

/**
 * Paths redacted wherever they appear in a log line: credentials, and anything that could hold
 * document contents (bodies, uploaded files, envelopes) should a caller ever log such an object.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-client-cert"]',
  'req.body',
  'body',
  'files',
  '*.files',
  'envelope',
  '*.envelope',
  'bytes',
  '*.bytes',
  'content',
  '*.content',
];

/**
 * Structured JSON logs (pino) with the correlation id on every line: from the request on the
 * gateway (X-Correlation-Id or generated), from the message being handled in the consumers.
 * Credentials and bodies are never logged: documents must not leak into logs.
 */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    const destination =
      options.file && !options.pretty
        ? pino.destination({ dest: options.file, append: true, mkdir: true, sync: true })
        : undefined;
    const http: PinoHttpOptions = {
      name: options.appName,
      level: options.level,
      genReqId: (request, response) => correlationIdFor(request, response),
      customAttributeKeys: { reqId: 'correlationId' },
      // Lines logged while serving a request carry `correlationId` at top level, not the whole req.
      quietReqLogger: true,
      // Consumers handle each message inside its correlation id (correlation-context).
      mixin: () => currentLogContext(),
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
      },
      // Probes and scrapes every few seconds would drown the request log.
      autoLogging: { ignore: (req) => /^\/(health\/|metrics)/.test(req.url ?? '') },
      transport: options.pretty
        ? { target: 'pino-pretty', options: { singleLine: true } }
        : undefined,
    };
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: destination ? [http, destination] : http,
          // nestjs-pino's default ('*') is the wildcard Express 5 no longer names: under the
          // gateway's global prefix Nest converts it to this and warns at every start.
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
