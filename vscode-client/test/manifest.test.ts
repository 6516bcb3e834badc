// package.json against the code: the commands and settings it declares are the ones the
// extension registers and reads (or forwards), and every file it points at exists and parses.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CLIENT_ID, Commands, FORWARDED_SETTINGS, LANGUAGE_ID, SECTION, SERVER_COMMANDS, Settings } from '../src/contributions';
import { CLIENT_DIR, REPO_DIR } from './textmate';

const manifest = JSON.parse(fs.readFileSync(path.join(CLIENT_DIR, 'package.json'), 'utf8'));
const extensionSource = fs.readFileSync(path.join(CLIENT_DIR, 'src', 'extension.ts'), 'utf8');
const readJson = (rel: string) => JSON.parse(fs.readFileSync(path.join(CLIENT_DIR, rel), 'utf8'));

describe('package.json', () => {
  it('declares the commands the extension registers, each used in the code', () => {
    const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(declared, Object.values(Commands).sort());
    for (const key of Object.keys(Commands)) {
      assert.ok(extensionSource.includes(`registerCommand(Commands.${key},`), `extension.ts does not register Commands.${key}`);
    }
    for (const c of manifest.contributes.commands) {
      assert.equal(c.category, 'Blueprint');
      assert.ok(c.title.length > 0);
    }
  });

  it('uses only declared commands in its menus', () => {
    const ids = new Set(Object.values(Commands) as string[]);
    for (const [menu, items] of Object.entries(manifest.contributes.menus) as [string, { command: string; when: string }[]][]) {
      for (const item of items) {
        assert.ok(ids.has(item.command), `${menu} names the undeclared command ${item.command}`);
        assert.match(item.when, /blueprint-service|\.blueprint/, `${menu}: ${item.command} is shown for every file`);
      }
    }
  });

  it('declares exactly the settings the extension reads or forwards', () => {
    const declared = Object.keys(manifest.contributes.configuration.properties).sort();
    const known = [...Object.values(Settings), ...FORWARDED_SETTINGS].map((s) => `${SECTION}.${s}`).sort();
    assert.deepEqual(declared, known);
    for (const key of Object.keys(Settings)) {
      assert.ok(extensionSource.includes(`Settings.${key}`), `extension.ts never reads Settings.${key}`);
    }
    for (const [id, p] of Object.entries(manifest.contributes.configuration.properties) as [string, { markdownDescription?: string; description?: string; default: unknown }][]) {
      assert.ok((p.markdownDescription ?? p.description ?? '').length > 20, `${id} has no real description`);
      assert.ok('default' in p, `${id} has no default`);
    }
  });

  it('forwards settings that their readers really read', () => {
    // vscode-languageclient reads `<client id>.trace.server`
    assert.ok(FORWARDED_SETTINGS.includes('trace.server') && CLIENT_ID === SECTION);
    assert.deepEqual(manifest.contributes.configuration.properties['blueprint.trace.server'].enum, ['off', 'messages', 'verbose']);
    // the language server asks for the `blueprint` section and reads `hiddenCodes`
    const server = fs.readFileSync(path.join(REPO_DIR, 'language-server', 'src', 'main', 'java', 'dev', 'blueprint', 'lsp', 'BlueprintServer.java'), 'utf8');
    assert.match(server, /setSection\("blueprint"\)/);
    assert.match(server, /"hiddenCodes"/);
    assert.match(server, /string\(settings, "outputFolder"\)/);
    assert.match(server, /string\(settings, "javaPackage"\)/);
  });

  it('names the server\'s commands as the server does, apart from the extension\'s', () => {
    const commands = fs.readFileSync(path.join(REPO_DIR, 'language-server', 'src', 'main', 'java', 'dev', 'blueprint', 'lsp', 'ServiceCommands.java'), 'utf8');
    for (const id of Object.values(SERVER_COMMANDS)) {
      assert.ok(commands.includes(`"${id}"`), `the server does not name ${id}`);
      assert.ok(!(Object.values(Commands) as string[]).includes(id), `${id} is both the server's and the extension's`);
    }
    // the run lens names the extension's command
    assert.match(commands, new RegExp(`RUN = "${Commands.runService.replace('.', '\\.')}"`));
  });

  it('declares the language blueprint-service for *.blueprint, apart from GNOME Blueprint', () => {
    const [lang] = manifest.contributes.languages;
    assert.equal(manifest.contributes.languages.length, 1);
    assert.equal(lang.id, LANGUAGE_ID);
    assert.notEqual(lang.id, 'blueprint');
    assert.deepEqual(lang.extensions, ['.blueprint']);
    assert.ok(!lang.extensions.includes('.blp'));
    assert.equal(manifest.contributes.grammars[0].language, LANGUAGE_ID);
    assert.equal(manifest.contributes.snippets[0].language, LANGUAGE_ID);
    assert.ok(extensionSource.includes('language: LANGUAGE_ID'), 'the client selects documents by the language id');
    // the canonical layout (blueprint fmt) indents by two spaces
    assert.deepEqual(manifest.contributes.configurationDefaults[`[${LANGUAGE_ID}]`]['editor.tabSize'], 2);
    assert.equal(manifest.contributes.configurationDefaults[`[${LANGUAGE_ID}]`]['editor.insertSpaces'], true);
  });

  it('points at files that exist and parse', () => {
    const lang = manifest.contributes.languages[0];
    const config = readJson(lang.configuration);
    assert.equal(config.comments.lineComment, '//');
    assert.deepEqual(config.comments.blockComment, ['/*', '*/']);
    assert.ok(config.autoClosingPairs.some((p: { open: string }) => p.open === '"'));
    for (const rule of Object.values(config.indentationRules) as string[]) {
      new RegExp(rule);
    }
    new RegExp(config.wordPattern);
    const grammar = readJson(manifest.contributes.grammars[0].path);
    assert.equal(grammar.scopeName, manifest.contributes.grammars[0].scopeName);
    const snippets = readJson(manifest.contributes.snippets[0].path);
    assert.ok(Object.keys(snippets).length >= 8);
    assert.equal(manifest.main, './dist/extension.js');
  });

  it('activates on the language, its commands and workspaces with blueprints', () => {
    // VS Code adds onLanguage and onCommand events for contributed languages and commands
    // itself (engines >= 1.74); the workspace event starts the server for cross-file checks.
    assert.ok(manifest.engines.vscode.replace(/[^\d.]/g, '').split('.')[1] >= 74);
    assert.deepEqual(manifest.activationEvents, ['workspaceContains:**/*.blueprint']);
  });

  it('bundles the language client, so the .vsix needs no node_modules', () => {
    assert.deepEqual(Object.keys(manifest.dependencies), ['vscode-languageclient']);
    assert.match(manifest.scripts.package, /package-vsix/);
    const ignore = fs.readFileSync(path.join(CLIENT_DIR, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!server\/blueprint\.jar$/m);
    assert.match(ignore, /^!dist\/extension\.js$/m);
  });
});
