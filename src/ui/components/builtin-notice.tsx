// One line when the site's built-in models are in use because nothing better is
// available (no pack, and offline or no WebGPU), with the way to real models.
import { t } from '../i18n/i18n';
import { builtinEmbedder, builtinEmbedderReason, selectedEmbedder } from '../state';

export function BuiltinNotice() {
  const reason = builtinEmbedderReason.value;
  const builtin = builtinEmbedder.value;
  if (!reason || !builtin || selectedEmbedder.value?.entry.id !== builtin.entry.id) return null;
  return (
    <p class="notice" role="status" data-testid="builtin-notice" data-reason={reason}>
      {t(reason === 'offline' ? 'common:builtin.offline' : 'common:builtin.noWebgpu')} <a href="#/models">{t('common:builtin.models')}</a>
    </p>
  );
}
