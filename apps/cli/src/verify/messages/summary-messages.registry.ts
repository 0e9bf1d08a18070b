import type { SummaryLanguage, SummaryMessages } from './summary-messages';
import { SUMMARY_MESSAGES_EN } from './summary-messages.en';
import { SUMMARY_MESSAGES_VI } from './summary-messages.vi';

export const SUMMARY_MESSAGES: Readonly<Record<SummaryLanguage, SummaryMessages>> = {
  vi: SUMMARY_MESSAGES_VI,
  en: SUMMARY_MESSAGES_EN,
};
