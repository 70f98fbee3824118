// The interface languages: data apart from logic. Adding one is a row here and a folder of locale files.

export const languages = ['en', 'zh'] as const;
export type Language = (typeof languages)[number];

/** What each language is called in its own script (the header's switch), and its BCP 47 tag for `<html lang>` and Intl. */
export const languageInfo: Record<Language, { name: string; tag: string }> = {
  en: { name: 'English', tag: 'en' },
  zh: { name: '中文', tag: 'zh-CN' },
};

/** The interface language for a browser's preferred languages: the first one we have (zh-TW, zh-HK… read as zh), else English. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    const hit = languages.find((l) => l === base);
    if (hit) return hit;
  }
  return 'en';
}
