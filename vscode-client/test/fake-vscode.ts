// A stand-in for the `vscode` module, enough to activate the bundled extension under node
// and record what it registers and says. (VS Code itself cannot be downloaded here.)
// Names the extension and vscode-languageclient only touch in passing resolve to inert
// classes; what the tests look at is recorded.
import Module from 'node:module';

export interface Recorded {
  commands: Map<string, (...args: unknown[]) => unknown>;
  errors: { message: string; actions: string[] }[];
  infos: string[];
  statusItems: FakeStatusBarItem[];
  outputs: Map<string, string[]>;
  executed: { command: string; args: unknown[] }[];
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
const event = () => disposable;

export function fakeVscode(settings: Record<string, unknown>, onError?: (choice: string[]) => string | undefined): { vscode: Record<string, unknown>; recorded: Recorded } {
  const recorded: Recorded = { commands: new Map(), errors: [], infos: [], statusItems: [], outputs: new Map(), executed: [] };
  class Uri {
    constructor(
      readonly scheme: string,
      readonly fsPath: string,
    ) {}
    static file(p: string) {
      return new Uri('file', p);
    }
    toString() {
      return `${this.scheme}://${this.fsPath}`;
    }
  }
  const api: Record<string, unknown> = {
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
        return disposable;
      },
      executeCommand(command: string, ...args: unknown[]) {
        recorded.executed.push({ command, args });
        return Promise.resolve(undefined);
      },
    },
    workspace: {
      workspaceFolders: undefined,
      textDocuments: [],
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
