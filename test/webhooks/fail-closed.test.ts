import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { createWebhookHandler } from '../../src/webhooks/index.js';
import { NOW } from './attacks.js';
import { contactCreatePayload, signEd25519, testPublicKeys } from './signer.js';

/*
 * "Fail closed" checked two ways: by reading the source (every path that has not verified ends in a
 * rejection), and by throwing random requests at the handler (none gets through).
 */

const SOURCE_DIR = join(import.meta.dirname, '../../src/webhooks');

function readSources(dir = SOURCE_DIR): ts.SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return readSources(path);
    return entry.name.endsWith('.ts') ? [ts.createSourceFile(relative(SOURCE_DIR, path), readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true)] : [];
  });
}

let parsed: ts.SourceFile[] | undefined;
const sourceFiles = (): ts.SourceFile[] => (parsed ??= readSources());

function descendants(node: ts.Node): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (child: ts.Node) => {
    found.push(child);
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

function file(name: string): ts.SourceFile {
  const found = sourceFiles().find((source) => source.fileName === name);
  if (!found) throw new Error(`no ${name} in src/webhooks`);
  return found;
}

/** The function or method declaration called `name` in `source`. */
function fn(source: ts.SourceFile, name: string): ts.FunctionLikeDeclaration & { body: ts.Block } {
  const found = descendants(source).find(
    (node): node is ts.FunctionLikeDeclaration => (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name?.getText(source) === name,
  );
  if (!found?.body || !ts.isBlock(found.body)) throw new Error(`no function ${name} in ${source.fileName}`);
  return found as ts.FunctionLikeDeclaration & { body: ts.Block };
}

/** Returns that belong to `body` itself, not to a nested function. */
function ownReturns(body: ts.Node): ts.ReturnStatement[] {
  const found: ts.ReturnStatement[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** An expression that would tell GHL "accepted": `{ ok: true }`, a 2xx status, or a bare `true`. */
function accepts(expression: ts.Expression | undefined, source: ts.SourceFile): boolean {
  if (!expression) return false;
  const text = expression.getText(source).replace(/\s+/g, ' ');
  return /ok: true|status: 2\d\d/.test(text) || expression.kind === ts.SyntaxKind.TrueKeyword;
}

const inside = (node: ts.Node, ancestor: ts.Node) => node.pos >= ancestor.pos && node.end <= ancestor.end;

describe('fail-closed: the source has no path that accepts without verifying', () => {
  it('verifySignature: it returns only from inside an `if (await signatureMatches(...))`, and otherwise ends in a throw', () => {
    const source = file('signature.ts');
    const verify = fn(source, 'verifySignature');
    const returns = ownReturns(verify.body);
    expect(returns.length).toBeGreaterThan(0);
    for (const statement of returns) {
      const guard = statement.parent;
      expect(ts.isIfStatement(guard) && /^await signatureMatches\(/.test(guard.expression.getText(source)), statement.getText(source)).toBe(true);
    }
    const last = verify.body.statements.at(-1)!;
    expect(ts.isThrowStatement(last), 'the fall-through is a throw').toBe(true);
  });

  it('signatureMatches: Web Crypto’s verdict or false, nothing else', () => {
    const source = file('signature.ts');
    const texts = ownReturns(fn(source, 'signatureMatches').body).map((statement) => statement.getText(source));
    expect(texts).toEqual([expect.stringMatching(/^return await globalThis\.crypto\.subtle\.verify\(/), 'return false;']);
  });

  it('WebhookVerifier.verify: one return, last, after the awaited signature check; no try/catch that could swallow a rejection', () => {
    const source = file('verify.ts');
    const verify = fn(source, 'verify');
    const statements = verify.body.statements;
    expect(ownReturns(verify.body)).toEqual([statements.at(-1)]);
    const signatureCheck = statements.findIndex((statement) => /await verifySignature\(/.test(statement.getText(source)));
    const parse = statements.findIndex((statement) => /parseWebhookEvent\(/.test(statement.getText(source)));
    const claim = statements.findIndex((statement) => /replayStore\.claim/.test(statement.getText(source)));
    expect(signatureCheck).toBeGreaterThanOrEqual(0);
    expect(parse).toBeGreaterThan(signatureCheck);
    expect(claim).toBeGreaterThan(parse);
    expect(descendants(verify.body).some(ts.isTryStatement)).toBe(false);
  });

  it('WebhookProcessor.process: handlers run only after `await this.verifier.verify`, and its catch can only reject', () => {
    const source = file('processor.ts');
    const process = fn(source, 'process');
    const statements = process.body.statements;
    const verifyTry = statements.find((statement): statement is ts.TryStatement => ts.isTryStatement(statement) && /await this\.verifier\.verify\(/.test(statement.tryBlock.getText(source)));
    expect(verifyTry).toBeDefined();
    // The catch of the verification: a single `return this.reject(error)`.
    expect(verifyTry!.catchClause!.block.statements.map((statement) => statement.getText(source))).toEqual(['return this.reject(error);']);
    // Nothing before the verification returns, and nothing that acts is reachable before it.
    for (const statement of statements.slice(0, statements.indexOf(verifyTry!))) {
      expect(statement.getText(source)).not.toMatch(/return|this\.act|this\.deliver|onEvent|this\.on\b/);
    }
    expect(verifyTry!.tryBlock.getText(source)).not.toMatch(/this\.act|this\.deliver|onEvent/);
  });

  it('WebhookProcessor.reject: never calls a handler; the only 200 is the duplicate, guarded by reason === "replayed"', () => {
    const source = file('processor.ts');
    const reject = fn(source, 'reject');
    expect(reject.body.getText(source)).not.toMatch(/this\.act|this\.deliver|onEvent|this\.on\b|tokensSaved/);
    for (const statement of ownReturns(reject.body)) {
      if (!accepts(statement.expression, source)) continue;
      const guard = statement.parent.parent;
      expect(ts.isIfStatement(guard) && guard.expression.getText(source) === "error.reason === 'replayed'", statement.getText(source)).toBe(true);
      expect(statement.getText(source)).toContain('duplicate: true');
    }
  });

  it('every "accepted" answer in src/webhooks is built in process after the verification, or is the duplicate in reject', () => {
    const process = fn(file('processor.ts'), 'process');
    const reject = fn(file('processor.ts'), 'reject');
    const verifyTry = process.body.statements.find(ts.isTryStatement)!;
    const offenders: string[] = [];
    for (const source of sourceFiles()) {
      for (const node of descendants(source)) {
        if (!ts.isObjectLiteralExpression(node) || !/\bok: true\b/.test(node.getText(source))) continue;
        if (node.properties.every((property) => !(ts.isPropertyAssignment(property) && property.name.getText(source) === 'ok'))) continue;
        const allowed = source.fileName === 'processor.ts' && ((inside(node, process) && node.pos > verifyTry.end) || inside(node, reject));
        if (!allowed) offenders.push(`${source.fileName}: ${node.getText(source)}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('no catch anywhere in src/webhooks turns an error into an acceptance', () => {
    const offenders: string[] = [];
    let catches = 0;
    for (const source of sourceFiles()) {
      for (const node of descendants(source)) {
        if (!ts.isCatchClause(node)) continue;
        catches++;
        for (const statement of ownReturns(node.block)) {
          if (accepts(statement.expression, source)) offenders.push(`${source.fileName}: ${statement.getText(source)}`);
        }
        const throwsOrReturns = descendants(node.block).some((child) => ts.isThrowStatement(child) || ts.isReturnStatement(child));
        if (!throwsOrReturns) offenders.push(`${source.fileName}: a catch that neither throws nor returns: ${node.getText(source)}`);
      }
    }
    expect(catches).toBeGreaterThan(5);
    expect(offenders).toEqual([]);
  });

  it('no option, flag or identifier that skips verification exists', () => {
    const offenders: string[] = [];
    for (const source of sourceFiles()) {
      const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, source.text);
      for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
        if (token !== ts.SyntaxKind.Identifier && token !== ts.SyntaxKind.StringLiteral) continue;
        const text = scanner.getTokenText();
        if (/skip|bypass|insecure|unsafe|unverified|noverify|disable|dangerous|trust/i.test(text)) offenders.push(`${source.fileName}: ${text}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('fail-closed: random requests never reach onEvent', () => {
  it('arbitrary bodies, signatures and header spellings are all refused (fast-check, 300 runs)', async () => {
    const onEvent = vi.fn();
    const handler = createWebhookHandler({ publicKeys: testPublicKeys(), now: () => NOW, onEvent });
    const genuineBody = JSON.stringify(contactCreatePayload({ timestamp: new Date(NOW).toISOString() }));
    const genuineSignature = signEd25519(genuineBody);
    const header = fc.constantFrom('x-ghl-signature', 'X-GHL-Signature', 'x-wh-signature', 'x-ghl-signature ', 'signature', 'x-hub-signature-256');
    const body = fc.oneof(fc.string(), fc.json(), fc.constant(genuineBody).map((text) => text.replace('ada', 'eve')), fc.uint8Array({ maxLength: 256 }));
    const signature = fc.oneof(fc.base64String({ maxLength: 200 }), fc.string(), fc.constant(genuineSignature), fc.uint8Array({ minLength: 64, maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64')));
    await fc.assert(
      fc.asyncProperty(body, header, signature, async (raw, name, value) => {
        const result = await handler.handle(raw, { [name]: value });
        expect(result.status).not.toBe(200);
        expect(result.body.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    expect(onEvent).not.toHaveBeenCalled();
  });
});
