import type { ReportLanguage, ReportWording } from './report-wording';
import { REPORT_WORDING_EN } from './report-wording.en';
import { REPORT_WORDING_VI } from './report-wording.vi';

export const REPORT_WORDING: Readonly<Record<ReportLanguage, ReportWording>> = {
  vi: REPORT_WORDING_VI,
  en: REPORT_WORDING_EN,
};
