// The packaged .vsix: it holds the bundle, the grammar, the language configuration, the
// snippets and the very jar Maven built, and its manifests are valid.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { CLIENT_DIR, REPO_DIR } from './textmate';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yauzl = require('yauzl');

const manifest = JSON.parse(fs.readFileSync(path.join(CLIENT_DIR, 'package.json'), 'utf8'));
const VSIX = path.join(CLIENT_DIR, `${manifest.name}-${manifest.version}.vsix`);

function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err: Error | null, zip: any) => {
      if (err) {
        return reject(err);
      }
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: any) => {
        zip.openReadStream(entry, (e: Error | null, stream: NodeJS.ReadableStream) => {
          if (e) {
            return reject(e);
          }
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the .vsix', () => {
  let files: Map<string, Buffer>;

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: "npm test" packages it first ("npm run package")`);
    files = await readZip(VSIX);
  });

  it('contains the extension and nothing from development', () => {
    const names = [...files.keys()].sort();
    for (const required of [
      'extension.vsixmanifest',
      '[Content_Types].xml',
      'extension/package.json',
      'extension/dist/extension.js',
      'extension/server/blueprint.jar',
      'extension/syntaxes/blueprint-service.tmLanguage.json',
      'extension/language-configuration.json',
      'extension/snippets/blueprint-service.json',
    ]) {
      assert.ok(files.has(required), `${required} is not in the .vsix: ${names.join(', ')}`);
    }
    for (const name of names) {
      assert.doesNotMatch(name, /node_modules|\/src\/|\/test\/|\/out\/|\.ts$|\.map$/, `${name} should not ship`);
    }
  });

  it('bundles the jar that Maven built', () => {
    const built = path.join(REPO_DIR, 'language-server', 'target', 'blueprint.jar');
    const jar = files.get('extension/server/blueprint.jar')!;
    assert.equal(sha(jar), sha(fs.readFileSync(built)), 'the bundled jar differs from language-server/target/blueprint.jar');
    // a runnable jar: a zip whose manifest names the server's main class
    assert.equal(jar.subarray(0, 2).toString(), 'PK');
    assert.ok(jar.includes(Buffer.from('dev/blueprint/cli/BlueprintCli')), 'the jar has no dev.blueprint.cli.BlueprintCli');
  });

  it('ships a package.json whose entry point, grammar, snippets and configuration are inside', () => {
    const shipped = JSON.parse(files.get('extension/package.json')!.toString('utf8'));
    assert.equal(shipped.name, manifest.name);
    assert.deepEqual(shipped.contributes, manifest.contributes);
    const inside = (rel: string) => files.has(path.posix.join('extension', path.posix.normalize(rel)));
    assert.ok(inside(shipped.main), `main ${shipped.main} is not in the .vsix`);
    assert.ok(inside(shipped.contributes.grammars[0].path));
    assert.ok(inside(shipped.contributes.snippets[0].path));
    assert.ok(inside(shipped.contributes.languages[0].configuration));
    JSON.parse(files.get('extension/syntaxes/blueprint-service.tmLanguage.json')!.toString('utf8'));
    JSON.parse(files.get('extension/snippets/blueprint-service.json')!.toString('utf8'));
  });

  it('has a vsixmanifest naming the extension, its version and engine', () => {
    const xml = files.get('extension.vsixmanifest')!.toString('utf8');
    assert.match(xml, new RegExp(`<Identity Language="en-US" Id="${manifest.name}" Version="${manifest.version.replace(/\./g, '\\.')}" Publisher="${manifest.publisher}"`));
    assert.match(xml, /Microsoft\.VisualStudio\.Code\.Engine" Value="\^1\.82\.0"/);
    assert.match(xml, /<DisplayName>Blueprint<\/DisplayName>/);
  });

  it('ships a bundle that needs nothing but vscode', () => {
    const bundle = files.get('extension/dist/extension.js')!.toString('utf8');
    const requires = new Set([...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    for (const r of requires) {
      assert.ok(r === 'vscode' || r.startsWith('node:') || !r.includes('/') && !r.startsWith('.') && isBuiltin(r), `the bundle requires ${r}`);
    }
    assert.ok(requires.has('vscode'));
  });
});

function isBuiltin(name: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:module').builtinModules.includes(name);
}
