// What leaves the device, stated plainly.
import { offlineReady } from '../../platform/network';
import { catalog } from '../state';

export function AboutView() {
  const hosts = __MODEL_HOSTS__;
  const pack = catalog.value?.parsed?.catalog;
  const packModels = pack ? pack.embedders.length + pack.llms.length : 0;
  return (
    <section class="card about" aria-labelledby="about-title">
      <h2 id="about-title">About RAG Lab and your data</h2>
      <p>
        RAG Lab runs entirely in this browser. There is no server behind it, no account, no analytics, no telemetry, and no fonts or
        scripts from other sites.
      </p>
      <h3>What stays on this device</h3>
      <ul>
        <li>Your documents, their text, chunks and vectors (IndexedDB in this browser).</li>
        <li>Questions, answers, QA sets, eval runs, training datasets and fine-tuned models.</li>
        <li>Downloaded models (the browser's Cache Storage).</li>
      </ul>
      <p>Nothing you add, type or generate is ever sent anywhere: document text is not part of any network request.</p>
      <h3 id="leaves-title">What leaves the device</h3>
      {hosts.length ? (
        <>
          <p>
            Only <strong>model downloads</strong>, and only when a model is not in this site's model pack and not downloaded yet. Those
            requests go to:
          </p>
          <ul aria-labelledby="leaves-title" data-testid="model-hosts">
            {hosts.map((h) => <li key={h}><code>{h}</code></li>)}
          </ul>
          <p class="muted small">They fetch model files by name; they carry none of your data. The page's Content-Security-Policy allows no other host.</p>
        </>
      ) : (
        <p data-testid="model-hosts">
          <strong>Nothing.</strong> This is a workshop-pack build: models come from this site's own <code>models/</code> folder, and the
          Content-Security-Policy allows no other host at all.
        </p>
      )}
      {packModels > 0 && <p>This site has a model pack with {packModels} model{packModels === 1 ? '' : 's'}; they load from this site, not from the internet.</p>}
      <h3>Offline use</h3>
      <p>
        {offlineReady.value === 'ready'
          ? 'The app is cached: it opens with the network off. Models work offline once they are downloaded, or when they come from this site\'s pack.'
          : offlineReady.value === 'unsupported'
            ? 'This browser cannot cache the app for offline use (no service workers, or a private window).'
            : 'Caching the app for offline use…'}
      </p>
      <h3>Removing everything</h3>
      <p>Delete documents in Library and models in Models, or clear this site's data in the browser's settings.</p>
      <p class="muted small">RAG Lab {__APP_VERSION__}</p>
    </section>
  );
}
