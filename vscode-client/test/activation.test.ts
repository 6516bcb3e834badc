// The bundled extension (dist/extension.js, the file the .vsix ships) activated against a
// stand-in `vscode`: what it registers, and what it tells the user when it cannot start
// the language server.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fakeVscode, withFakeVscode } from './fake-vscode';
import { CLIENT_DIR } from './textmate';

const BUNDLE = path.join(CLIENT_DIR, 'dist', 'extension.js');
const manifest = JSON.parse(fs.readFileSync(path.join(CLIENT_DIR, 'package.json'), 'utf8'));

function context(extensionPath: string) {
  return { subscriptions: [] as { dispose(): void }[], extensionPath, extensionUri: { fsPath: extensionPath } };
}

describe('activation of the bundled extension', () => {
  it('registers exactly the commands package.json declares', async () => {
    const noJava = path.join(os.tmpdir(), 'blueprint-no-such-java', 'java');
    const { vscode, recorded } = fakeVscode({ 'blueprint.java.path': noJava });
    await withFakeVscode(vscode, BUNDLE, async (ext) => {
      await ext.activate(context(CLIENT_DIR));
    });
    const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual([...recorded.commands.keys()].sort(), declared);
  });

  it('says why the server cannot start when blueprint.java.path is wrong, and offers the setting', async () => {
    const noJava = path.join(os.tmpdir(), 'blueprint-no-such-java', 'java');
    let offered: string[] = [];
    const { vscode, recorded } = fakeVscode({ 'blueprint.java.path': noJava }, (actions) => {
      offered = actions;
      return 'Open Settings';
    });
    await withFakeVscode(vscode, BUNDLE, async (ext) => {
      await ext.activate(context(CLIENT_DIR));
      await new Promise((r) => setImmediate(r));
      await ext.deactivate();
    });
    assert.equal(recorded.errors.length, 1, JSON.stringify(recorded.errors));
    const { message } = recorded.errors[0];
    assert.match(message, /blueprint\.java\.path/);
    assert.match(message, /does not exist/);
    assert.match(message, /Java 17 or newer/);
    assert.deepEqual(offered, ['Open Settings', 'Show Output']);
    assert.deepEqual(recorded.executed, [{ command: 'workbench.action.openSettings', args: ['blueprint.java.path'] }]);
    const log = recorded.outputs.get('Blueprint Language Server')!.join('\n');
    assert.match(log, /Looked for Java in:/);
    assert.match(log, /Install a JDK or JRE 17\+/);
    const status = recorded.statusItems[0];
    assert.equal(status.text, '$(error) Blueprint');
    assert.equal(status.visible, true, 'a failed server shows in the status bar even without a blueprint open');
    assert.equal(status.command, 'blueprint.showOutput');
    assert.match(String(status.tooltip), /not running/);
  });

  it('says so when the bundled jar is missing from the extension', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-ext-'));
    try {
      const { vscode, recorded } = fakeVscode({});
      await withFakeVscode(vscode, BUNDLE, async (ext) => {
        await ext.activate(context(empty));
      });
      assert.equal(recorded.errors.length, 1, JSON.stringify(recorded.errors));
      assert.match(recorded.errors[0].message, /jar is missing from the extension/);
      assert.match(recorded.errors[0].message, /blueprint\.server\.jar/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('says so when blueprint.server.jar names no file', async () => {
    const { vscode, recorded } = fakeVscode({ 'blueprint.server.jar': '/nowhere/blueprint.jar' });
    await withFakeVscode(vscode, BUNDLE, async (ext) => {
      await ext.activate(context(CLIENT_DIR));
    });
    assert.equal(recorded.errors.length, 1, JSON.stringify(recorded.errors));
    assert.match(recorded.errors[0].message, /blueprint\.server\.jar \(\/nowhere\/blueprint\.jar\) does not exist/);
    assert.deepEqual(recorded.errors[0].actions, ['Open Settings', 'Show Output']);
  });

  it('asks for a blueprint when Generate Service runs without one', async () => {
    const { vscode, recorded } = fakeVscode({ 'blueprint.java.path': '/nowhere/java' });
    await withFakeVscode(vscode, BUNDLE, async (ext) => {
      await ext.activate(context(CLIENT_DIR));
      recorded.errors.length = 0;
      await recorded.commands.get('blueprint.generateService')!();
    });
    assert.equal(recorded.errors.length, 1);
    assert.match(recorded.errors[0].message, /Open a \.blueprint file first/);
  });
});
