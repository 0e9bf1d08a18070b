import { Module } from '@nestjs/common';
import { EdxmlSignatureVerifier } from '@docaxis/edxml/signature/edxml-signature-verifier';
import { AdmissionModule } from '../admission/admission.module';
import { axisEdxmlSignerProvider } from '../edxml-status/axis-edxml-signer.provider';
import { edxmlSignatureVerifierProvider } from '../edxml/edxml-signature-verifier.provider';
import { ReadDispatchEdxmlUseCase } from '../edxml/read-dispatch-edxml.usecase';
import { SubmitEdxmlDispatchUseCase } from '../edxml/submit-edxml-dispatch.usecase';
import { AcknowledgeDispatchUseCase } from './acknowledge-dispatch.usecase';
import { DeliveryAcknowledger } from './delivery-acknowledger';
import { DispatchAccessService } from './dispatch-access.service';
import { DispatchSubmissionBody } from './dispatch-submission-body';
import { DispatchesController } from './dispatches.controller';
import { DownloadDispatchFileUseCase } from './download-dispatch-file.usecase';
import { ReadDispatchUseCase } from './read-dispatch.usecase';
import { SubmissionMetrics } from './submission-metrics';
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
    DispatchSubmissionBody,
    SubmissionMetrics,
    SubmitEdxmlDispatchUseCase,
    ReadDispatchEdxmlUseCase,
    edxmlSignatureVerifierProvider,
    axisEdxmlSignerProvider,
  ],
  // The edXML status route verifies status packets with the same verifier.
  exports: [DispatchAccessService, DeliveryAcknowledger, EdxmlSignatureVerifier],
})
export class DispatchesModule {}
