// Snippets and the language configuration. Each snippet, expanded with its default
// choices, is checked by the real checker (the bundled jar's `check`): it must parse.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findJava } from '../src/java';
import { cliLaunch, resolveJar } from '../src/launch';
import { CLIENT_DIR } from './textmate';

const snippets: Record<string, { prefix: string; body: string[]; description: string }> = JSON.parse(
  fs.readFileSync(path.join(CLIENT_DIR, 'snippets', 'blueprint-service.json'), 'utf8'),
);
const config = JSON.parse(fs.readFileSync(path.join(CLIENT_DIR, 'language-configuration.json'), 'utf8'));

/** What VS Code inserts when every placeholder keeps its default and every choice its first option. */
export function expand(body: string[]): string {
  let text = body.join('\n').replace(/\t/g, '  ');
  let previous;
  do {
    previous = text;
    text = text
      .replace(/\$\{\d+\|([^,|]*)(?:,[^|]*)*\|\}/g, '$1')
      .replace(/\$\{\d+:((?:[^$}\\]|\\.)*)\}/g, '$1')
      .replace(/\$\{\d+\}|\$\d+/g, '');
  } while (text !== previous);
  return text.replace(/\\([$},|\\])/g, '$1');
}

describe('snippets', () => {
  it('expand like VS Code does', () => {
    assert.equal(expand(['a ${1:x${2:y}} ${3|p,q|} $0 \\$z \\} ${4: { l \\}}']), 'a xy p  $z }  { l }');
  });

  it('each has a prefix and a description', () => {
    for (const [name, s] of Object.entries(snippets)) {
      assert.match(s.prefix, /^[a-z]+$/, name);
      assert.ok(s.description.length > 10, name);
    }
  });

  it('each parses and checks as the checker sees it', async () => {
    const wrap: Record<string, (s: string) => string> = {
      field: (s) => `entity Holder {\n  id: uuid @key\n  ${s}\n}`,
      resource: (s) => `api "/x" {\n  ${s}\n}`,
      route: (s) => `api "/x" {\n  ${s}\n}`,
    };
    const parts = Object.entries(snippets).map(([name, s]) => (wrap[name] ?? ((x: string) => x))(expand(s.body)));
    // one program, as a user would write it with the defaults: the placeholders agree
    const text = parts.join('\n\n');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-snippets-'));
    const file = path.join(dir, 'snippets.blueprint');
    fs.writeFileSync(file, text);
    try {
      const java = await findJava({ env: process.env });
      const launch = cliLaunch(java.executable, resolveJar('', CLIENT_DIR).jar, ['check', '--format', 'json', file]);
      let out: string;
      try {
        out = execFileSync(launch.command, launch.args, { encoding: 'utf8' });
      } catch (e) {
        out = (e as { stdout: string }).stdout;
      }
      const diagnostics: { line: number; code: string; severity: string; message: string }[] = JSON.parse(out);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((d) => `${d.line}: ${d.message} [${d.code}]`), [], `\n${text}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language configuration', () => {
  const increase = new RegExp(config.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);

  it('indents after an opening brace, not after one in a string or a closed block', () => {
    for (const line of ['entity Task {', 'server {', '  pool {', 'api "/api" {  // the api']) {
      assert.ok(increase.test(line), line);
    }
    for (const line of ['enum Status { OPEN, DONE }', '  description "a {"', '  id: uuid @key', 'resource "/x" X { list }']) {
      assert.ok(!increase.test(line), line);
    }
  });

  it('outdents a closing brace', () => {
    assert.ok(decrease.test('  }'));
    assert.ok(!decrease.test('  id: uuid @key'));
  });

  it('continues a /// doc comment on Enter', () => {
    const rule = config.onEnterRules.find((r: { action: { appendText?: string } }) => r.action.appendText === '/// ');
    assert.ok(new RegExp(rule.beforeText).test('  /// A vehicle.'));
    assert.ok(!new RegExp(rule.beforeText).test('  // not a doc comment'));
  });

  it('takes quantities and names as words', () => {
    const word = new RegExp(`^(?:${config.wordPattern})$`);
    for (const w of ['512MiB', '30s', '70%', '-3', '19.99', 'worker_threads', 'Customer']) {
      assert.ok(word.test(w), w);
    }
  });
});
