import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { correlationIdFor } from './correlation-id';

export interface LoggingOptions {
  appName: string;
  level: string;
  pretty: boolean;
}

/**
 * Structured JSON logs (pino) with the correlation id on every request line. Credentials and
 * bodies are never logged: documents must not leak into logs.
 */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            name: options.appName,
            level: options.level,
            genReqId: (request, response) => correlationIdFor(request, response),
            customAttributeKeys: { reqId: 'correlationId' },
            redact: {
              paths: [
                'req.headers.authorization',
                'req.headers.cookie',
                'req.headers["x-client-cert"]',
              ],
              censor: '[redacted]',
            },
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
              }),
            },
            transport: options.pretty
              ? { target: 'pino-pretty', options: { singleLine: true } }
              : undefined,
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
