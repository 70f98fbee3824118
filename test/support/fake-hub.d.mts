export const fixtureLlmId: string;
export const fixtureEmbedderId: string;
export const fixtureRerankerId: string;
export const fixtureRecord: { model: string; model_id: string; model_lib: string; vram_required_MB: number; low_resource_required: boolean };
export interface FakeHub {
  url: string;
  requests: { path: string; range: string | null }[];
  close(): Promise<void>;
}
export function startFakeHub(modelsDir: string, faults?: { breakOnce?: string[]; badChecksum?: string[]; missing?: string[] }): Promise<FakeHub>;
