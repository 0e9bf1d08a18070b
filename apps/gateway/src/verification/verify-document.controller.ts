import {
  Controller,
  HttpCode,
  Post,
  Req,
  Res,
  StreamableFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { DocumentVerificationReport } from '@docaxis/signature/report/document-verification-report';
import { renderVerificationReportPdf } from '@docaxis/signature/report/verification-report-pdf';
import { CallerRole } from '../auth/caller-role';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { RequireRoles } from '../auth/require-roles.decorator';
import { MultipartUploadInterceptor } from '../dispatches/multipart-upload.interceptor';
import { NoFilesError } from '../dispatches/dispatch-submission.errors';
import { multipartFilePartsOf } from '../dispatches/multipart-file-parts';
import { declareResponseLanguage, responseLanguageOf } from '../http/response-language';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { ApiLanguageQuery } from '../openapi/api-language-query.decorator';
import { VerifyResponseDto } from './dtos/verify-response.dto';
import { PDF_MEDIA_TYPE, prefersPdfReport } from './verification-report-format';
import { VerifyDocumentUseCase } from './verify-document.usecase';

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
   * With `Accept: application/pdf` the same reports as one human-readable PDF, in Vietnamese unless
   * `?lang=en` (or `Accept-Language: en`) asks for English.
   */
  @Post()
  @HttpCode(200)
  @UseInterceptors(MultipartUploadInterceptor)
  @ApiOperation({
    summary: 'Verify the signatures of PDFs (kiểm tra chữ ký số) and get one report per file',
    description:
      'Answers 200 whatever the verdict: a broken PDF is a FORMAT_FAILURE indication, not an error. ' +
      'With Accept: application/pdf, one readable PDF report of all files (Vietnamese by default; ' +
      '?lang=en or Accept-Language: en for English).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiProduces('application/json', PDF_MEDIA_TYPE)
  @ApiLanguageQuery('the PDF report (Accept: application/pdf)')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['files'],
      properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } },
    },
  })
  @ApiOkResponse({ type: VerifyResponseDto })
  @ApiErrorResponses({
    400: ['MULTIPART_INVALID', 'FILES_MISSING', 'REPORT_LANGUAGE_INVALID'],
    413: ['FILE_TOO_LARGE', 'TOO_MANY_FILES'],
  })
  async verify(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<VerifyResponse | StreamableFile> {
    const asPdf = prefersPdfReport(request);
    // Accept chose the format (JSON or PDF): a cache must not serve one to a caller asking the other.
    response.vary('Accept');
    // Judged before any work, so a bad parameter costs no verification.
    const language = asPdf ? responseLanguageOf(request) : undefined;
    const files = multipartFilePartsOf(request).files ?? [];
    if (files.length === 0) throw new NoFilesError();
    const verified = await this.verifyDocument.execute(
      files.map((file) => ({ fileName: file.originalname, bytes: file.buffer })),
    );
    if (!asPdf) {
      return { reports: verified.map(({ fileName, report }) => ({ fileName, ...report })) };
    }
    const pdf = await renderVerificationReportPdf(verified, { language });
    declareResponseLanguage(response, language ?? 'vi');
    return new StreamableFile(pdf, {
      type: PDF_MEDIA_TYPE,
      length: pdf.length,
      disposition: 'attachment; filename="verification-report.pdf"',
    });
  }
}
