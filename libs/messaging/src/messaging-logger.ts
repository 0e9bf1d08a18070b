import type { LoggerService } from '@nestjs/common';

/** The part of Nest's logger the messaging classes use; Nest's `Logger` fits, so does a test spy. */
export type MessagingLogger = Pick<LoggerService, 'log' | 'warn' | 'error' | 'debug'>;
