import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { en } from './messages.en';
import { vi, type Messages } from './messages.vi';

export type Language = 'vi' | 'en';

export const LANGUAGES: readonly Language[] = ['vi', 'en'];
const DICTIONARIES: Readonly<Record<Language, Messages>> = { vi, en };
const STORAGE_KEY = 'docaxis.console.language';

interface I18n {
  language: Language;
  t: Messages;
  setLanguage: (language: Language) => void;
}

const I18nContext = createContext<I18n | undefined>(undefined);

/** The language a visitor chose last time on this browser; Vietnamese otherwise. */
function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'en' || stored === 'vi' ? stored : 'vi';
  } catch {
    return 'vi';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(storedLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Private browsing may refuse storage: the switch still works for this visit.
    }
  }, [language]);
  const value = useMemo(() => ({ language, t: DICTIONARIES[language], setLanguage }), [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
