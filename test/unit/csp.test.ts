import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, defaultModelHosts, modelHosts } from '../../scripts/csp.mjs';

describe('Content-Security-Policy', () => {
  it('online builds may connect to this origin and the model hosts only; no inline scripts; workers from self', () => {
    const policy = contentSecurityPolicy(modelHosts({}));
    expect(policy).toContain(`connect-src 'self' ${defaultModelHosts.join(' ')}`);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).toContain("worker-src 'self'");
  });
  it('a pack build (RAG_LAB_MODEL_HOSTS empty) allows no other host at all', () => {
    expect(modelHosts({ RAG_LAB_MODEL_HOSTS: '' })).toEqual([]);
    expect(contentSecurityPolicy(modelHosts({ RAG_LAB_MODEL_HOSTS: '' }))).toContain("connect-src 'self';");
    expect(modelHosts({ RAG_LAB_MODEL_HOSTS: 'https://mirror.example, https://cdn.example' })).toEqual(['https://mirror.example', 'https://cdn.example']);
  });
});
