// Java discovery: the setting, then JAVA_HOME, then PATH; the version check; and the
// message that says what was found where and how to fix it. Fake `java` executables print
// what real ones print to stderr for `java -version`.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { findJava, JavaNotFoundError, MIN_JAVA, parseJavaVersion } from '../src/java';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-java-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A JDK folder whose bin/java prints `banner` for -version (to stderr, as Java does). */
function fakeJdk(name: string, banner: string, exitCode = 0): string {
  const home = path.join(tmp, name);
  fs.mkdirSync(path.join(home, 'bin'), { recursive: true });
  const java = path.join(home, 'bin', 'java');
  fs.writeFileSync(java, `#!/bin/sh\ncat >&2 <<'EOF'\n${banner}\nEOF\nexit ${exitCode}\n`);
  fs.chmodSync(java, 0o755);
  return home;
}

const jdk8 = fakeJdk('jdk8', 'java version "1.8.0_392"\nJava(TM) SE Runtime Environment (build 1.8.0_392-b08)');
const jdk11 = fakeJdk('jdk11', 'openjdk version "11.0.21" 2023-10-17\nOpenJDK Runtime Environment (build 11.0.21+9)');
const jdk17 = fakeJdk('jdk17', 'openjdk version "17.0.9" 2023-10-17\nOpenJDK Runtime Environment Temurin-17.0.9+9 (build 17.0.9+9)');
const jdk21 = fakeJdk('jdk21', 'Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "21" 2023-09-19');
const broken = fakeJdk('broken', 'Error: could not find libjava.so', 1);
const silent = fakeJdk('silent', 'hello');
const notExecutable = path.join(tmp, 'plain-file');
fs.writeFileSync(notExecutable, 'not a program');
const emptyDir = path.join(tmp, 'empty');
fs.mkdirSync(emptyDir);

const bin = (home: string) => path.join(home, 'bin');
const java = (home: string) => path.join(home, 'bin', 'java');

describe('parseJavaVersion', () => {
  const cases: [string, number | undefined][] = [
    ['openjdk version "17.0.9" 2023-10-17', 17],
    ['java version "1.8.0_392"', 8],
    ['openjdk version "21" 2023-09-19', 21],
    ['openjdk version "22-ea" 2024-03-19', 22],
    ['java version "9"', 9],
    ['Picked up _JAVA_OPTIONS: -Dx\nopenjdk version "11.0.2"', 11],
    ['no version here', undefined],
    ['version "abc"', undefined],
  ];
  for (const [text, major] of cases) {
    it(`reads ${JSON.stringify(text.split('\n').pop())} as ${major ?? 'nothing'}`, () => {
      assert.equal(parseJavaVersion(text)?.major, major);
    });
  }
});

describe('findJava', () => {
  const noPath = { PATH: emptyDir };

  it('takes the setting first, as an executable', async () => {
    const found = await findJava({ setting: java(jdk17), env: { JAVA_HOME: jdk21, PATH: bin(jdk21) } });
    assert.deepEqual(found, { executable: java(jdk17), source: 'setting', version: '17.0.9', major: 17 });
  });

  it('takes the setting as a JDK folder', async () => {
    const found = await findJava({ setting: jdk21, env: noPath });
    assert.equal(found.executable, java(jdk21));
    assert.equal(found.major, 21);
  });

  it('never falls back from a wrong setting, and names the setting in the message', async () => {
    await assert.rejects(findJava({ setting: jdk11, env: { JAVA_HOME: jdk17 } }), (e: unknown) => {
      assert.ok(e instanceof JavaNotFoundError);
      assert.equal(e.explicit, true);
      assert.match(e.message, /blueprint\.java\.path/);
      assert.match(e.message, /is Java 11 \(11\.0\.21\)/);
      assert.match(e.message, new RegExp(`Java ${MIN_JAVA} or newer`));
      assert.match(e.details(), /Install a JDK or JRE 17\+/);
      return true;
    });
  });

  it('says when the setting points nowhere', async () => {
    await assert.rejects(findJava({ setting: path.join(tmp, 'nope', 'java'), env: noPath }), /blueprint\.java\.path \(.*nope.*\) does not exist/);
  });

  it('says when the setting is not a program, or a folder without bin/java', async () => {
    await assert.rejects(findJava({ setting: notExecutable, env: noPath }), /is not an executable file/);
    await assert.rejects(findJava({ setting: emptyDir, env: noPath }), /does not exist|without bin\/java/);
  });

  it('says when java fails to run or prints no version', async () => {
    await assert.rejects(findJava({ setting: broken, env: noPath }), /could not be run/);
    await assert.rejects(findJava({ setting: silent, env: noPath }), /printed no Java version.*hello/);
  });

  it('uses JAVA_HOME when there is no setting', async () => {
    const found = await findJava({ setting: '', env: { JAVA_HOME: jdk17, PATH: bin(jdk21) } });
    assert.equal(found.source, 'JAVA_HOME');
    assert.equal(found.executable, java(jdk17));
  });

  it('falls back to PATH when JAVA_HOME is too old, searching PATH in order', async () => {
    const found = await findJava({ env: { JAVA_HOME: jdk8, PATH: [emptyDir, bin(jdk21), bin(jdk17)].join(path.delimiter) } });
    assert.equal(found.source, 'PATH');
    assert.equal(found.executable, java(jdk21));
    assert.equal(found.version, '21');
  });

  it('reports a too-old Java with where it came from', async () => {
    await assert.rejects(findJava({ env: { PATH: bin(jdk11) } }), (e: unknown) => {
      assert.ok(e instanceof JavaNotFoundError);
      assert.equal(e.explicit, false);
      assert.match(e.message, /needs Java 17 or newer, but the Java from PATH \(.*jdk11.*\) is Java 11/);
      assert.match(e.details(), /JAVA_HOME: is not set/);
      assert.match(e.details(), /PATH \(.*jdk11.*\): is Java 11/);
      return true;
    });
  });

  it('reports every place it looked when there is no Java at all', async () => {
    await assert.rejects(findJava({ env: { JAVA_HOME: path.join(tmp, 'gone'), PATH: emptyDir } }), (e: unknown) => {
      assert.ok(e instanceof JavaNotFoundError);
      assert.match(e.message, /found none \(not in blueprint\.java\.path, JAVA_HOME or PATH\)/);
      const details = e.details();
      assert.match(details, /JAVA_HOME \(.*gone.*\): does not exist/);
      assert.match(details, /PATH: has no java/);
      assert.match(details, /set "blueprint\.java\.path"/);
      return true;
    });
  });

  it('gives up on a java that hangs', async () => {
    const hang = path.join(tmp, 'hang');
    fs.mkdirSync(path.join(hang, 'bin'), { recursive: true });
    fs.writeFileSync(path.join(hang, 'bin', 'java'), '#!/bin/sh\nexec sleep 30\n');
    fs.chmodSync(path.join(hang, 'bin', 'java'), 0o755);
    await assert.rejects(findJava({ setting: hang, env: noPath, timeoutMs: 300 }), /no answer within 300 ms/);
  });

  it('finds the real Java of this machine (what the end-to-end tests run)', async () => {
    const found = await findJava({ env: process.env });
    assert.ok(found.major >= MIN_JAVA, `found ${found.version} at ${found.executable}`);
  });
});
