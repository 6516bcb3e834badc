// A stand-in for the `vscode` module, enough to activate the bundled extension under node
// and record what it registers and says. (VS Code itself cannot be downloaded here.)
// Names the extension and vscode-languageclient only touch in passing resolve to inert
// classes; what the tests look at is recorded.
import Module from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Recorded {
  commands: Map<string, (...args: unknown[]) => unknown>;
  errors: { message: string; actions: string[] }[];
  infos: string[];
  statusItems: FakeStatusBarItem[];
  outputs: Map<string, string[]>;
  executed: { command: string; args: unknown[] }[];
  diagnosticCollections: { name: string; entries: Map<string, unknown> }[];
}

export class FakeStatusBarItem {
  text = '';
  tooltip: unknown = '';
  name = '';
  command: unknown;
  backgroundColor: unknown;
  visible = false;
  constructor(
    readonly id: string,
    readonly alignment: number,
    readonly priority: number,
  ) {}
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  dispose(): void {
    this.visible = false;
  }
}

const disposable = { dispose() {} };

class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
}

class Diagnostic {
  code: unknown;
  source: string | undefined;
  tags: unknown;
  relatedInformation: unknown;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: number = 0,
  ) {}
}

/** An open document, also shown in a tab: { path, languageId, text }. */
export interface OpenFile {
  path: string;
  languageId: string;
  text: string;
}

interface FakeDocument {
  uri: { scheme: string; fsPath: string; toString(): string };
  languageId: string;
}

/** vscode.languages.match for the selectors the client uses: [{ scheme, language }]. */
function match(selector: unknown, doc: FakeDocument): number {
  const filters = (Array.isArray(selector) ? selector : [selector]) as ({ scheme?: string; language?: string } | string)[];
  return filters.some((f) =>
    typeof f === 'string' ? f === doc.languageId : (!f.language || f.language === doc.languageId) && (!f.scheme || f.scheme === doc.uri.scheme),
  )
    ? 10
    : 0;
}

class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Refactor = new CodeActionKind('refactor');
  static readonly Source = new CodeActionKind('source');
  static readonly SourceOrganizeImports = new CodeActionKind('source.organizeImports');
  static readonly SourceFixAll = new CodeActionKind('source.fixAll');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other: CodeActionKind): boolean {
    return this.value === '' || other.value === this.value || other.value.startsWith(`${this.value}.`);
  }
  intersects(other: CodeActionKind): boolean {
    return this.contains(other) || other.contains(this);
  }
}
const event = () => disposable;

export function fakeVscode(
  settings: Record<string, unknown>,
  onError?: (choice: string[]) => string | undefined,
  files: OpenFile[] = [],
): { vscode: Record<string, unknown>; recorded: Recorded } {
  const recorded: Recorded = { commands: new Map(), errors: [], infos: [], statusItems: [], outputs: new Map(), executed: [], diagnosticCollections: [] };
  class Uri {
    constructor(
      readonly scheme: string,
      readonly fsPath: string,
      private readonly text = `${scheme}://${fsPath}`,
    ) {}
    static file(p: string) {
      return new Uri('file', p, pathToFileURL(p).toString());
    }
    static parse(u: string) {
      return u.startsWith('file:') ? new Uri('file', fileURLToPath(u), u) : new Uri(u.split(':')[0], u, u);
    }
    get path() {
      return this.fsPath;
    }
    toString() {
      return this.text;
    }
  }
  class TabInputText {
    constructor(readonly uri: Uri) {}
  }
  const documents = files.map((f) => ({
    uri: new Uri('file', f.path, pathToFileURL(f.path).toString()),
    fileName: f.path,
    languageId: f.languageId,
    version: 1,
    isClosed: false,
    isDirty: false,
    isUntitled: false,
    getText: () => f.text,
  }));
  const api: Record<string, unknown> = {
    TabInputText,
    CancellationTokenSource: class {
      token = { isCancellationRequested: false, onCancellationRequested: event };
      cancel() {
        this.token.isCancellationRequested = true;
      }
      dispose() {}
    },
    version: '1.82.0',
    Uri,
    StatusBarAlignment: { Left: 1, Right: 2 },
    ThemeColor: class {
      constructor(readonly id: string) {}
    },
    Disposable: class {
      static from() {
        return disposable;
      }
      constructor(private readonly fn: () => void) {}
      dispose() {
        this.fn?.();
      }
    },
    EventEmitter: class {
      event = event;
      fire() {}
      dispose() {}
    },
    CodeActionKind,
    Position,
    Range,
    Diagnostic,
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
    TaskScope: { Global: 1, Workspace: 2 },
    TaskRevealKind: { Always: 1, Silent: 2, Never: 3 },
    TaskPanelKind: { Shared: 1, Dedicated: 2, New: 3 },
    window: {
      activeTextEditor: undefined,
      createOutputChannel(name: string) {
        const lines: string[] = [];
        recorded.outputs.set(name, lines);
        return { name, append: (s: string) => lines.push(s), appendLine: (s: string) => lines.push(s), show() {}, hide() {}, clear() {}, dispose() {}, replace() {} };
      },
      createStatusBarItem(id: string, alignment: number, priority: number) {
        const item = new FakeStatusBarItem(id, alignment, priority);
        recorded.statusItems.push(item);
        return item;
      },
      showErrorMessage(message: string, ...actions: string[]) {
        recorded.errors.push({ message, actions });
        return Promise.resolve(onError?.(actions));
      },
      showInformationMessage(message: string) {
        recorded.infos.push(message);
        return Promise.resolve(undefined);
      },
      showWarningMessage() {
        return Promise.resolve(undefined);
      },
      onDidChangeActiveTextEditor: event,
    },
    commands: {
      registerCommand(id: string, fn: (...args: unknown[]) => unknown) {
        if (recorded.commands.has(id)) {
          throw new Error(`command ${id} registered twice`);
        }
        recorded.commands.set(id, fn);
        // as in VS Code, disposing a registration frees the id (a restarted language client registers the server's commands again)
        return { dispose: () => recorded.commands.get(id) === fn && recorded.commands.delete(id) };
      },
      executeCommand(command: string, ...args: unknown[]) {
        recorded.executed.push({ command, args });
        return Promise.resolve(undefined);
      },
    },
    workspace: {
      workspaceFolders: undefined,
      textDocuments: documents,
      getConfiguration(section?: string) {
        return {
          get: (key: string, fallback?: unknown) => {
            const full = section ? `${section}.${key}` : key;
            return full in settings ? settings[full] : fallback;
          },
        };
      },
      getWorkspaceFolder: () => undefined,
      onDidChangeConfiguration: event,
    },
  };
  // What vscode-languageclient touches while it starts: features register providers and
  // listen to events; each gets a disposable back.
  Object.assign(api.window as object, {
    tabGroups: { all: [{ tabs: documents.map((d) => ({ input: new TabInputText(d.uri) })) }], onDidChangeTabs: event, onDidChangeTabGroups: event },
    visibleTextEditors: [],
    onDidChangeVisibleTextEditors: event,
  });
  Object.assign(api.workspace as object, { notebookDocuments: [], fs: {}, name: undefined });
  api.languages = {
    match,
    createDiagnosticCollection: (name: string) => {
      const entries = new Map<string, unknown>();
      recorded.diagnosticCollections.push({ name, entries });
      return {
        name,
        set: (uri: { toString(): string }, ds: unknown) => entries.set(uri.toString(), ds),
        delete: (uri: { toString(): string }) => entries.delete(uri.toString()),
        clear: () => entries.clear(),
        forEach: () => undefined,
        get: (uri: { toString(): string }) => entries.get(uri.toString()),
        has: (uri: { toString(): string }) => entries.has(uri.toString()),
        dispose: () => entries.clear(),
      };
    },
  };
  api.env = { language: 'en', appName: 'Visual Studio Code', machineId: 'test', sessionId: 'test', uiKind: 1, openExternal: () => Promise.resolve(true) };
  api.extensions = { all: [], getExtension: () => undefined, onDidChange: event };
  for (const ns of ['window', 'workspace', 'languages', 'commands', 'env', 'extensions']) {
    api[ns] = new Proxy(api[ns] as Record<string, unknown>, {
      get(target, prop: string) {
        if (prop in target) {
          return target[prop];
        }
        if (/^on[A-Z]/.test(prop)) {
          return event;
        }
        if (/^register[A-Z]/.test(prop)) {
          return () => disposable;
        }
        return undefined;
      },
    });
  }
  // Anything else (vscode-languageclient's feature classes, enums) is an inert class.
  const vscode = new Proxy(api, {
    get(target, prop: string) {
      if (prop in target) {
        return target[prop];
      }
      if (prop === '__esModule' || prop === 'default' || prop === 'then') {
        return undefined;
      }
      const inert = class {};
      target[prop] = inert;
      return inert;
    },
  });
  return { vscode, recorded };
}

/** Makes `require('vscode')` return `vscode` while `fn` runs a fresh copy of `bundle`. */
export async function withFakeVscode<T>(vscode: unknown, bundle: string, fn: (ext: { activate: (ctx: unknown) => Promise<void>; deactivate: () => Promise<void> }) => Promise<T>): Promise<T> {
  const M = Module as unknown as { _resolveFilename: (...a: unknown[]) => string; _cache: Record<string, unknown> };
  const original = M._resolveFilename;
  const id = '\0fake-vscode';
  M._resolveFilename = function (request: unknown, ...rest: unknown[]) {
    return request === 'vscode' ? id : original.call(this, request, ...rest);
  };
  M._cache[id] = { id, filename: id, loaded: true, exports: vscode };
  const resolved = require.resolve(bundle);
  delete M._cache[resolved];
  try {
    return await fn(require(resolved));
  } finally {
    delete M._cache[resolved];
    delete M._cache[id];
    M._resolveFilename = original;
  }
}
