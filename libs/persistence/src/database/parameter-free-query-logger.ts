import { Logger as NestLogger } from '@nestjs/common';
import type { Logger } from 'typeorm';

/**
 * TypeORM's own loggers print a failed query with its parameters, i.e. envelopes, subjects and
 * other document data, to the console. This one logs failures through the app's structured
 * logger with the SQL text and the error only: parameters never reach a log.
 */
export class ParameterFreeQueryLogger implements Logger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {
    // Successful queries are not logged.
  }

  logQueryError(error: string | Error, query: string, _parameters?: unknown[]): void {
    this.logger.error(
      { query, error: typeof error === 'string' ? error : error.message },
      'Query failed',
    );
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ query, timeMs: time }, 'Slow query');
  }

  logSchemaBuild(): void {
    // synchronize is off: there is no schema build to log.
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(message);
    else this.logger.log(message);
  }
}
