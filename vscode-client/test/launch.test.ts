// How the extension starts the toolchain: the launcher's JVM options, the jar it picks and
// where Generate Service writes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { BUNDLED_JAR, cliLaunch, explainStartFailure, generateCommand, InvalidHeapError, JarNotFoundError, JVM_OPTIONS, outputDirectory, resolveJar, RestartPolicy, runCommand, SERVER_JVM_OPTIONS, serverLaunch } from '../src/launch';
import { findJava } from '../src/java';
import { launcherJvmOptions, launcherServerJvmOptions } from './helpers';
import { CLIENT_DIR } from './textmate';

describe('launch', () => {
  it('starts the server with the launcher’s JVM options and `lsp`', () => {
    assert.deepEqual([...JVM_OPTIONS], launcherJvmOptions());
    assert.deepEqual([...SERVER_JVM_OPTIONS], launcherServerJvmOptions());
    assert.deepEqual(serverLaunch('/j/bin/java', '/x/blueprint.jar'), {
      command: '/j/bin/java',
      args: [...launcherJvmOptions(), ...launcherServerJvmOptions(), '-jar', '/x/blueprint.jar', 'lsp'],
    });
  });

  it('sizes the heap from the machine, or from blueprint.server.maxHeap, and exits on running out', () => {
    assert.ok(SERVER_JVM_OPTIONS.includes('-XX:MaxRAMPercentage=25'));
    assert.ok(SERVER_JVM_OPTIONS.includes('-XX:+ExitOnOutOfMemoryError'));
    assert.ok(!SERVER_JVM_OPTIONS.some((o) => o.startsWith('-Xmx')));
    assert.deepEqual(serverLaunch('java', 'b.jar', ' 2g ').args.slice(-4), ['-Xmx2g', '-jar', 'b.jar', 'lsp']);
    assert.deepEqual(serverLaunch('java', 'b.jar', '').args.slice(-4, -3), [SERVER_JVM_OPTIONS.at(-1)]);
    assert.throws(() => serverLaunch('java', 'b.jar', 'lots'), (e: unknown) => e instanceof InvalidHeapError && /768m or 2g/.test(e.message));
  });

  it('restarts a server that died, with a message, unless it keeps dying', () => {
    const policy = new RestartPolicy(2, 60_000);
    assert.deepEqual(policy.onDeath(0).restart, true);
    assert.match(policy.onDeath(1_000).message, /stopped unexpectedly .* was restarted/);
    const third = policy.onDeath(2_000);
    assert.equal(third.restart, false);
    assert.match(third.message, /stopped 3 times in 1 minutes and was not restarted again.*blueprint\.server\.maxHeap/);
    assert.equal(policy.onDeath(200_000).restart, true); // the earlier deaths are long past
  });

  it('forwards Generate Service and Run Service to `compile` and `run`', () => {
    assert.deepEqual(cliLaunch('java', 'b.jar', generateCommand('/w/shop.blueprint', '/w/generated/shop')).args.slice(-5), [
      'b.jar',
      'compile',
      '/w/shop.blueprint',
      '-o',
      '/w/generated/shop',
    ]);
    assert.deepEqual(cliLaunch('java', 'b.jar', runCommand('/w/shop.blueprint')).args.slice(-3), ['b.jar', 'run', '/w/shop.blueprint']);
  });

  it('writes generated services under the output folder, one folder per blueprint', () => {
    assert.equal(outputDirectory('generated', '/w/api/shop.blueprint', '/w'), path.join('/w', 'generated', 'shop'));
    assert.equal(outputDirectory('', '/w/api/shop.blueprint', '/w'), path.join('/w', 'generated', 'shop'));
    assert.equal(outputDirectory('/out', '/w/api/shop.blueprint', '/w'), path.join('/out', 'shop'));
    assert.equal(outputDirectory('build/svc', '/tmp/x/shop.blueprint', undefined), path.join('/tmp/x', 'build', 'svc', 'shop'));
    assert.equal(outputDirectory('~/svc', '/w/shop.blueprint', '/w'), path.join(os.homedir(), 'svc', 'shop'));
  });

  it('explains in Java’s words why a jar does not run, and says nothing of one that does', async () => {
    const java = (await findJava({ env: process.env })).executable;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-jar-'));
    try {
      fs.writeFileSync(path.join(dir, 'bad.jar'), 'not a jar');
      assert.match((await explainStartFailure(java, path.join(dir, 'bad.jar')))!, /^Error: Invalid or corrupt jarfile .*bad\.jar/);
      assert.equal(await explainStartFailure(java, resolveJar('', CLIENT_DIR).jar), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses the bundled jar unless the setting names another, and explains a missing one', () => {
    const ext = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-ext-'));
    try {
      assert.throws(() => resolveJar('', ext), (e: unknown) => e instanceof JarNotFoundError && !e.fromSetting && /missing from the extension/.test(e.message));
      fs.mkdirSync(path.join(ext, 'server'));
      fs.writeFileSync(path.join(ext, BUNDLED_JAR), 'jar');
      assert.deepEqual(resolveJar(undefined, ext), { jar: path.join(ext, 'server', 'blueprint.jar'), fromSetting: false });
      fs.writeFileSync(path.join(ext, 'mine.jar'), 'jar');
      assert.deepEqual(resolveJar('mine.jar', '/elsewhere', ext), { jar: path.join(ext, 'mine.jar'), fromSetting: true });
      assert.throws(
        () => resolveJar('nope.jar', ext, ext),
        (e: unknown) => e instanceof JarNotFoundError && e.fromSetting && /blueprint\.server\.jar .* does not exist.*mvn -B -DskipTests -pl language-server -am package/.test(e.message),
      );
    } finally {
      fs.rmSync(ext, { recursive: true, force: true });
    }
  });
});
