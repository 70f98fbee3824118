// What leaves the device, stated plainly.
import { offlineReady } from '../../../platform/network';
import { catalog } from '../../state';
import { t } from '../../i18n/i18n';

export function AboutView() {
  const hosts = __MODEL_HOSTS__;
  const pack = catalog.value?.parsed?.catalog;
  const packModels = pack ? pack.embedders.length + pack.llms.length : 0;
  return (
    <section class="card about" aria-labelledby="about-title">
      <h2 id="about-title">{t('about:title')}</h2>
      <p>{t('about:intro')}</p>
      <h3>{t('about:stays.title')}</h3>
      <ul>
        <li>{t('about:stays.documents')}</li>
        <li>{t('about:stays.work')}</li>
        <li>{t('about:stays.models')}</li>
      </ul>
      <p>{t('about:stays.nothingSent')}</p>
      <h3 id="leaves-title">{t('about:leaves.title')}</h3>
      {hosts.length ? (
        <>
          <p>
            {t('about:leaves.onlyBefore')}<strong>{t('about:leaves.modelDownloads')}</strong>{t('about:leaves.onlyAfter')}
          </p>
          <ul aria-labelledby="leaves-title" data-testid="model-hosts">
            {hosts.map((h) => <li key={h}><code>{h}</code></li>)}
          </ul>
          <p class="muted small">{t('about:leaves.byName')}</p>
        </>
      ) : (
        <p data-testid="model-hosts">
          <strong>{t('about:leaves.nothing')}</strong> {t('about:leaves.workshopBefore')}<code>models/</code>{t('about:leaves.workshopAfter')}
        </p>
      )}
      {packModels > 0 && <p>{t('about:pack', { count: packModels })}</p>}
      <h3>{t('about:offline.title')}</h3>
      <p>
        {t(offlineReady.value === 'ready' ? 'about:offline.ready' : offlineReady.value === 'unsupported' ? 'about:offline.unsupported' : 'about:offline.caching')}
      </p>
      <h3>{t('about:remove.title')}</h3>
      <p>{t('about:remove.body')}</p>
      <p class="muted small">{t('about:version', { version: __APP_VERSION__ })}</p>
    </section>
  );
}
