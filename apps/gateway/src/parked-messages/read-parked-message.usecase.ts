import { Injectable } from '@nestjs/common';
import { validate as isUuid } from 'uuid';
import { ParkedMessageRepository } from '@docaxis/persistence/parked-message/parked-message.repository';
import { type ParkedMessageDetail, toParkedMessageDetail } from './dtos/parked-message-view';
import { ParkedMessageNotFoundError } from './parked-message.errors';

/** One parked message in full: error, attempts, headers and payload. */
@Injectable()
export class ReadParkedMessageUseCase {
  constructor(private readonly parked: ParkedMessageRepository) {}

  async execute(id: string): Promise<ParkedMessageDetail> {
    const row = isUuid(id) ? await this.parked.findById(id) : null;
    if (!row) throw new ParkedMessageNotFoundError(id);
    return toParkedMessageDetail(row);
  }
}
