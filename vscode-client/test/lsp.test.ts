// End to end: the jar bundled into the extension (server/blueprint.jar, copied from Maven's
// build by the packaging step), started with the extension's own launch arguments, serves a
// whole LSP session through vscode-languageserver-protocol: diagnostics for a mistake,
// completion, hover, definition, a fix clearing the diagnostic, settings forwarded through
// workspace/configuration, and a clean shutdown.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  CompletionRequest,
  ConfigurationRequest,
  DefinitionRequest,
  createProtocolConnection,
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { findJava } from '../src/java';
import { resolveJar, serverLaunch } from '../src/launch';
import { CLIENT_DIR, REPO_DIR } from './textmate';

const FIXTURE = path.join(REPO_DIR, 'editors', 'test', 'tasks-with-mistake.blueprint');

describe('LSP session with the bundled server', { timeout: 120_000 }, () => {
  let server: ChildProcess;
  let connection: ProtocolConnection;
  let stderr = '';
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-lsp-'));
  const file = path.join(workspace, 'tasks.blueprint');
  const uri = pathToFileURL(file).toString();
  const text = fs.readFileSync(FIXTURE, 'utf8');
  const published = new Map<string, Diagnostic[][]>();
  const waiters: (() => void)[] = [];
  let hidden: string[] = [];

  /** Waits until `test` holds for the diagnostics last published for the file. */
  function diagnostics(test: (ds: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics ${what} within 30 s; got ${JSON.stringify(published.get(uri))}\nserver stderr:\n${stderr}`)), 30_000);
      const check = () => {
        const last = published.get(uri)?.at(-1);
        if (last && test(last)) {
          clearTimeout(timer);
          resolve(last);
          return true;
        }
        return false;
      };
      if (!check()) {
        const w = () => {
          if (check()) {
            waiters.splice(waiters.indexOf(w), 1);
          }
        };
        waiters.push(w);
      }
    });
  }

  before(async () => {
    fs.writeFileSync(file, text);
    const java = await findJava({ env: process.env });
    const { jar } = resolveJar('', CLIENT_DIR);
    assert.equal(jar, path.join(CLIENT_DIR, 'server', 'blueprint.jar'), 'the test runs the jar bundled into the extension');
    const launch = serverLaunch(java.executable, jar);
    server = spawn(launch.command, launch.args, { stdio: ['pipe', 'pipe', 'pipe'], cwd: workspace });
    server.stderr!.on('data', (d) => (stderr += d));
    connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const list = published.get(p.uri) ?? [];
      list.push(p.diagnostics);
      published.set(p.uri, list);
      for (const w of [...waiters]) {
        w();
      }
    });
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'blueprint' ? { hiddenCodes: hidden } : null)));
    connection.listen();
  });

  after(() => {
    connection?.dispose();
    if (server && server.exitCode === null) {
      server.kill();
    }
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('initializes and announces the features the editors use', async () => {
    const result = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).toString(),
      workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'w' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          synchronization: { didSave: true },
          completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true },
        },
      },
    });
    assert.equal(result.serverInfo?.name, 'blueprint');
    const caps = result.capabilities;
    assert.ok(caps.completionProvider && caps.hoverProvider && caps.definitionProvider && caps.documentFormattingProvider && caps.renameProvider);
    await connection.sendNotification(InitializedNotification.type, {});
  });

  it('reports the mistake in an opened file, with its code and a suggestion', async () => {
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'blueprint-service', version: 1, text },
    });
    const ds = await diagnostics((d) => d.some((x) => x.code === 'BP0102'), 'with BP0102');
    const d = ds.find((x) => x.code === 'BP0102')!;
    assert.equal(d.severity, 1);
    assert.match(d.message, /unknown type 'Staus'; did you mean 'Status'\?/);
    assert.deepEqual(d.range, { start: { line: 12, character: 10 }, end: { line: 12, character: 15 } });
    assert.equal(ds.filter((x) => x.severity === 1).length, 1, JSON.stringify(ds));
  });

  it('completes a field type with the enums, entities and built-in types', async () => {
    const list = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 12, character: 10 } });
    const items = Array.isArray(list) ? list : (list?.items ?? []);
    const labels = items.map((i) => i.label);
    for (const expected of ['Status', 'string', 'uuid', 'timestamp']) {
      assert.ok(labels.includes(expected), `no ${expected} in ${JSON.stringify(labels)}`);
    }
  });

  it('shows the documentation of an entity on hover', async () => {
    const line = text.split('\n').findIndex((l) => l.includes('resource "/tasks" Task'));
    const character = text.split('\n')[line].indexOf('Task', 20) + 1;
    const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
    const contents = JSON.stringify(hover?.contents);
    assert.match(contents, /Task/);
    assert.match(contents, /Something to do\./);
  });

  it('goes from a use of an entity to its declaration', async () => {
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('resource "/tasks" Task'));
    const character = lines[line].indexOf('Task', 20) + 1;
    const result = await connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line, character } });
    const locations = (Array.isArray(result) ? result : result ? [result] : []) as { uri?: string; targetUri?: string; range?: { start: { line: number } }; targetSelectionRange?: { start: { line: number } } }[];
    assert.equal(locations.length, 1, JSON.stringify(result));
    assert.equal(locations[0].uri ?? locations[0].targetUri, uri);
    const declared = lines.findIndex((l) => l.startsWith('entity Task'));
    assert.equal((locations[0].range ?? locations[0].targetSelectionRange)!.start.line, declared);
  });

  it('clears the diagnostic when the mistake is fixed', async () => {
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 12, character: 10 }, end: { line: 12, character: 15 } }, text: 'Status' }],
    });
    const ds = await diagnostics((d) => !d.some((x) => x.code === 'BP0102'), 'without BP0102');
    assert.deepEqual(ds.filter((x) => x.severity === 1), []);
  });

  it('hides the codes listed in blueprint.hiddenCodes', async () => {
    // an entity nothing exposes: the warning BP0506, then hidden through the setting
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text: `${text.replace('Staus', 'Status')}\nentity Unused {\n  id: uuid @key\n}\n` }],
    });
    await diagnostics((d) => d.some((x) => x.code === 'BP0506'), 'with BP0506');
    hidden = ['BP0506'];
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await diagnostics((d) => !d.some((x) => x.code === 'BP0506'), 'with BP0506 hidden');
  });

  it('shuts down and exits with status 0', async () => {
    await connection.sendRequest(ShutdownRequest.type);
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0, stderr);
  });
});
