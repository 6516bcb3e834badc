import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_DIR } from './textmate';

/** The JVM options the `./blueprint` launcher gives every command (its java_opts=(…) line). */
export function launcherJvmOptions(): string[] {
  const launcher = fs.readFileSync(path.join(REPO_DIR, 'blueprint'), 'utf8');
  const m = /^java_opts=\(([^)]*)\)/m.exec(launcher);
  assert.ok(m, 'the launcher has no java_opts=(…) line');
  return m[1].trim().split(/\s+/);
}

/** The JVM options the launcher adds for `lsp` (the java_opts+=(…) line of its `lsp)` case). */
export function launcherServerJvmOptions(): string[] {
  const launcher = fs.readFileSync(path.join(REPO_DIR, 'blueprint'), 'utf8');
  const m = /^\s*lsp\)[^]*?^\s*java_opts\+=\(([^)]*)\)/m.exec(launcher);
  assert.ok(m, 'the launcher has no java_opts+=(…) line for lsp');
  return m[1].trim().split(/\s+/);
}
