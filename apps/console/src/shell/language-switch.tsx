import { useI18n } from '../i18n/i18n-context';
import { LANGUAGES } from '../i18n/language-preference';

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <div role="group" aria-label={t.language.label} className="language-switch">
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={language === option}
          onClick={() => setLanguage(option)}
        >
          {t.language[option]}
        </button>
      ))}
    </div>
  );
}
