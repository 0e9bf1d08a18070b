import { Module } from '@nestjs/common';
import { MultipartUploadInterceptor } from '../dispatches/multipart-upload.interceptor';
import { VerifyDocumentController } from './verify-document.controller';
import { VerifyDocumentUseCase } from './verify-document.usecase';

@Module({
  controllers: [VerifyDocumentController],
  providers: [VerifyDocumentUseCase, MultipartUploadInterceptor],
})
export class VerificationModule {}
