// The interface language: first-visit choice, t() with plurals, Intl formats, and errors that carry
// a translation key across the ingest worker's boundary (their English text is the message itself).
import { afterEach, describe, expect, it } from 'vitest';
import { IngestBridge } from '../../../src/bridges/ingest-bridge';
import { decodeText } from '../../../src/ingest/decode';
import { detectType, parseFile } from '../../../src/ingest/parse';
import { importLibrary } from '../../../src/store/library-export';
import { zipSync } from 'fflate';
import { fromErrorData, toErrorData } from '../../../src/bridges/error-transport';
import { IngestError, tKey } from '../../../src/shared/errors';
import { fakeWorkers } from '../helpers';
import { formatBytes, formatDuration, formatMs, formatNumber } from '../../../src/ui/format';
import { errorText, language, say, t } from '../../../src/ui/i18n/i18n';
import { pickLanguage } from '../../../src/ui/i18n/languages';

afterEach(() => void (language.value = 'en'));

/** The IngestError a call throws. */
async function thrown(f: () => unknown): Promise<IngestError> {
  try {
    await f();
  } catch (e) {
    return e as IngestError;
  }
  throw new Error('did not throw');
}

describe('language choice', () => {
  it('follows the browser on a first visit: any zh tag is Chinese, anything else English', () => {
    expect(pickLanguage(['zh-CN', 'en'])).toBe('zh');
    expect(pickLanguage(['zh-TW'])).toBe('zh');
    expect(pickLanguage(['fr-FR', 'zh'])).toBe('zh');
    expect(pickLanguage(['en-GB', 'zh'])).toBe('en');
    expect(pickLanguage(['de'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });
});

describe('t()', () => {
  it('translates in the current language, with plurals by Intl.PluralRules', () => {
    expect(t('common:nav.library')).toBe('Library');
    expect(t('library:stuck.title', { count: 1 })).toBe('1 file was not indexed');
    expect(t('library:stuck.title', { count: 2 })).toBe('2 files were not indexed');
    language.value = 'zh';
    expect(t('common:nav.library')).toBe('文档库');
    expect(t('library:stuck.title', { count: 1 })).toBe('1 个文件未被索引');
  });

  it('does not escape HTML (Preact escapes text itself)', () => {
    expect(t('library:table.deleteLabel', { name: 'a&b <c>.md' })).toBe('Delete a&b <c>.md');
  });

  it('joins a notice of several sentences as the language does', () => {
    const m = [tKey('library:notice.imported', { count: 2 }), tKey('common:status.noneLoaded')];
    expect(say(m)).toBe('Imported 2 document(s). none loaded');
    language.value = 'zh';
    expect(say(m)).toBe('已导入 2 个文档。未加载');
  });
});

describe('Intl formats', () => {
  it('sizes in English read exactly as before', () => {
    // Decimal units, as browsers and OSes show sizes; one decimal under 100 (the status bar's and tables' format of before).
    expect([0, 999, 1000, 1234, 99_999, 123_456, 12_345_678, 5e9, 2.5e12, -1, 592_000].map(formatBytes))
      .toEqual(['0 B', '999 B', '1.0 kB', '1.2 kB', '100.0 kB', '123 kB', '12.3 MB', '5.0 GB', '2.5 TB', '?', '592 kB']);
  });

  it('follow the language', () => {
    expect(formatNumber(1234.5)).toBe('1,234.5');
    expect(formatMs(3.14159)).toBe('3.1');
    expect(formatMs(1234.4)).toBe('1234');
    expect(formatDuration(45_000)).toBe('45 sec');
    language.value = 'zh';
    expect(formatDuration(45_000)).toBe('45秒');
    expect(formatDuration(180_000)).toBe('3分钟');
  });
});

describe('translated errors', () => {
  it('read in English exactly as their message', async () => {
    const errors = [
      await thrown(() => decodeText(new Uint8Array(), 'a.txt')),
      await thrown(() => decodeText(new Uint8Array([104, 0, 105]), 'b.txt')),
      await thrown(() => decodeText(new Uint8Array([0xc3, 0x28]), 'c.txt')),
      await thrown(() => decodeText(new TextEncoder().encode('  \n'), 'd.txt')),
      await thrown(() => detectType('e.xyz')),
      await thrown(() => detectType('Makefile')),
      await thrown(() => parseFile('f.pdf', new TextEncoder().encode('not a pdf'), { pdfjs: async () => ({}) as never })),
      await thrown(() => parseFile('g.docx', new TextEncoder().encode('not a zip'), { pdfjs: async () => ({}) as never })),
    ];
    for (const e of errors) {
      expect(e).toBeInstanceOf(IngestError);
      expect(e.i18n?.key).toMatch(/^errors:ingest\./);
      expect(errorText(e)).toBe(e.message);
    }
    language.value = 'zh';
    expect(errorText(errors[0])).toBe('a.txt 是空文件。');
    expect(errorText(errors[4])).toBe('e.xyz：不支持 .xyz 文件。请添加 .txt、.md、.html、.pdf 或 .docx 文件，或直接粘贴文本。');
  });

  it('import errors too', async () => {
    const store = {} as never; // both files are refused before the store is touched
    for (const bytes of [new Uint8Array([1, 2, 3]), zipSync({ 'other.txt': new Uint8Array([1]) })]) {
      const e = await thrown(() => importLibrary(store, bytes));
      expect(e.i18n?.key).toMatch(/^errors:import\./);
      expect(errorText(e)).toBe(e.message);
    }
  });

  it('an error without a key shows its message', () => {
    language.value = 'zh';
    expect(errorText(new Error('Something odd.'))).toBe('Something odd.');
  });

  it('keep their code and key through structured clone', () => {
    const e = new IngestError('empty', 'a.txt is empty.', { i18n: tKey('errors:ingest.empty', { name: 'a.txt' }) });
    const sent = structuredClone(toErrorData(e));
    expect(sent.isError).toBe(true);
    const back = sent.isError ? fromErrorData(sent.value) : null;
    expect(back).toBeInstanceOf(IngestError);
    expect(back).toMatchObject({ code: 'empty', message: 'a.txt is empty.', i18n: { key: 'errors:ingest.empty', params: { name: 'a.txt' } } });
    // A thrown value that is not an Error crosses as it is.
    expect(toErrorData('odd')).toEqual({ isError: false, value: 'odd' });
  });

  it('cross the ingest worker through comlink with their key', async () => {
    const { create } = fakeWorkers(() => ({
      prepareText: (name: string) => Promise.reject(new IngestError('empty', `${name} is empty.`, { i18n: tKey('errors:ingest.empty', { name }) })),
    }));
    const bridge = new IngestBridge(create);
    const e = await thrown(() => bridge.prepareText('x.md', '', {} as never, { chunkTokens: 64, overlapTokens: 8 }));
    bridge.terminate();
    expect(e).toBeInstanceOf(IngestError);
    expect(e.code).toBe('empty');
    language.value = 'zh';
    expect(errorText(e)).toBe('x.md 是空文件。');
  });
});
