// The ids of everything the extension contributes. package.json declares them and a test
// checks that the two agree, both ways.

/** The language id: `blueprint` is taken by GNOME's Blueprint (`.blp`) in editors. */
export const LANGUAGE_ID = 'blueprint-service';

/** The language client's id: it owns the `blueprint.trace.server` setting. */
export const CLIENT_ID = 'blueprint';

export const Commands = {
  generateService: 'blueprint.generateService',
  runService: 'blueprint.runService',
  restartServer: 'blueprint.restartServer',
  showOutput: 'blueprint.showOutput',
} as const;

/** The configuration section; settings below are relative to it. */
export const SECTION = 'blueprint';

/** Settings the extension reads itself. */
export const Settings = {
  javaPath: 'java.path',
  serverJar: 'server.jar',
  serverMaxHeap: 'server.maxHeap',
  outputFolder: 'outputFolder',
} as const;

/** Settings that changing needs a new server process (so the extension restarts it). */
export const RESTART_SETTINGS: readonly string[] = [Settings.javaPath, Settings.serverJar, Settings.serverMaxHeap];

/**
 * Settings the extension only forwards: the language server reads `hiddenCodes` and
 * `javaPackage` (and `outputFolder`, which the extension reads too) through
 * `workspace/configuration` (section `blueprint`), and vscode-languageclient reads
 * `<client id>.trace.server`.
 */
export const FORWARDED_SETTINGS: readonly string[] = ['hiddenCodes', 'javaPackage', `trace.server`];

/**
 * The language server's own command (`workspace/executeCommand`), which its "Generate service"
 * code lens and source action use: vscode-languageclient registers it, so the extension must not.
 * Its lens "Run service" uses the extension's `blueprint.runService`, with the blueprint's URI
 * (a string) as the argument.
 */
export const SERVER_COMMANDS = {
  generateService: 'blueprint.server.generateService',
} as const;
