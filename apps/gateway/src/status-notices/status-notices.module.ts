import { Module } from '@nestjs/common';
import { DispatchesModule } from '../dispatches/dispatches.module';
import { EdxmlStatusModule } from '../edxml-status/edxml-status.module';
import { RecordStatusNoticeUseCase } from './record-status-notice.usecase';
import { StatusNoticesController } from './status-notices.controller';

/** Status notices (trạng thái xử lý) from recipients back to senders. */
@Module({
  imports: [DispatchesModule, EdxmlStatusModule],
  controllers: [StatusNoticesController],
  providers: [RecordStatusNoticeUseCase],
})
export class StatusNoticesModule {}
