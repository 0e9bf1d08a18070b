import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';

/** Up when the blob store's folder exists and this process may read and write it. */
@Injectable()
export class BlobStoreHealthIndicator {
  constructor(private readonly health: HealthIndicatorService) {}

  async check(dir: string) {
    const session = this.health.check('blobStore');
    try {
      await access(dir, constants.R_OK | constants.W_OK);
      return session.up();
    } catch (error) {
      return session.down({ message: `not readable and writable: ${(error as Error).message}` });
    }
  }
}
