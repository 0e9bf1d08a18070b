import { Module } from '@nestjs/common';
import { BlockedStatusNoticesController } from './blocked-status-notices.controller';
import { ListBlockingStatusNoticesUseCase } from './list-blocking-status-notices.usecase';
import { SkipStatusNoticeUseCase } from './skip-status-notice.usecase';

/** The administrator's way out for status notices held back by one that cannot arrive. */
@Module({
  controllers: [BlockedStatusNoticesController],
  providers: [ListBlockingStatusNoticesUseCase, SkipStatusNoticeUseCase],
})
export class BlockedStatusNoticesModule {}
