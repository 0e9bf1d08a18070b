import { Module } from '@nestjs/common';
import { AdmissionModule } from '../admission/admission.module';
import { axisEdxmlSignerProvider } from '../edxml-status/axis-edxml-signer.provider';
import { DispatchSubmissionBodyInterceptor } from '../edxml/dispatch-submission-body.interceptor';
import { edxmlSignatureVerifierProvider } from '../edxml/edxml-signature-verifier.provider';
import { ReadDispatchEdxmlUseCase } from '../edxml/read-dispatch-edxml.usecase';
import { SubmitEdxmlDispatchUseCase } from '../edxml/submit-edxml-dispatch.usecase';
import { AcknowledgeDispatchUseCase } from './acknowledge-dispatch.usecase';
import { DeliveryAcknowledger } from './delivery-acknowledger';
import { DispatchAccessService } from './dispatch-access.service';
import { DispatchesController } from './dispatches.controller';
import { DownloadDispatchFileUseCase } from './download-dispatch-file.usecase';
import { MultipartUploadInterceptor } from './multipart-upload.interceptor';
import { ReadDispatchUseCase } from './read-dispatch.usecase';
import { SubmitDispatchUseCase } from './submit-dispatch.usecase';

@Module({
  imports: [AdmissionModule],
  controllers: [DispatchesController],
  providers: [
    SubmitDispatchUseCase,
    ReadDispatchUseCase,
    DownloadDispatchFileUseCase,
    AcknowledgeDispatchUseCase,
    DeliveryAcknowledger,
    DispatchAccessService,
    MultipartUploadInterceptor,
    DispatchSubmissionBodyInterceptor,
    SubmitEdxmlDispatchUseCase,
    ReadDispatchEdxmlUseCase,
    edxmlSignatureVerifierProvider,
    axisEdxmlSignerProvider,
  ],
  exports: [DispatchAccessService, DeliveryAcknowledger],
})
export class DispatchesModule {}
