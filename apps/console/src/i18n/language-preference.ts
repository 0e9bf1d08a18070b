import { en } from './messages.en';
import { vi, type Messages } from './messages.vi';

export type Language = 'vi' | 'en';

export const LANGUAGES: readonly Language[] = ['vi', 'en'];

/** Vietnamese: the console is for Vietnamese agencies; English only on request. */
export const DEFAULT_LANGUAGE: Language = 'vi';

const DICTIONARIES: Readonly<Record<Language, Messages>> = { vi, en };

export function messagesFor(language: Language): Messages {
  return DICTIONARIES[language];
}

/** Where a visitor's choice is kept (the browser's localStorage in the console). */
export type LanguageStorage = Pick<Storage, 'getItem' | 'setItem'>;

const STORAGE_KEY = 'docaxis.console.language';

/**
 * The language a visitor chose last time on this browser; Vietnamese otherwise. `storage` is a
 * getter because merely reading `window.localStorage` may throw (storage disabled).
 */
export function rememberedLanguage(storage: () => LanguageStorage): Language {
  try {
    const stored = storage().getItem(STORAGE_KEY);
    return stored === 'en' || stored === 'vi' ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function rememberLanguage(storage: () => LanguageStorage, language: Language): void {
  try {
    storage().setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing may refuse storage: the switch still works for this visit.
  }
}
