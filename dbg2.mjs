import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--enable-unsafe-webgpu','--use-webgpu-adapter=swiftshader','--no-sandbox','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-quic'] });
for (let run = 0; run < 4; run++) {
  const ctx = await b.newContext();
  const p = await ctx.newPage();
  const t0 = Date.now();
  const log = [];
  p.on('worker', w => w.on('console', m => log.push(`${Date.now() - t0} wconsole ${m.text().slice(0, 300)}`)));
  p.on('console', m => log.push(`${Date.now() - t0} console ${m.text().slice(0, 250)}`));
  p.on('pageerror', e => log.push(`${Date.now() - t0} pageerror ${e.message}`));
  p.on('request', r => { if (r.url().includes('/models/')) log.push(`${Date.now() - t0} req ${r.url().replace(/.*models/, '')}`); });
  p.on('requestfinished', r => { if (r.url().includes('/models/')) log.push(`${Date.now() - t0} fin ${r.url().replace(/.*models/, '')}`); });
  await p.route('**/models/tiny-embedder/onnx/model.onnx', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await p.goto('http://127.0.0.1:4399/#/models');
  await p.getByRole('button', { name: 'Load embedder' }).click();
  let ok = false;
  for (let i = 0; i < 20; i++) { await p.waitForTimeout(500); if (await p.getByRole('alert').count()) { ok = true; break; } }
  console.log('run', run, ok ? 'OK' : 'HANG');
  if (!ok) console.log(log.join('\n'));
  await ctx.close();
}
await b.close();
