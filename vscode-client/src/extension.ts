// The VS Code side of Blueprint: finds Java and the server jar, starts the language client,
// forwards the commands to the toolchain, and shows the server's state in the status bar.
// It holds no language logic: everything about .blueprint files comes from the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { CLIENT_ID, Commands, LANGUAGE_ID, RESTART_SETTINGS, SECTION, Settings } from './contributions';
import { findJava, JavaNotFoundError, type JavaRuntime } from './java';
import { cliLaunch, explainStartFailure, generateCommand, InvalidHeapError, JarNotFoundError, type Launch, outputDirectory, resolveJar, RestartPolicy, runCommand, serverLaunch } from './launch';

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Blueprint Language Server');
  const trace = vscode.window.createOutputChannel('Blueprint Language Server Trace');
  const status = new StatusItem();
  controller = new ServerController(context, output, trace, status);
  const ctl = controller;
  context.subscriptions.push(
    output,
    trace,
    status,
    vscode.commands.registerCommand(Commands.generateService, (uri?: vscode.Uri | string) => ctl.runTool('generate', uri)),
    vscode.commands.registerCommand(Commands.runService, (uri?: vscode.Uri | string) => ctl.runTool('run', uri)),
    vscode.commands.registerCommand(Commands.restartServer, () => ctl.restart()),
    vscode.commands.registerCommand(Commands.showOutput, () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RESTART_SETTINGS.some((s) => e.affectsConfiguration(`${SECTION}.${s}`))) {
        void ctl.restart();
      }
    }),
    vscode.window.onDidChangeActiveTextEditor(() => status.refresh()),
  );
  status.refresh();
  await ctl.start();
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}

/** The tool that runs the server and the commands: a Java and a blueprint.jar. */
interface Toolchain {
  java: JavaRuntime;
  jar: string;
  /** The jar came from blueprint.server.jar rather than the extension. */
  jarFromSetting: boolean;
}

class ServerController {
  private client: LanguageClient | undefined;
  private stopping = false;
  /** Starts, stops and restarts run one after another, so two servers never race. */
  private lifecycle: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
    private readonly trace: vscode.OutputChannel,
    private readonly status: StatusItem,
  ) {}

  /** Finds Java and the jar, or explains why not (notification, output, status bar). */
  async toolchain(): Promise<Toolchain | undefined> {
    const config = vscode.workspace.getConfiguration(SECTION);
    let java: JavaRuntime;
    try {
      java = await findJava({ setting: config.get<string>(Settings.javaPath), env: process.env });
    } catch (e) {
      if (e instanceof JavaNotFoundError) {
        this.fail(e.message, e.details(), `${SECTION}.${Settings.javaPath}`);
        return undefined;
      }
      throw e;
    }
    try {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      const { jar, fromSetting } = resolveJar(config.get<string>(Settings.serverJar), this.context.extensionPath, folder);
      return { java, jar, jarFromSetting: fromSetting };
    } catch (e) {
      if (e instanceof JarNotFoundError) {
        this.fail(e.message, '', e.fromSetting ? `${SECTION}.${Settings.serverJar}` : undefined);
        return undefined;
      }
      throw e;
    }
  }

  start(): Promise<void> {
    return this.serially(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.serially(() => this.doStop());
  }

  restart(): Promise<void> {
    return this.serially(async () => {
      this.output.appendLine('Restarting the language server…');
      await this.doStop();
      await this.doStart();
    });
  }

  private serially(step: () => Promise<void>): Promise<void> {
    const next = this.lifecycle.then(step, step);
    this.lifecycle = next.catch(() => undefined);
    return next;
  }

  private async doStart(): Promise<void> {
    this.status.set('starting', 'Looking for Java…');
    const tools = await this.toolchain();
    if (!tools) {
      return;
    }
    if (tools.jarFromSetting) {
      // a jar of the user's choosing is tried once first, so a wrong one is named plainly
      const why = await explainStartFailure(tools.java.executable, tools.jar);
      if (why) {
        this.fail(`The server jar set in blueprint.server.jar (${tools.jar}) does not run: ${why}`, '', `${SECTION}.${Settings.serverJar}`);
        return;
      }
    }
    let launch: Launch;
    try {
      launch = serverLaunch(tools.java.executable, tools.jar, vscode.workspace.getConfiguration(SECTION).get<string>(Settings.serverMaxHeap));
    } catch (e) {
      if (e instanceof InvalidHeapError) {
        this.fail(e.message, '', `${SECTION}.${Settings.serverMaxHeap}`);
        return;
      }
      throw e;
    }
    const restarts = new RestartPolicy();
    this.output.appendLine(`Starting the language server with Java ${tools.java.version} (from ${tools.java.source}): ${quote(launch)}`);
    const serverOptions: ServerOptions = { run: { ...launch }, debug: { ...launch } };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', language: LANGUAGE_ID }],
      synchronize: { configurationSection: SECTION },
      outputChannel: this.output,
      traceOutputChannel: this.trace,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      // reported once, by the start() failure below
      initializationFailedHandler: (error) => {
        this.output.appendLine(`The language server failed to initialize: ${errorText(error)}`);
        return false;
      },
      // a server that dies (out of memory: it exits at once, code 3) is restarted, with a message
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue }),
        closed: () => {
          const { restart, message } = restarts.onDeath(Date.now());
          this.output.appendLine(message);
          return { action: restart ? CloseAction.Restart : CloseAction.DoNotRestart, message };
        },
      },
    };
    const client = new LanguageClient(CLIENT_ID, 'Blueprint Language Server', serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((e) => {
      if (this.client !== client) {
        return;
      }
      const detail = `Java ${tools.java.version} (${tools.java.source}: ${tools.java.executable})\nServer: ${tools.jar}`;
      if (e.newState === State.Running) {
        this.status.set('running', detail);
      } else if (e.newState === State.Starting) {
        this.status.set('starting', detail);
      } else if (!this.stopping) {
        this.status.set('failed', `The language server stopped. ${detail}`);
      }
    });
    try {
      await client.start();
    } catch (e) {
      if (this.client === client) {
        // the protocol error ("write EPIPE") says little; Java's own words say why
        const why = (await explainStartFailure(tools.java.executable, tools.jar)) ?? errorText(e);
        this.fail(`The Blueprint language server did not start: ${why}`, `It was started as: ${quote(launch)}`, undefined);
      }
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      this.stopping = true;
      try {
        await client.stop(5000);
      } catch (e) {
        this.output.appendLine(`Stopping the language server: ${errorText(e)}`);
      } finally {
        this.stopping = false;
      }
    }
  }

  /** Forwards Generate Service (`blueprint compile`) and Run Service (`blueprint run`) to the jar, in a terminal. */
  async runTool(kind: 'generate' | 'run', uri?: vscode.Uri | string): Promise<void> {
    const file = await this.blueprintFile(uri);
    if (!file) {
      return;
    }
    const tools = await this.toolchain();
    if (!tools) {
      return;
    }
    const folder = vscode.workspace.getWorkspaceFolder(file);
    const fsPath = file.fsPath;
    let command: string[];
    let outDir: string | undefined;
    if (kind === 'generate') {
      const configured = vscode.workspace.getConfiguration(SECTION, file).get<string>(Settings.outputFolder);
      outDir = outputDirectory(configured, fsPath, folder?.uri.fsPath);
      command = generateCommand(fsPath, outDir);
    } else {
      command = runCommand(fsPath);
    }
    const launch = cliLaunch(tools.java.executable, tools.jar, command);
    const name = `${kind === 'generate' ? 'Generate' : 'Run'} ${path.basename(fsPath)}`;
    const task = new vscode.Task(
      { type: 'blueprint', command: command[0], file: fsPath },
      folder ?? vscode.TaskScope.Workspace,
      name,
      'blueprint',
      new vscode.ProcessExecution(launch.command, launch.args, { cwd: folder?.uri.fsPath ?? path.dirname(fsPath) }),
    );
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
    this.output.appendLine(`${name}: ${quote(launch)}`);
    const execution = await vscode.tasks.executeTask(task);
    if (outDir) {
      const target = outDir;
      const listener = vscode.tasks.onDidEndTaskProcess(async (e) => {
        if (e.execution !== execution) {
          return;
        }
        listener.dispose();
        if (e.exitCode === 0) {
          const open = await vscode.window.showInformationMessage(`Blueprint generated the service in ${target}.`, 'Open Folder');
          if (open === 'Open Folder') {
            await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(target), { forceNewWindow: true });
          }
        } else if (e.exitCode !== undefined) {
          void vscode.window.showErrorMessage(`Blueprint could not generate the service (exit code ${e.exitCode}): see the terminal.`);
        }
      });
      this.context.subscriptions.push(listener);
    }
  }

  /** The blueprint a command acts on: the one clicked in the explorer, else the active editor's (saved first). */
  private async blueprintFile(arg?: vscode.Uri | string): Promise<vscode.Uri | undefined> {
    // the language server's code lenses pass the blueprint's URI as a string
    const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg;
    if (uri instanceof vscode.Uri && uri.scheme === 'file') {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open?.isDirty) {
        await open.save();
      }
      return uri;
    }
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== LANGUAGE_ID) {
      void vscode.window.showErrorMessage('Open a .blueprint file first: the command works on the blueprint in the active editor.');
      return undefined;
    }
    if (doc.uri.scheme !== 'file' || doc.isUntitled) {
      void vscode.window.showErrorMessage('Save the blueprint to a file first: the toolchain reads it from disk.');
      return undefined;
    }
    if (doc.isDirty && !(await doc.save())) {
      return undefined;
    }
    return doc.uri;
  }

  /** Says why the server cannot run: a notification with the fix, the details in the output, the status bar. */
  private fail(message: string, details: string, setting: string | undefined): void {
    this.status.set('failed', message);
    this.output.appendLine(message);
    if (details) {
      this.output.appendLine(details);
    }
    const actions = setting ? ['Open Settings', 'Show Output'] : ['Show Output'];
    void vscode.window.showErrorMessage(message, ...actions).then((choice) => {
      if (choice === 'Open Settings' && setting) {
        void vscode.commands.executeCommand('workbench.action.openSettings', setting);
      } else if (choice === 'Show Output') {
        this.output.show(true);
      }
    });
  }
}

type ServerState = 'starting' | 'running' | 'failed';

/** The status bar item: the server's state; a click shows the server's output. */
class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('blueprint.status', vscode.StatusBarAlignment.Right, 100);
  private state: ServerState = 'starting';

  constructor() {
    this.item.name = 'Blueprint Language Server';
    this.item.command = Commands.showOutput;
    this.set('starting', '');
  }

  set(state: ServerState, detail: string): void {
    this.state = state;
    const icon = state === 'running' ? '$(check)' : state === 'starting' ? '$(sync~spin)' : '$(error)';
    this.item.text = `${icon} Blueprint`;
    const title = state === 'running' ? 'Blueprint language server running' : state === 'starting' ? 'Blueprint language server starting' : 'Blueprint language server not running';
    this.item.tooltip = `${title}${detail ? `\n${detail}` : ''}\nClick to show its output.`;
    this.item.backgroundColor = state === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.refresh();
  }

  /** Shown while a blueprint is in the active editor, and always when the server failed. */
  refresh(): void {
    if (this.state === 'failed' || vscode.window.activeTextEditor?.document.languageId === LANGUAGE_ID) {
      this.item.show();
    } else {
      this.item.hide();
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}

function errorText(e: unknown): string {
  if (e instanceof Error) {
    return e.message;
  }
  return String(e);
}

function quote(l: Launch): string {
  return [l.command, ...l.args].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ');
}
