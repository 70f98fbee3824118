import { language, setLanguage, t } from '../i18n/i18n';
import { languageInfo, languages, type Language } from '../i18n/languages';

/** The header's language picker: each language named in its own script, the choice remembered. */
export function LanguageSwitch() {
  return (
    <select
      class="language-switch"
      aria-label={t('common:header.language')}
      value={language.value}
      onChange={(e) => setLanguage(e.currentTarget.value as Language)}
    >
      {languages.map((l) => (
        <option key={l} value={l} lang={languageInfo[l].tag}>
          {languageInfo[l].name}
        </option>
      ))}
    </select>
  );
}
