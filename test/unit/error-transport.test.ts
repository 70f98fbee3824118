// The comlink 'throw' handler's two halves (bridges/error-transport.ts): every RagLabError class of
// shared/errors.ts comes back as itself, with its translation key, after a structured clone.
import { describe, expect, it } from 'vitest';
import { fromErrorData, toErrorData, type ErrorData } from '../../src/bridges/error-transport';
import * as errors from '../../src/shared/errors';
import { IngestError, ModelDownloadError, RagLabError, tKey } from '../../src/shared/errors';

const roundTrip = (e: unknown) => fromErrorData(structuredClone(toErrorData(e).value as ErrorData));

describe('error transport', () => {
  it('brings back every error class that may cross, found in shared/errors.ts itself', () => {
    const classes = Object.values(errors as Record<string, unknown>).filter(
      (v): v is typeof RagLabError => typeof v === 'function' && (v === RagLabError || v.prototype instanceof RagLabError),
    );
    expect(classes.length).toBeGreaterThan(15);
    for (const Class of classes.filter((c) => c !== IngestError && c !== ModelDownloadError)) {
      const back = roundTrip(new Class('What to do next.', { i18n: tKey('errors:llm.noneAvailable') }));
      expect(back, Class.name).toBeInstanceOf(Class);
      expect(back).toMatchObject({ message: 'What to do next.', i18n: { key: 'errors:llm.noneAvailable' } });
    }
  });

  it('keeps an IngestError\'s code, and an unknown error\'s name', () => {
    expect(roundTrip(new IngestError('too-large', 'big.pdf is too large.'))).toMatchObject({ code: 'too-large', name: 'IngestError' });
    const abort = roundTrip(new DOMException('Stopped.', 'AbortError'));
    expect(abort).toMatchObject({ name: 'AbortError', message: 'Stopped.' });
    expect(abort).not.toBeInstanceOf(RagLabError);
  });
});
