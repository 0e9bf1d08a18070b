import { Module } from '@nestjs/common';
import { DispatchesModule } from '../dispatches/dispatches.module';
import { axisEdxmlSignerProvider } from './axis-edxml-signer.provider';
import { EdxmlStatusPacketAdapter } from './edxml-status-packet.adapter';
import { EdxmlStatusController } from './edxml-status.controller';
import { ReadStatusPacketUseCase } from './read-status-packet.usecase';
import { StatusPacketBodyInterceptor } from './status-packet-body.interceptor';

/** Status notices in the standard's status packet: posted as edXML, served as signed edXML. */
@Module({
  imports: [DispatchesModule],
  controllers: [EdxmlStatusController],
  providers: [
    axisEdxmlSignerProvider,
    EdxmlStatusPacketAdapter,
    StatusPacketBodyInterceptor,
    ReadStatusPacketUseCase,
  ],
  exports: [EdxmlStatusPacketAdapter, StatusPacketBodyInterceptor],
})
export class EdxmlStatusModule {}
