// The exported dataset README's sentences in the interface language. src/finetune keeps the
// English default and knows nothing of the UI's i18n (docs/i18n.md); the UI passes this in.
import type { ReadmeText } from '../../finetune/readme-text';
import { t } from '../i18n/i18n';

/** The README's sentence `key` in the current interface language (keys: finetune:readme.*). */
export const readmeText: ReadmeText = (key, params) => t(`finetune:readme.${key}`, params);
