import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { answerApiCallsIn } from '../api/api-client';
import {
  type Language,
  type LanguageStorage,
  messagesFor,
  rememberedLanguage,
  rememberLanguage,
} from './language-preference';
import type { Messages } from './messages.vi';

interface I18n {
  language: Language;
  t: Messages;
  setLanguage: (language: Language) => void;
}

const I18nContext = createContext<I18n | undefined>(undefined);

const browserStorage = (): LanguageStorage => window.localStorage;

/** `storage` is the browser's localStorage; specs pass their own. */
export function I18nProvider({
  children,
  storage = browserStorage,
}: {
  children: ReactNode;
  storage?: () => LanguageStorage;
}) {
  const [language, setLanguage] = useState<Language>(() => rememberedLanguage(storage));
  // During render, not in an effect: the pages' first calls run in their own effects, which
  // React runs before this provider's.
  answerApiCallsIn(language);
  useEffect(() => {
    document.documentElement.lang = language;
    rememberLanguage(storage, language);
  }, [language, storage]);
  const value = useMemo(() => ({ language, t: messagesFor(language), setLanguage }), [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
