// Loads the extension's TextMate grammar into vscode-textmate with the Oniguruma engine,
// exactly as VS Code does, and tokenizes text into (text, scopes) pairs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

export const CLIENT_DIR = path.resolve(__dirname, '..', '..');
export const REPO_DIR = path.resolve(CLIENT_DIR, '..');
const GRAMMAR = path.join(CLIENT_DIR, 'syntaxes', 'blueprint-service.tmLanguage.json');
export const ROOT_SCOPE = 'source.blueprint-service';

export interface Token {
  line: number;
  text: string;
  scopes: string[];
}

export interface Tokenized {
  tokens: Token[];
  /** How deep the rule stack is after the last line: 1 when every begin found its end. */
  finalDepth: number;
}

let grammarPromise: Promise<vsctm.IGrammar> | undefined;

export function loadGrammar(): Promise<vsctm.IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === ROOT_SCOPE ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null,
    });
    const grammar = await registry.loadGrammar(ROOT_SCOPE);
    if (!grammar) {
      throw new Error(`the grammar ${GRAMMAR} did not load`);
    }
    return grammar;
  })();
  return grammarPromise;
}

export async function tokenize(text: string): Promise<Tokenized> {
  const grammar = await loadGrammar();
  let stack = vsctm.INITIAL;
  const tokens: Token[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      tokens.push({ line: i + 1, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    stack = r.ruleStack;
  });
  let depth = 0;
  for (let s: vsctm.StateStack | null = stack; s; s = (s as unknown as { parent: vsctm.StateStack | null }).parent) {
    depth++;
  }
  return { tokens, finalDepth: depth };
}
