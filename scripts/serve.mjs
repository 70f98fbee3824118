#!/usr/bin/env node
// Serves the production build (dist/) on localhost. With --models DIR, that
// folder is served at models/ as a local model pack (how tests and offline
// demos supply models); otherwise dist/models/ is used when a pack was built in.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sirv from 'sirv';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4173' },
    host: { type: 'string', default: '127.0.0.1' },
    dist: { type: 'string', default: join(root, 'dist') },
    models: { type: 'string' },
    // Serve the site under a sub-path (e.g. /rag/), as a static host might: the build must not care.
    prefix: { type: 'string', default: '/' },
  },
});
const prefix = values.prefix.endsWith('/') ? values.prefix : `${values.prefix}/`;

const dist = resolve(values.dist);
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`No build found in ${dist}. Run "npm run build" first (npm start does both).`);
  process.exit(1);
}
// The Content-Security-Policy the build was made with (dist/_headers), sent with every
// response: the page's <meta> tag does not reach workers, a header does.
const headersFile = join(dist, '_headers');
const csp = existsSync(headersFile) ? /Content-Security-Policy: (.+)/.exec(readFileSync(headersFile, 'utf8'))?.[1] ?? null : null;
const serveOptions = { dev: false, etag: true, gzip: false, brotli: false, setHeaders: (res) => csp && res.setHeader('Content-Security-Policy', csp) };
const app = sirv(dist, { ...serveOptions, single: false });
const models = values.models ? sirv(resolve(values.models), serveOptions) : null;

const server = createServer((req, res) => {
  if (!(req.url ?? '/').startsWith(prefix)) return notFound(res);
  req.url = `/${(req.url ?? '/').slice(prefix.length)}`;
  const url = req.url;
  if (models && url.startsWith('/models/')) {
    req.url = url.slice('/models'.length);
    return models(req, res, () => notFound(res));
  }
  app(req, res, () => notFound(res));
});

function notFound(res) {
  res.statusCode = 404;
  if (csp) res.setHeader('Content-Security-Policy', csp);
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end('Not found');
}

server.listen(Number(values.port), values.host, () => {
  console.log(`RAG Lab is running at http://${values.host}:${values.port}${prefix}`);
  if (values.models) console.log(`Local model pack: ${resolve(values.models)} served at /models/`);
});
