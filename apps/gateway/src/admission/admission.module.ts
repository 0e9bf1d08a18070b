import { Module } from '@nestjs/common';
import { SubmissionAdmission } from './submission-admission';
import { SubmissionAdmissionInterceptor } from './submission-admission.interceptor';

/** Backpressure on new submissions (ADMISSION_* settings). */
@Module({
  providers: [SubmissionAdmission, SubmissionAdmissionInterceptor],
  exports: [SubmissionAdmission, SubmissionAdmissionInterceptor],
})
export class AdmissionModule {}
