// The bundled extension (dist/extension.js, the file the .vsix ships) activated against a
// stand-in `vscode`: what it registers, and what it tells the user when it cannot start
// the language server.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { fakeVscode, type OpenFile, withFakeVscode } from './fake-vscode';
import { CLIENT_DIR, REPO_DIR } from './textmate';

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

  it('names a blueprint.server.jar that does not run, in Java’s words, without starting a client', { timeout: 60_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-badjar-'));
    const bad = path.join(dir, 'blueprint.jar');
    fs.writeFileSync(bad, 'not a jar');
    try {
      const { vscode, recorded } = fakeVscode({ 'blueprint.server.jar': bad });
      await withFakeVscode(vscode, BUNDLE, async (ext) => {
        await ext.activate(context(CLIENT_DIR));
        await ext.deactivate();
      });
      assert.equal(recorded.errors.length, 1, JSON.stringify(recorded.errors));
      assert.match(recorded.errors[0].message, /blueprint\.server\.jar \(.*blueprint\.jar\) does not run: Error: Invalid or corrupt jarfile .*blueprint\.jar/);
      assert.deepEqual(recorded.errors[0].actions, ['Open Settings', 'Show Output']);
      const log = recorded.outputs.get('Blueprint Language Server')!.join('\n');
      assert.doesNotMatch(log, /Starting the language server/);
      assert.equal(recorded.statusItems[0].text, '$(error) Blueprint');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
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

describe('the bundled extension with Java and the bundled jar', { timeout: 90_000 }, () => {
  it('starts the language server, shows it running, gets diagnostics for an open blueprint, restarts and stops', async () => {
    const fixture = path.join(REPO_DIR, 'editors', 'test', 'tasks-with-mistake.blueprint');
    const open: OpenFile = { path: fixture, languageId: 'blueprint-service', text: fs.readFileSync(fixture, 'utf8') };
    const { vscode, recorded } = fakeVscode({}, undefined, [open]);
    const status = () => recorded.statusItems[0];
    const until = async (what: string, test: () => boolean) => {
      const deadline = Date.now() + 60_000;
      while (!test()) {
        if (Date.now() > deadline) {
          throw new Error(`${what} did not happen; output:\n${recorded.outputs.get('Blueprint Language Server')?.join('\n')}\nerrors: ${JSON.stringify(recorded.errors)}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await withFakeVscode(vscode, BUNDLE, async (ext) => {
      await ext.activate(context(CLIENT_DIR));
      await until('the server running', () => status().text === '$(check) Blueprint');
      assert.deepEqual(recorded.errors, []);
      const log = recorded.outputs.get('Blueprint Language Server')!.join('\n');
      const jar = path.join(CLIENT_DIR, 'server', 'blueprint.jar');
      assert.match(log, new RegExp(`Starting the language server with Java \\d+[^ ]* \\(from (JAVA_HOME|PATH)\\): \\S*java -XX:\\+UseSerialGC -Xss4m -Xlog:cds=off -Xlog:cds\\+dynamic=off -Xms96m -XX:MaxRAMPercentage=25 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:\\+ExitOnOutOfMemoryError -jar ${jar.replace(/[.\\/]/g, '\\$&')} lsp`));
      assert.match(String(status().tooltip), /Blueprint language server running\nJava \d+/);
      assert.match(String(status().tooltip), /Server: .*server\/blueprint\.jar/);
      assert.equal(status().visible, false, 'hidden while no blueprint is open');
      // the client selected the open blueprint by its language id and sent it to the server;
      // the server's diagnostics landed in VS Code's diagnostic collection
      const collection = () => recorded.diagnosticCollections.find((c) => c.entries.size > 0)?.entries;
      await until('diagnostics for the open blueprint', () => collection() !== undefined);
      const [[uri, diagnostics]] = [...collection()!.entries()] as [string, { message: string; code: unknown; severity: number; range: { start: { line: number } } }[]][];
      assert.equal(uri, pathToFileURL(fixture).toString());
      const d = diagnostics.find((x) => /Staus/.test(x.message))!;
      assert.ok(d, JSON.stringify(diagnostics));
      assert.match(d.message, /unknown type 'Staus'; did you mean 'Status'\?/);
      assert.equal(d.severity, 0, 'an error');
      assert.equal(d.range.start.line, 12);

      // two restarts at once (a settings change while the command runs) end with one server
      await Promise.all([recorded.commands.get('blueprint.restartServer')!(), recorded.commands.get('blueprint.restartServer')!()]);
      await until('the server running again', () => status().text === '$(check) Blueprint');
      // the language client registers the server's own command (its lenses use it) once, beside the extension's
      assert.ok(recorded.commands.has('blueprint.server.generateService'));
      assert.ok(recorded.commands.has('blueprint.generateService'));
      const starts = recorded.outputs.get('Blueprint Language Server')!.filter((l) => l.startsWith('Starting the language server'));
      assert.equal(starts.length, 3, 'one start at activation and one per restart, one after another');
      assert.match(recorded.outputs.get('Blueprint Language Server')!.join('\n'), /Restarting the language server/);
      await ext.deactivate();
    });
    assert.deepEqual(recorded.errors, []);
    // every server this test started has exited: none was orphaned by the racing restarts
    const javaChildren = () => execFileSync('ps', ['-o', 'comm=', '--ppid', String(process.pid)], { encoding: 'utf8' }).split('\n').filter((c) => c.trim() === 'java');
    const deadline = Date.now() + 15_000;
    while (javaChildren().length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(javaChildren(), []);
  });
});
