import type { Services } from './actions';
import { LanguageSwitch } from './components/language-switch';
import { say, t } from './i18n/i18n';
import { route, routeLabelKeys, routes, type Route } from './router';
import { NoGpuBanner, StatusBar } from './status-bar';
import { AboutView } from './about/views/about';
import { ChatView } from './chat/views/chat';
import { CompareView } from './compare/views/compare';
import { EvaluateView } from './evaluate/views/evaluate';
import { FinetuneView } from './finetune/views/finetune';
import { GraphView } from './graph/views/graph';
import { LibraryView } from './library/views/library';
import { ModelsView } from './models/views/models';
import { databaseNotice } from './state';

/** Storage problems that concern every view: another tab upgraded the database, or blocks an upgrade. */
function DatabaseNotice() {
  const n = databaseNotice.value;
  if (!n) return null;
  return (
    <div class="banner error-banner" role="alert" data-testid="database-notice">
      {say(n.text)} {n.reload && <button type="button" onClick={() => location.reload()}>{t('common:actions.reload')}</button>}
    </div>
  );
}

function View({ name, services }: { name: Route; services: Services }) {
  switch (name) {
    case 'library':
      return <LibraryView services={services} />;
    case 'models':
      return <ModelsView services={services} />;
    case 'chat':
      return <ChatView services={services} />;
    case 'graph':
      return <GraphView services={services} />;
    case 'compare':
      return <CompareView services={services} />;
    case 'evaluate':
      return <EvaluateView services={services} />;
    case 'finetune':
      return <FinetuneView services={services} />;
    case 'about':
      return <AboutView />;
  }
}

export function App({ services }: { services: Services }) {
  const current = route.value;
  return (
    <div class="app">
      <header class="top">
        <div class="top-row">
          <h1 class="brand">
            RAG Lab <span class="tagline">{t('common:header.tagline')}</span>
          </h1>
          <LanguageSwitch />
        </div>
        <nav aria-label={t('common:nav.label')}>
          {routes.map((r) => (
            <a key={r} href={`#/${r}`} aria-current={r === current ? 'page' : undefined}>
              {t(routeLabelKeys[r])}
            </a>
          ))}
        </nav>
      </header>
      <main>
        <NoGpuBanner />
        <DatabaseNotice />
        <View name={current} services={services} />
      </main>
      <StatusBar />
    </div>
  );
}
