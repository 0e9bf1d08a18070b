import { Module } from '@nestjs/common';
import { SubmissionAdmission } from './submission-admission';

/** Backpressure on new submissions (ADMISSION_* settings). */
@Module({
  providers: [SubmissionAdmission],
  exports: [SubmissionAdmission],
})
export class AdmissionModule {}
