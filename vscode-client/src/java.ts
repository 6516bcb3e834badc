// Finds a Java that can run the language server: the `blueprint.java.path` setting, else
// JAVA_HOME, else `java` on PATH; checks its version; and, when none fits, explains every
// place it looked and how to fix it. No VS Code API here, so the tests run it directly.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The oldest Java the language server runs on (the toolchain is built for release 17). */
export const MIN_JAVA = 17;

export type JavaSource = 'setting' | 'JAVA_HOME' | 'PATH';

export interface JavaRuntime {
  /** The `java` executable. */
  executable: string;
  source: JavaSource;
  /** The version string `java -version` printed, e.g. `17.0.9`. */
  version: string;
  major: number;
}

/** One place where Java was looked for, and what was wrong with it. */
export interface Attempt {
  source: JavaSource;
  /** The path that was tried, or undefined when the source was not set. */
  location?: string;
  problem: string;
}

export class JavaNotFoundError extends Error {
  constructor(readonly attempts: Attempt[], readonly explicit: boolean) {
    super(JavaNotFoundError.summary(attempts, explicit));
    this.name = 'JavaNotFoundError';
  }

  private static summary(attempts: Attempt[], explicit: boolean): string {
    if (explicit) {
      const a = attempts[0];
      return `The Java set in blueprint.java.path (${a.location}) ${a.problem}. Blueprint needs Java ${MIN_JAVA} or newer.`;
    }
    const tooOld = attempts.find((a) => a.problem.startsWith('is Java '));
    if (tooOld) {
      return `Blueprint needs Java ${MIN_JAVA} or newer, but the Java from ${tooOld.source} (${tooOld.location}) ${tooOld.problem}.`;
    }
    return `Blueprint needs Java ${MIN_JAVA} or newer to run its language server, and found none (not in blueprint.java.path, JAVA_HOME or PATH).`;
  }

  /** The whole story, for the output channel: every place tried and how to fix it. */
  details(): string {
    const lines = ['Looked for Java in:'];
    for (const a of this.attempts) {
      lines.push(`  - ${a.source}${a.location ? ` (${a.location})` : ''}: ${a.problem}`);
    }
    lines.push(howToFix());
    return lines.join('\n');
  }
}

export function howToFix(): string {
  return (
    `Install a JDK or JRE ${MIN_JAVA}+ (for example: apt install openjdk-17-jre-headless, ` +
    `brew install openjdk@17, winget install EclipseAdoptium.Temurin.17.JRE), then either set ` +
    `"blueprint.java.path" to its java executable or its folder, or point JAVA_HOME at it, ` +
    `and run "Blueprint: Restart Language Server".`
  );
}

export interface FindOptions {
  /** The `blueprint.java.path` setting; empty or undefined when not set. */
  setting?: string;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** How long `java -version` may take, in milliseconds. */
  timeoutMs?: number;
}

/** Finds a Java of at least {@link MIN_JAVA}, or throws a {@link JavaNotFoundError}. */
export async function findJava(options: FindOptions): Promise<JavaRuntime> {
  const platform = options.platform ?? process.platform;
  const timeoutMs = options.timeoutMs ?? 15000;
  const setting = options.setting?.trim();
  if (setting) {
    // An explicit choice is never second-guessed: if it is wrong, say so.
    const candidate = executableIn(expandHome(setting, options.env), platform);
    const result = await probe(candidate, 'setting', platform, timeoutMs);
    if ('problem' in result) {
      throw new JavaNotFoundError([result], true);
    }
    return result;
  }
  const attempts: Attempt[] = [];
  const javaHome = options.env.JAVA_HOME?.trim();
  if (javaHome) {
    const result = await probe(executableIn(javaHome, platform), 'JAVA_HOME', platform, timeoutMs);
    if (!('problem' in result)) {
      return result;
    }
    attempts.push(result);
  } else {
    attempts.push({ source: 'JAVA_HOME', problem: 'is not set' });
  }
  const onPath = findOnPath(javaName(platform), options.env, platform);
  if (onPath) {
    const result = await probe(onPath, 'PATH', platform, timeoutMs);
    if (!('problem' in result)) {
      return result;
    }
    attempts.push(result);
  } else {
    attempts.push({ source: 'PATH', problem: 'has no java' });
  }
  throw new JavaNotFoundError(attempts, false);
}

function javaName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'java.exe' : 'java';
}

function expandHome(p: string, env: NodeJS.ProcessEnv): string {
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) {
    return path.join(env.HOME ?? env.USERPROFILE ?? os.homedir(), p.slice(1));
  }
  return p;
}

/** A setting or JAVA_HOME may name the executable itself or a JDK/JRE folder. */
export function executableIn(p: string, platform: NodeJS.Platform = process.platform): string {
  try {
    if (fs.statSync(p).isDirectory()) {
      return path.join(p, 'bin', javaName(platform));
    }
  } catch {
    // not there: probe reports it
  }
  return p;
}

function findOnPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const pathVar = env.PATH ?? env.Path ?? '';
  const sep = platform === 'win32' ? ';' : path.delimiter;
  for (const dir of pathVar.split(sep)) {
    if (!dir) {
      continue;
    }
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate, platform)) {
      return candidate;
    }
  }
  return undefined;
}

function isExecutableFile(p: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(p).isFile()) {
      return false;
    }
    if (platform !== 'win32') {
      fs.accessSync(p, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

async function probe(
  executable: string,
  source: JavaSource,
  platform: NodeJS.Platform,
  timeoutMs: number,
): Promise<JavaRuntime | Attempt> {
  const fail = (problem: string): Attempt => ({ source, location: executable, problem });
  if (!fs.existsSync(executable)) {
    return fail('does not exist');
  }
  if (!isExecutableFile(executable, platform)) {
    return fail(fs.statSync(executable).isDirectory() ? 'is a folder without bin/java' : 'is not an executable file');
  }
  let output: string;
  try {
    output = await run(executable, ['-version'], timeoutMs);
  } catch (e) {
    return fail(`could not be run (${(e as Error).message.split('\n')[0]})`);
  }
  const version = parseJavaVersion(output);
  if (!version) {
    return fail(`printed no Java version for "java -version" (it printed: ${JSON.stringify(output.trim().slice(0, 120))})`);
  }
  if (version.major < MIN_JAVA) {
    return fail(`is Java ${version.major} (${version.version})`);
  }
  return { executable, source, version: version.version, major: version.major };
}

function run(file: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, windowsHide: true, env: { ...process.env, JAVA_TOOL_OPTIONS: '' } }, (error, stdout, stderr) => {
      if (error) {
        const killed = (error as NodeJS.ErrnoException & { killed?: boolean }).killed;
        reject(new Error(killed ? `no answer within ${timeoutMs} ms` : error.message));
        return;
      }
      // java -version writes to stderr; some wrappers write to stdout
      resolve(`${stderr}\n${stdout}`);
    });
  });
}

/**
 * Reads the version out of `java -version` output: `openjdk version "17.0.9" 2023-10-17`,
 * `java version "1.8.0_392"`, `openjdk version "21" 2023-09-19`, `openjdk version "22-ea"`.
 */
export function parseJavaVersion(output: string): { version: string; major: number } | undefined {
  const m = /version "([^"]+)"/.exec(output);
  if (!m) {
    return undefined;
  }
  const version = m[1];
  const parts = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (!parts) {
    return undefined;
  }
  const first = Number(parts[1]);
  const major = first === 1 && parts[2] !== undefined ? Number(parts[2]) : first;
  return { version, major };
}
