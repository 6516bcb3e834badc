// The TextMate grammar, run by vscode-textmate with Oniguruma (VS Code's engine): every
// example tokenizes with balanced rules and no token left unscoped or marked illegal, and
// the scopes of keywords, types, strings, quantities, comments, attributes and routes are
// what themes expect.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_DIR, ROOT_SCOPE, type Token, tokenize } from './textmate';

const S = '.blueprint-service';

function blueprintsUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...blueprintsUnder(p));
    } else if (entry.name.endsWith('.blueprint')) {
      out.push(p);
    }
  }
  return out.sort();
}

const examples = blueprintsUnder(path.join(REPO_DIR, 'examples'));
// The shared conformance suite sits beside the repository (as in CI); its valid files are
// more examples, its error files must at least tokenize.
const conformance = blueprintsUnder(path.join(REPO_DIR, '..', 'shared', 'conformance'));

/** The innermost scope of the token holding `text` on the line containing `lineText`. */
function scopesOf(tokens: Token[], source: string, lineText: string, text: string, occurrence = 0): string[] {
  const lineNo = source.split(/\r?\n/).findIndex((l) => l.includes(lineText)) + 1;
  assert.ok(lineNo > 0, `no line contains ${JSON.stringify(lineText)}`);
  const onLine = tokens.filter((t) => t.line === lineNo && t.text === text);
  assert.ok(onLine.length > occurrence, `no token ${JSON.stringify(text)} on line ${lineNo}: ${JSON.stringify(tokens.filter((t) => t.line === lineNo).map((t) => t.text))}`);
  return onLine[occurrence].scopes;
}

function assertScope(tokens: Token[], source: string, lineText: string, text: string, scope: string, occurrence = 0): void {
  const scopes = scopesOf(tokens, source, lineText, text, occurrence);
  assert.ok(scopes.includes(scope + S), `${JSON.stringify(text)} in ${JSON.stringify(lineText)}: expected ${scope}${S}, got ${scopes.join(' ')}`);
}

describe('TextMate grammar', () => {
  it('finds the examples to tokenize', () => {
    assert.ok(examples.length >= 3, `expected the repository's examples, found ${examples.length}`);
  });

  for (const file of [...examples, ...conformance]) {
    const name = path.relative(path.join(REPO_DIR, '..'), file);
    const source = fs.readFileSync(file, 'utf8');
    const hasErrors = /\/\/\s*expect:\s*error/.test(source);
    it(`tokenizes ${name}${hasErrors ? ' (a file with errors)' : ''}`, async () => {
      const { tokens, finalDepth } = await tokenize(source);
      assert.ok(tokens.length > 0);
      if (hasErrors) {
        return; // a file with syntax errors may leave a block open, as the parser does
      }
      assert.equal(finalDepth, 1, `${name}: a rule is still open at the end of the file`);
      for (const t of tokens) {
        if (!t.text.trim()) {
          continue;
        }
        const where = `${name}:${t.line} ${JSON.stringify(t.text)} (${t.scopes.join(' ')})`;
        assert.ok(t.scopes.length > 1 && t.scopes[0] === ROOT_SCOPE, `unscoped token ${where}`);
        assert.ok(!t.scopes.some((s) => s.startsWith('invalid.')), `illegal token in a valid file: ${where}`);
      }
    });
  }

  it('scopes keywords, names, types, attributes and settings in auto-shop', async () => {
    const file = path.join(REPO_DIR, 'examples', 'auto-shop.blueprint');
    const src = fs.readFileSync(file, 'utf8');
    const { tokens } = await tokenize(src);
    assertScope(tokens, src, 'service AutoShop {', 'service', 'storage.type.service');
    assertScope(tokens, src, 'service AutoShop {', 'AutoShop', 'entity.name.type.service');
    assertScope(tokens, src, 'store main {', 'store', 'storage.type.store');
    assertScope(tokens, src, 'enum PaymentMethod', 'enum', 'storage.type.enum');
    assertScope(tokens, src, 'enum PaymentMethod', 'CARD', 'variable.other.enummember');
    assertScope(tokens, src, 'entity Vehicle {', 'entity', 'storage.type.entity');
    assertScope(tokens, src, 'entity Vehicle {', 'Vehicle', 'entity.name.type.entity');
    // fields: name, built-in type, reference type, attributes with arguments
    assertScope(tokens, src, 'vin:   string(17)', 'vin', 'variable.other.property');
    assertScope(tokens, src, 'vin:   string(17)', 'string', 'support.type.primitive');
    assertScope(tokens, src, 'vin:   string(17)', '17', 'constant.numeric.integer');
    assertScope(tokens, src, 'owner: Customer', 'Customer', 'entity.name.type');
    assertScope(tokens, src, 'vin:   string(17)', 'unique', 'storage.type.annotation');
    assertScope(tokens, src, 'vin:   string(17)', '@', 'punctuation.definition.annotation');
    assertScope(tokens, src, 'amount:      decimal(10, 2)', '0.01', 'constant.numeric.decimal');
    assertScope(tokens, src, 'amount:      decimal(10, 2)', '..', 'keyword.operator.range');
    assertScope(tokens, src, 'status:    AppointmentStatus = SCHEDULED', '=', 'keyword.operator.assignment');
    assertScope(tokens, src, 'status:    AppointmentStatus = SCHEDULED', 'SCHEDULED', 'variable.other.enummember');
    // settings: keys, names as values, env(), strings, quantities with their units
    assertScope(tokens, src, 'worker_threads 32', 'worker_threads', 'support.type.property-name');
    assertScope(tokens, src, 'engine postgres', 'postgres', 'constant.other.value');
    assertScope(tokens, src, 'url env("DATABASE_URL"', 'env', 'support.function.env');
    assertScope(tokens, src, 'version "2.3.0"', '2.3.0', 'string.quoted.double');
    assertScope(tokens, src, 'request_timeout 10s', '10', 'constant.numeric.quantity');
    assertScope(tokens, src, 'request_timeout 10s', 's', 'keyword.other.unit');
    assertScope(tokens, src, 'max_body 512KB', 'KB', 'keyword.other.unit');
    assertScope(tokens, src, 'pool {', 'pool', 'support.type.property-name');
    // comments
    assertScope(tokens, src, '/* Auto repair shop', '/*', 'comment.block');
    assertScope(tokens, src, '/// A vehicle owned', ' A vehicle owned by a customer.', 'comment.line.documentation');
  });

  it('scopes resources and routes', async () => {
    const src = fs.readFileSync(path.join(REPO_DIR, 'examples', 'auto-shop.blueprint'), 'utf8');
    const { tokens } = await tokenize(src);
    const route = 'route GET "/customers/{id}/vehicles"';
    assertScope(tokens, src, 'api "/api/v1"', 'api', 'storage.type.api');
    assertScope(tokens, src, 'api "/api/v1"', '/api/v1', 'string.quoted.double.path');
    assertScope(tokens, src, 'resource "/vehicles" Vehicle', 'resource', 'keyword.other.resource');
    assertScope(tokens, src, 'resource "/vehicles" Vehicle', 'Vehicle', 'entity.name.type');
    assertScope(tokens, src, 'resource "/vehicles" Vehicle', 'update', 'support.function.operation');
    assertScope(tokens, src, route, 'route', 'keyword.other.route');
    assertScope(tokens, src, route, 'GET', 'constant.language.http-method');
    assertScope(tokens, src, route, 'id', 'variable.parameter.path');
    assertScope(tokens, src, route, '->', 'keyword.operator.arrow');
    assertScope(tokens, src, route, 'Vehicle', 'entity.name.type');
    assertScope(tokens, src, route, '[]', 'keyword.operator.array');
    assertScope(tokens, src, route, 'where', 'keyword.other.query');
    assertScope(tokens, src, route, 'owner', 'variable.other.property');
    assertScope(tokens, src, route, '==', 'keyword.operator.comparison');
    assertScope(tokens, src, route, 'id', 'variable.parameter', 1);
    assertScope(tokens, src, route, 'desc', 'keyword.other.order');
    assertScope(tokens, src, 'limit 100', '100', 'constant.numeric.integer');
  });

  it('scopes the security block and access rules', async () => {
    const src = [
      'service Shop { }',
      'security {',
      '  roles ["clerk", "admin"]',
      '  api_keys {',
      '    clients {',
      '      desk { key env("DESK_API_KEY") roles ["clerk"] }',
      '    }',
      '  }',
      '  jwt { issuer "https://id.example.com/" algorithms [RS256, ES256] }',
      '  cors { origins ["https://shop.example.com"] credentials true max_age 10m }',
      '}',
      'entity Part { id: uuid @key }',
      'api "/api" {',
      '  resource "/parts" Part requires role("clerk") { list public, get, delete requires role("admin", "clerk") }',
      '  route GET "/cheap" -> Part[] where id == $id limit 5 public',
      '  route GET "/by/{id}" -> Part[] where id == $id requires role("admin")',
      '}',
      '',
    ].join('\n');
    const { tokens, finalDepth } = await tokenize(src);
    assert.equal(finalDepth, 1);
    for (const t of tokens.filter((x) => x.text.trim())) {
      assert.ok(!t.scopes.some((s) => s.startsWith('invalid.')), `illegal token ${t.line} ${JSON.stringify(t.text)} (${t.scopes.join(' ')})`);
    }
    assertScope(tokens, src, 'security {', 'security', 'storage.type.security');
    assertScope(tokens, src, 'roles ["clerk", "admin"]', 'roles', 'support.type.property-name');
    assertScope(tokens, src, 'roles ["clerk", "admin"]', 'clerk', 'string.quoted.double');
    assertScope(tokens, src, 'clients {', 'clients', 'support.type.property-name');
    assertScope(tokens, src, 'desk { key', 'desk', 'support.type.property-name');
    assertScope(tokens, src, 'desk { key', 'env', 'support.function.env');
    assertScope(tokens, src, 'algorithms [RS256', 'RS256', 'variable.other');
    assertScope(tokens, src, 'credentials true', 'true', 'constant.language.boolean');
    assertScope(tokens, src, 'credentials true', 'm', 'keyword.other.unit');
    const resource = 'resource "/parts" Part requires';
    assertScope(tokens, src, resource, 'Part', 'entity.name.type');
    assertScope(tokens, src, resource, 'requires', 'keyword.other.requires');
    assertScope(tokens, src, resource, 'role', 'support.function.role');
    assertScope(tokens, src, resource, 'clerk', 'string.quoted.double.role');
    assertScope(tokens, src, resource, 'public', 'storage.modifier.public');
    assertScope(tokens, src, resource, 'get', 'support.function.operation');
    assertScope(tokens, src, resource, 'requires', 'keyword.other.requires', 1);
    assertScope(tokens, src, resource, 'admin', 'string.quoted.double.role');
    assertScope(tokens, src, 'route GET "/cheap"', 'public', 'storage.modifier.public');
    assertScope(tokens, src, 'route GET "/cheap"', '5', 'constant.numeric.integer');
    assertScope(tokens, src, 'route GET "/by/{id}"', 'role', 'support.function.role');
    assertScope(tokens, src, 'route GET "/by/{id}"', 'admin', 'string.quoted.double.role');
    assertScope(tokens, src, 'route GET "/by/{id}"', 'id', 'variable.parameter.path');
  });

  it('scopes every unit of a quantity and string escapes', async () => {
    const src = [
      'deploy {',
      '  cpu 500m',
      '  memory 512MiB',
      '  memory_limit 1GiB',
      '  target_cpu 70%',
      '  autoscale 2..10',
      '  image "a\\"b\\u{1F600}"',
      '}',
    ].join('\n');
    const { tokens, finalDepth } = await tokenize(src);
    assert.equal(finalDepth, 1);
    for (const [line, unit] of [['cpu 500m', 'm'], ['memory 512MiB', 'MiB'], ['memory_limit 1GiB', 'GiB'], ['target_cpu 70%', '%']]) {
      assertScope(tokens, src, line, unit, 'keyword.other.unit');
    }
    assertScope(tokens, src, 'autoscale 2..10', '10', 'constant.numeric.integer');
    assertScope(tokens, src, 'image', '\\"', 'constant.character.escape');
    assertScope(tokens, src, 'image', '\\u{1F600}', 'constant.character.escape.unicode');
  });

  it('recovers from a missing closing brace at the next declaration', async () => {
    const src = ['entity Broken {', '  id: uuid @key', '', 'entity Next {', '  id: long @key', '}'].join('\n');
    const { tokens, finalDepth } = await tokenize(src);
    assertScope(tokens, src, 'entity Next {', 'entity', 'storage.type.entity');
    assertScope(tokens, src, 'entity Next {', 'Next', 'entity.name.type.entity');
    assert.equal(finalDepth, 1);
  });

  it('ends an unterminated string at the end of its line and marks stray characters', async () => {
    const src = ['service S {', '  description "no end', '  version "1.0"', '}', '#'].join('\n');
    const { tokens, finalDepth } = await tokenize(src);
    assertScope(tokens, src, 'version "1.0"', 'version', 'support.type.property-name');
    assertScope(tokens, src, '#', '#', 'invalid.illegal.character');
    assert.equal(finalDepth, 1);
  });
});
