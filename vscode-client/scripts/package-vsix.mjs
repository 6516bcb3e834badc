// Packages the extension as a .vsix with the language server jar that Maven built
// (language-server/target/blueprint.jar) copied into server/.
// Usage: node scripts/package-vsix.mjs [--jar PATH] [--out FILE]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const jar = path.resolve(option('--jar', path.join(here, '..', 'language-server', 'target', 'blueprint.jar')));
const pkg = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'));
const out = path.resolve(here, option('--out', `${pkg.name}-${pkg.version}.vsix`));

if (!fs.existsSync(jar)) {
  console.error(`package-vsix: ${jar} does not exist.`);
  console.error('Build the language server first: mvn -B -DskipTests -pl language-server -am package (from the repository root).');
  process.exit(1);
}
if (!fs.existsSync(path.join(here, 'dist', 'extension.js'))) {
  console.error('package-vsix: dist/extension.js does not exist: run "npm run build" first.');
  process.exit(1);
}
fs.mkdirSync(path.join(here, 'server'), { recursive: true });
fs.copyFileSync(jar, path.join(here, 'server', 'blueprint.jar'));

const vsce = path.join(here, 'node_modules', '@vscode', 'vsce', 'vsce');
// The bundle already holds every dependency, so node_modules stays out of the package.
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out], {
  cwd: here,
  stdio: ['ignore', 'inherit', 'inherit'],
});
console.log(`package-vsix: ${path.relative(process.cwd(), out)} (${(fs.statSync(out).size / 1e6).toFixed(1)} MB, server jar from ${jar})`);
