import { Module } from '@nestjs/common';
import { RecallDispatchUseCase } from './recall-dispatch.usecase';
import { RecallController } from './recall.controller';

/** The sender's recall (thu hồi) of a dispatch; recipients answer through status notices. */
@Module({
  controllers: [RecallController],
  providers: [RecallDispatchUseCase],
})
export class RecallModule {}
