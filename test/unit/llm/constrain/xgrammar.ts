// web-llm's own xgrammar (bundled inside @mlc-ai/web-llm, not exported) loaded in Node, so that the EBNF we
// send to web-llm is checked by the parser and matcher that will read it on a GPU machine. The bundle keeps
// xgrammar's exports in a module-level variable; a copy of the bundle with one export line added reaches it.
// If a web-llm upgrade renames that variable, this throws and says so.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

interface XGrammar {
  Grammar: { fromEBNF(ebnf: string, root?: string): Promise<unknown> };
  Testings: { isGrammarAcceptString(grammar: unknown, text: string): Promise<boolean> };
}

let loaded: Promise<XGrammar> | null = null;

export function xgrammar(): Promise<XGrammar> {
  loaded ??= (async () => {
    const bundle = createRequire(import.meta.url).resolve('@mlc-ai/web-llm');
    const source = (await readFile(bundle, 'utf8')).replace(/^\/\/# sourceMappingURL=.*$/gm, '');
    // The first `var libExports… = requireLib…();` after xgrammar's export list holds xgrammar.
    const at = source.indexOf('exports.GrammarCompiler = GrammarCompiler;');
    const name = at < 0 ? undefined : /var (libExports\$?\d*) = requireLib/.exec(source.slice(at))?.[1];
    if (!name) throw new Error("web-llm's bundle no longer has xgrammar's exports where expected: update test/unit/llm/constrain/xgrammar.ts");
    const dir = await mkdtemp(join(tmpdir(), 'xgrammar-'));
    const file = join(dir, 'web-llm.mjs');
    await writeFile(file, `import { createRequire } from 'node:module';\nglobalThis.createRequire = createRequire;\n${source}\nexport { ${name} as __xgrammar };\n`);
    // xgrammar's Emscripten loader wants a script URL; in Node it would otherwise read a dummy path.
    (globalThis as { location?: unknown }).location ??= { href: pathToFileURL(file).href };
    const mod = (await import(pathToFileURL(file).href)) as { __xgrammar: XGrammar };
    if (!mod.__xgrammar?.Grammar) throw new Error(`${name} in web-llm's bundle is not xgrammar: update test/unit/llm/constrain/xgrammar.ts`);
    return mod.__xgrammar;
  })();
  return loaded;
}
