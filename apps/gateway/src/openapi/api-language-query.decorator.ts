import { ApiQuery } from '@nestjs/swagger';
import { REPORT_LANGUAGES } from '@docaxis/signature/report/wording/report-wording';

/** The optional `?lang` of a route whose answer is worded in Vietnamese or English. */
export function ApiLanguageQuery(whatItWords: string): MethodDecorator {
  return ApiQuery({
    name: 'lang',
    required: false,
    enum: REPORT_LANGUAGES,
    description: `language of ${whatItWords}; vi by default`,
  });
}
