// Hash routing: works from any static host and sub-path with no server rules.
import { signal } from '@preact/signals';

export const routes = ['library', 'chat', 'graph', 'compare', 'evaluate', 'finetune', 'models', 'about'] as const;
export type Route = (typeof routes)[number];

/** Each view's name in the navigation: a key of locales/<lang>/common.json. */
export const routeLabelKeys: Record<Route, string> = {
  library: 'common:nav.library',
  chat: 'common:nav.chat',
  graph: 'common:nav.graph',
  compare: 'common:nav.compare',
  evaluate: 'common:nav.evaluate',
  finetune: 'common:nav.finetune',
  about: 'common:nav.about',
  models: 'common:nav.models',
};

function parse(hash: string): Route {
  const name = hash.replace(/^#\/?/, '');
  return (routes as readonly string[]).includes(name) ? (name as Route) : 'library';
}

export const route = signal<Route>(parse(location.hash));
// In-page anchors (a citation's "#source-2") are not routes: they scroll, the view stays.
addEventListener('hashchange', () => {
  if (location.hash === '' || location.hash.startsWith('#/')) route.value = parse(location.hash);
});
