import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AUDIT_CHECKPOINT_OPTIONS } from './audit-checkpoint.tokens';
import type { AuditCheckpointOptions } from './audit-checkpoint.config';
import { AuditCheckpointer } from './audit-checkpointer';

/** Looks every poll interval whether a checkpoint is due; one look at a time. */
@Injectable()
export class AuditCheckpointScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditCheckpointScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly checkpointer: AuditCheckpointer,
    @Inject(AUDIT_CHECKPOINT_OPTIONS) private readonly options: AuditCheckpointOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.checkpointer
        .checkpointIfDue()
        .then(() => undefined)
        .catch((error: unknown) => {
          this.logger.error({ err: error }, 'Audit checkpoint failed; retrying at the next poll');
        })
        .finally(() => {
          this.running = undefined;
        });
    }, this.options.pollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
