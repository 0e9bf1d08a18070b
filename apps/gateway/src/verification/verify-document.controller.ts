import { Controller, HttpCode, Post, Req, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { DocumentVerificationReport } from '@docaxis/signature/report/document-verification-report';
import { CallerRole } from '../auth/caller-role';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { RequireRoles } from '../auth/require-roles.decorator';
import { MultipartUploadInterceptor } from '../dispatches/multipart-upload.interceptor';
import { NoFilesError } from '../dispatches/dispatch-submission.errors';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { VerifyResponseDto } from './dtos/verify-response.dto';
import { VerifyDocumentUseCase } from './verify-document.usecase';

type MulterFiles = Record<string, Express.Multer.File[] | undefined>;

export interface VerifyResponse {
  reports: (DocumentVerificationReport & { fileName: string })[];
}

@ApiTags('verification')
@Controller('verify')
@UseGuards(ClientCertificateGuard)
@RequireRoles(CallerRole.AgencySystem, CallerRole.Clerk, CallerRole.Auditor)
export class VerifyDocumentController {
  constructor(private readonly verifyDocument: VerifyDocumentUseCase) {}

  /**
   * POST /api/v1/verify — multipart `files`: one or more PDFs. Answers 200 with one ETSI-shaped
   * report per file, whatever the verdict (a broken PDF is a FORMAT_FAILURE verdict, not an error).
   */
  @Post()
  @HttpCode(200)
  @UseInterceptors(MultipartUploadInterceptor)
  @ApiOperation({
    summary: 'Verify the signatures of PDFs (kiểm tra chữ ký số) and get one report per file',
    description:
      'Answers 200 whatever the verdict: a broken PDF is a FORMAT_FAILURE indication, not an error.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['files'],
      properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } },
    },
  })
  @ApiOkResponse({ type: VerifyResponseDto })
  @ApiErrorResponses({
    400: ['MULTIPART_INVALID', 'FILES_MISSING'],
    413: ['FILE_TOO_LARGE', 'TOO_MANY_FILES'],
  })
  async verify(@Req() request: Request): Promise<VerifyResponse> {
    const files = (request.files as MulterFiles | undefined)?.files ?? [];
    if (files.length === 0) throw new NoFilesError();
    const reports = [];
    for (const file of files) {
      reports.push({
        fileName: file.originalname,
        ...(await this.verifyDocument.execute(file.buffer)),
      });
    }
    return { reports };
  }
}
