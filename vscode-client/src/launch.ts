// How the extension starts the toolchain: the language server and the command-line
// commands it forwards (generate, run). The JVM options are the `./blueprint` launcher's,
// so the editor runs the server exactly as the launcher does. No VS Code API here.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The JVM options of the `./blueprint` launcher (its `java_opts`); a test keeps them equal. */
export const JVM_OPTIONS: readonly string[] = ['-XX:+UseSerialGC', '-Xss4m', '-Xlog:cds=off', '-Xlog:cds+dynamic=off'];

/**
 * The JVM options the launcher adds for `lsp` (its `lsp)` case): the heap starts small, is handed
 * back when idle, and takes its ceiling from the machine (a quarter of its memory); an
 * OutOfMemoryError ends the process at once (exit code 3), and the extension restarts it. A test
 * keeps them equal to the launcher's.
 */
export const SERVER_JVM_OPTIONS: readonly string[] = [
  '-Xms96m',
  '-XX:MaxRAMPercentage=25',
  '-XX:MinHeapFreeRatio=10',
  '-XX:MaxHeapFreeRatio=30',
  '-XX:+ExitOnOutOfMemoryError',
];

/** A heap size as Java's -Xmx takes it (`768m`, `2g`); the `blueprint.server.maxHeap` setting. */
const HEAP_SIZE = /^[1-9][0-9]*[kKmMgG]$/;

/** Where the packaged extension keeps the language server (copied there from Maven's build). */
export const BUNDLED_JAR = path.join('server', 'blueprint.jar');

export interface Launch {
  command: string;
  args: string[];
}

/**
 * `java <launcher options> -jar blueprint.jar lsp`: the server on stdin and stdout, with the
 * launcher's options for `lsp`; `maxHeap` (the `blueprint.server.maxHeap` setting, as the
 * launcher's BLUEPRINT_LSP_HEAP) sets the heap's ceiling in place of the machine's quarter.
 */
export function serverLaunch(java: string, jar: string, maxHeap?: string): Launch {
  const heap = maxHeap?.trim();
  if (heap && !HEAP_SIZE.test(heap)) {
    throw new InvalidHeapError(`blueprint.server.maxHeap is "${heap}": write a size as Java takes it, like 768m or 2g, or leave it empty.`);
  }
  return { command: java, args: [...JVM_OPTIONS, ...SERVER_JVM_OPTIONS, ...(heap ? [`-Xmx${heap}`] : []), '-jar', jar, 'lsp'] };
}

export class InvalidHeapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidHeapError';
  }
}

/**
 * When the server dies (out of memory, a crash): restart it, and say so, unless it has died
 * `limit` times within `windowMs`, when it stays stopped (with a message that says why and how
 * to start it again).
 */
export class RestartPolicy {
  private readonly deaths: number[] = [];

  constructor(
    private readonly limit = 4,
    private readonly windowMs = 3 * 60 * 1000,
  ) {}

  /** What to do about a death at `now` (ms). */
  onDeath(now: number): { restart: boolean; message: string } {
    this.deaths.push(now);
    while (this.deaths.length > 0 && now - this.deaths[0] > this.windowMs) {
      this.deaths.shift();
    }
    if (this.deaths.length > this.limit) {
      return {
        restart: false,
        message:
          `The Blueprint language server stopped ${this.deaths.length} times in ${Math.round(this.windowMs / 60000)} minutes and was not restarted again. ` +
          'See the Blueprint output for why (an OutOfMemoryError: give it more with blueprint.server.maxHeap); "Blueprint: Restart Language Server" starts it.',
      };
    }
    return {
      restart: true,
      message: 'The Blueprint language server stopped unexpectedly (see the Blueprint output: it may have run out of memory) and was restarted.',
    };
  }
}

/** `java <launcher options> -jar blueprint.jar <command…>`: one command-line command. */
export function cliLaunch(java: string, jar: string, command: string[]): Launch {
  return { command: java, args: [...JVM_OPTIONS, '-jar', jar, ...command] };
}

/** `blueprint compile FILE -o DIR`. */
export function generateCommand(file: string, outDir: string): string[] {
  return ['compile', file, '-o', outDir];
}

/** `blueprint run FILE`. */
export function runCommand(file: string): string[] {
  return ['run', file];
}

export class JarNotFoundError extends Error {
  constructor(
    message: string,
    readonly fromSetting: boolean,
  ) {
    super(message);
    this.name = 'JarNotFoundError';
  }
}

/**
 * The server jar: the `blueprint.server.jar` setting when set (relative paths against the
 * first workspace folder), else the jar bundled with the extension.
 */
export function resolveJar(setting: string | undefined, extensionPath: string, workspaceFolder?: string): { jar: string; fromSetting: boolean } {
  const s = setting?.trim();
  if (s) {
    let jar = s.startsWith('~/') || s === '~' ? path.join(os.homedir(), s.slice(1)) : s;
    if (!path.isAbsolute(jar) && workspaceFolder) {
      jar = path.join(workspaceFolder, jar);
    }
    if (!isFile(jar)) {
      throw new JarNotFoundError(
        `The server jar set in blueprint.server.jar (${jar}) does not exist. Build it with ` +
          `"mvn -B -DskipTests -pl language-server -am package" (it is language-server/target/blueprint.jar), ` +
          `or clear the setting to use the jar bundled with the extension.`,
        true,
      );
    }
    return { jar, fromSetting: true };
  }
  const jar = path.join(extensionPath, BUNDLED_JAR);
  if (!isFile(jar)) {
    throw new JarNotFoundError(
      `The language server jar is missing from the extension (${jar}): the extension was packaged ` +
        `without it. Reinstall the .vsix, or set blueprint.server.jar to a blueprint.jar.`,
      false,
    );
  }
  return { jar, fromSetting: false };
}

/**
 * Where `Generate Service` writes: `<outputFolder>/<file name without .blueprint>`, with a
 * relative output folder resolved against the file's workspace folder, or against the
 * file's own folder when it lies outside every workspace folder.
 */
export function outputDirectory(outputFolder: string | undefined, file: string, workspaceFolder?: string): string {
  const base = workspaceFolder ?? path.dirname(file);
  let folder = (outputFolder ?? '').trim() || 'generated';
  if (folder === '~' || folder.startsWith('~/')) {
    folder = path.join(os.homedir(), folder.slice(1));
  }
  const root = path.isAbsolute(folder) ? folder : path.join(base, folder);
  return path.join(root, path.basename(file, '.blueprint'));
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * Why a server failed to start, in Java's words: runs the same Java and jar with
 * `--version` and returns what it printed when that fails too ("Error: Invalid or corrupt
 * jarfile …", "UnsupportedClassVersionError …"), or undefined when the jar runs.
 */
export function explainStartFailure(java: string, jar: string, timeoutMs = 30000): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(java, [...JVM_OPTIONS, '-jar', jar, '--version'], { timeout: timeoutMs, windowsHide: true }, (error, stdout, stderr) => {
      if (!error) {
        resolve(undefined);
        return;
      }
      const lines = `${stderr}\n${stdout}`
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('at '));
      resolve(lines.slice(0, 3).join(' ') || error.message);
    });
  });
}
