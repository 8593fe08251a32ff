import path from 'node:path';
import { expect } from 'chai';
import ts from 'typescript';

// Plain CommonJS, as the build and the test runner load it (scripts/nativeAsync.cjs).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { nativeAsync } = require('../../scripts/nativeAsync.cjs') as {
  nativeAsync(source: string, compiler: typeof ts): { text: string; rewritten: number };
};

/** What tsc writes for `source` when it compiles for ES2015, as botbuilder's packages are compiled. */
const asTscWritesIt = (source: string) =>
  ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2015, module: ts.ModuleKind.CommonJS, strict: true },
  }).outputText;

/** Runs a CommonJS module's text and gives back its exports. */
function load(text: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', text)(module, module.exports, require);
  return module.exports;
}

/** Every case runs in both forms, and each records what it saw in its own log. */
const SAMPLE = `
export async function sum(values: Array<number | Promise<number>>, log: string[]) {
  let total = 0;
  for (const value of values) {
    log.push('before ' + total);
    total += await value;
  }
  return total;
}
export class Counter {
  count = 1;
  async next(step: Promise<number>) { return this.count += await step; }
  async viaArrow() { const read = async () => this.count; return await read() * 10; }
}
export async function fails(log: string[]) {
  try {
    await Promise.resolve();
    throw new Error('refused (P1)');
  } finally {
    log.push('finally');
  }
}
export async function counted() { await null; return arguments.length; }
export async function precedence(a: Promise<number>, b: number) { const both = await a + b; return both; }
export async function withGenerator() {
  function* letters() { yield 'a'; yield 'b'; }
  const seen: string[] = [];
  for (const letter of letters()) seen.push(await Promise.resolve(letter));
  return seen.join('');
}
export async function drained(source: AsyncIterable<number>) {
  const seen: number[] = [];
  for await (const value of source) seen.push(value);
  return seen;
}
`;

async function* countTo(n: number) {
  for (let i = 1; i <= n; i++) yield i;
}

/** What each case gives, in either form of the module. */
async function outcomes(exports: Record<string, unknown>) {
  const m = exports as {
    sum(values: Array<number | Promise<number>>, log: string[]): Promise<number>;
    Counter: new () => { count: number; next(step: Promise<number>): Promise<number>; viaArrow(): Promise<number> };
    fails(log: string[]): Promise<void>;
    counted(...args: unknown[]): Promise<number>;
    precedence(a: Promise<number>, b: number): Promise<number>;
    withGenerator(): Promise<string>;
    drained(source: AsyncIterable<number>): Promise<number[]>;
  };
  const log: string[] = [];
  const counter = new m.Counter();
  const failure = await m.fails(log).then(
    () => 'resolved',
    (error: Error) => error.message,
  );
  return {
    sum: await m.sum([1, Promise.resolve(2), 3], log),
    next: await counter.next(Promise.resolve(4)),
    viaArrow: await counter.viaArrow(),
    failure,
    counted: await m.counted('a', 'b', 'c'),
    precedence: await m.precedence(Promise.resolve(2), 3),
    withGenerator: await m.withGenerator(),
    drained: await m.drained(countTo(3)),
    log,
  };
}

/**
 * Issue 18: botbuilder's packages are compiled for ES2015, so every async function of theirs runs through
 * tsc's `__awaiter` and a new generator function, whose prototype and maps V8 keeps in the old generation: a
 * full collection every half second under the enrolment step's load, each stopping the turns in flight
 * (bench/README.md, session 41). The bundle, the tests and the bench load them rewritten as native async
 * functions (scripts/nativeAsync.cjs); this proves the rewrite means what tsc's form meant.
 */
describe('Dependencies run as native async functions (issue 18)', () => {
  it("rewrites every async function tsc writes, and each gives what tsc's form gave", async () => {
    const compiled = asTscWritesIt(SAMPLE);
    expect(compiled).to.include('__awaiter(this, void 0, void 0, function* ()');
    const { text, rewritten } = nativeAsync(compiled, ts);
    // All nine, with `counted`'s `arguments` (tsc passes the caller's own) and the arrow inside `viaArrow`.
    expect(rewritten).to.equal(9);
    expect(text).not.to.match(/__awaiter\((this|void 0),/);
    expect(text).to.include('function* letters()');
    const before = await outcomes(load(compiled));
    const after = await outcomes(load(text));
    expect(after).to.deep.equal(before);
    expect(after).to.deep.include({ sum: 6, next: 5, viaArrow: 50, failure: 'refused (P1)', counted: 3 });
    expect(after).to.deep.include({ precedence: 5, withGenerator: 'ab', drained: [1, 2, 3] });
    expect(after.log).to.deep.equal(['finally', 'before 0', 'before 1', 'before 3']);
  });

  it('leaves a call as it is wherever the two forms could differ', () => {
    const unchanged = [
      // `this` of a caller that passed none: an arrow would see the module's.
      `const f = () => __awaiter(void 0, void 0, void 0, function* () { return this; });`,
      // A class whose heritage reads that `this`.
      `const f = () => __awaiter(void 0, void 0, void 0, function* () { return class extends this.Base {}; });`,
      // A promise of the library's own choosing.
      `const f = () => __awaiter(this, void 0, Bluebird, function* () { yield g(); });`,
      // Parameters of the generator's own (tsc's form for defaults read from arguments).
      `function f(a) { return __awaiter(this, arguments, void 0, function* (a = 1) { yield a; }); }`,
      // Delegation, which await cannot say.
      `const f = () => __awaiter(this, void 0, void 0, function* () { yield* other(); });`,
      // After a statement without its semicolon, "(" would call what came before.
      `function f() {\n  let x = g\n  yield_(x)\n  return __awaiter(this, void 0, void 0, function* () { x = 1\n yield x; });\n}`,
    ];
    for (const source of unchanged) {
      const { text, rewritten } = nativeAsync(source, ts);
      expect(rewritten, source).to.equal(0);
      expect(text).to.equal(source);
    }
  });

  it('is how this suite loads botbuilder, as the bundle holds it (scripts/nativeAsyncHook.cjs)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DialogContext } = require('botbuilder-dialogs') as typeof import('botbuilder-dialogs');
    const beginDialog = DialogContext.prototype.beginDialog.toString();
    expect(beginDialog).to.include('async () =>');
    expect(beginDialog).not.to.include('__awaiter');
    expect(path.basename(require.resolve('botbuilder-dialogs'))).to.equal('index.js');
  });
});
