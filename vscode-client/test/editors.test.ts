// The other editors' configurations agree with the extension and the launcher: the same
// language id, file pattern, server command and JVM options. (editors/test/run drives the
// real Neovim and Emacs; IntelliJ cannot run here, so its template is checked as data.)
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FORWARDED_SETTINGS, LANGUAGE_ID, SECTION } from '../src/contributions';
import { JVM_OPTIONS } from '../src/launch';
import { launcherJvmOptions, launcherServerJvmOptions } from './helpers';
import { REPO_DIR } from './textmate';

const EDITORS = path.join(REPO_DIR, 'editors');
const read = (rel: string) => fs.readFileSync(path.join(EDITORS, rel), 'utf8');
const json = (rel: string) => JSON.parse(read(rel));

describe('IntelliJ LSP4IJ template', () => {
  const dir = 'intellij/lsp4ij-template';
  const template = json(`${dir}/template.json`);

  it('has the fields LSP4IJ reads', () => {
    assert.equal(template.id, LANGUAGE_ID);
    assert.equal(template.name, 'Blueprint');
    assert.equal(typeof template.programArgs.default, 'string');
    assert.equal(typeof template.programArgs.windows, 'string');
    for (const key of Object.keys(template)) {
      assert.ok(['id', 'name', 'programArgs', 'fileTypeMappings', 'languageMappings', 'dev'].includes(key), `LSP4IJ knows no ${key}`);
    }
  });

  it('maps *.blueprint to the language id blueprint-service', () => {
    assert.deepEqual(template.fileTypeMappings, [{ fileType: { name: 'Blueprint Service', patterns: ['*.blueprint'] }, languageId: LANGUAGE_ID }]);
  });

  it('starts the server as the launcher does', () => {
    assert.equal(template.programArgs.default, 'sh -c "blueprint lsp"');
    const windows: string[] = template.programArgs.windows.match(/"[^"]*"|\S+/g);
    const options = [...launcherJvmOptions(), ...launcherServerJvmOptions()];
    assert.deepEqual(windows.slice(0, 1 + options.length), ['java', ...options]);
    assert.deepEqual(windows.slice(-3, -2), ['-jar']);
    assert.match(windows.at(-2)!, /blueprint\.jar"$/);
    assert.equal(windows.at(-1), 'lsp');
  });

  it('answers workspace/configuration with settings the server reads', () => {
    const settings = json(`${dir}/settings.json`);
    assert.deepEqual(Object.keys(settings), [SECTION]);
    for (const key of Object.keys(settings[SECTION])) {
      assert.ok(FORWARDED_SETTINGS.includes(key), `the server does not read ${SECTION}.${key}`);
    }
    assert.deepEqual(json(`${dir}/initializationOptions.json`), {});
    assert.equal(json(`${dir}/clientSettings.json`).caseSensitive, true);
  });

  it('has a README that LSP4IJ shows behind its help icon', () => {
    const readme = read(`${dir}/README.md`);
    assert.match(readme, /Import from custom template/);
    assert.match(readme, /editors\/intellij\/lsp4ij-template/);
  });
});

describe('Neovim and Emacs configurations', () => {
  it('Neovim: filetype blueprint-service on *.blueprint, `blueprint lsp`, both Neovim APIs', () => {
    const lua = read('neovim/lua/blueprint.lua');
    assert.match(lua, /M\.filetype = 'blueprint-service'/);
    assert.match(lua, /pattern = '\*\.blueprint'/);
    assert.match(lua, /cmd = opts\.cmd or \{ 'blueprint', 'lsp' \}/);
    assert.match(lua, /vim\.lsp\.start\(config, \{ bufnr = bufnr \}\)/);
    assert.match(lua, /vim\.lsp\.start_client\(config\)/);
    assert.match(lua, /vim\.lsp\.buf_attach_client\(bufnr, id\)/);
    assert.ok(fs.existsSync(path.join(EDITORS, 'neovim', 'syntax', `${LANGUAGE_ID}.vim`)), 'no syntax file for the filetype');
  });

  it('Emacs: blueprint-service-mode (language id blueprint-service) on .blueprint, `blueprint lsp` through eglot', () => {
    const el = read('emacs/blueprint-service-mode.el');
    assert.match(el, /\(define-derived-mode blueprint-service-mode prog-mode/);
    assert.match(el, /\(add-to-list 'auto-mode-alist '\("\\\\\.blueprint\\\\'" \. blueprint-service-mode\)\)/);
    assert.match(el, /\(defcustom blueprint-service-server-command '\("blueprint" "lsp"\)/);
    assert.match(el, /eglot-server-programs/);
    // the documented java form uses the launcher's leading options
    assert.ok(el.includes(`(\\"java\\" \\"${JVM_OPTIONS[0]}\\" \\"${JVM_OPTIONS[1]}\\" \\"-jar\\"`), 'the docstring shows another java command');
  });

  it('the fixture the editor tests open has exactly the one mistake they look for', () => {
    const fixture = read('test/tasks-with-mistake.blueprint');
    assert.equal(fixture.split('\n')[12], '  status: Staus = OPEN');
    const example = fs.readFileSync(path.join(REPO_DIR, 'examples', 'tasks.blueprint'), 'utf8');
    assert.equal(fixture.split('\n').slice(1).join('\n').replace('Staus', 'Status'), example.split('\n').slice(1).join('\n'));
  });
});
