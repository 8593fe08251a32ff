// Dependencies compiled by tsc for ES2015/ES2016 (89 files of botbuilder's packages among them) run every async function
// as `__awaiter(this, void 0, void 0, function* () { ... yield x ... })`. Each call makes a new generator
// function, and V8 gives each new generator function its own prototype object, prototype map and initial
// map, which always live in the old generation: under the enrolment step's load (issue 18) that was about 40 KB
// of old-generation garbage a turn beside the 40 KB promoted, a full collection every half second, each
// stopping the turns in flight (`--trace-gc-object-stats`, bench/README.md, session 41). Node 20 runs async
// functions natively, so the bundle gives those calls back the form their TypeScript had:
// `(async () => { ... (await (x)) ... })()`. Plain CommonJS on purpose: bundleEntry.mjs runs it for the bundle,
// and nativeAsyncHook.cjs, loaded with --require, for code that runs unbundled (the tests, the bench).
//
// Only where the two forms mean the same is a call rewritten; everything else is left as it is:
// - the promise is the native one (`__awaiter`'s third argument `void 0`);
// - the generator is anonymous and takes no parameters (tsc's form for a plain async function body);
// - `this` is the caller's own `this` (an arrow keeps it), or the body does not use `this`;
// - `arguments` is the caller's own `arguments` (an arrow sees the same), or the body does not use it;
// - the body has no `yield*` and no `new.target` of its own.
// Positions on a line may move, lines do not: a stack trace through a dependency still names its line.

const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');

/** The `__awaiter` of tsc's helper in each file, `tslib_1.__awaiter`, or `(0, tslib_1.__awaiter)`. */
function isAwaiterCallee(ts, callee) {
  let node = callee;
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.CommaToken) node = node.right;
  if (ts.isIdentifier(node)) return node.text === '__awaiter';
  return ts.isPropertyAccessExpression(node) && node.name.text === '__awaiter';
}

const isVoidZero = (ts, node) =>
  (ts.isVoidExpression(node) && ts.isNumericLiteral(node.expression) && node.expression.text === '0') ||
  (ts.isIdentifier(node) && node.text === 'undefined');

/** A function (or class) that has its own `this`, `arguments`, `new.target` and `yield`; an arrow has none. */
const ownsScope = (ts, node) => ts.isFunctionLike(node) && !ts.isArrowFunction(node);
const isClass = (ts, node) => ts.isClassDeclaration(node) || ts.isClassExpression(node);

/** What the generator's body does at its own level: its yields, and whether it uses `this` and the like. */
function bodyUse(ts, body) {
  const use = { yields: [], delegates: false, usesThis: false, usesArguments: false, usesNewTarget: false };
  const walk = (node) => {
    if (ownsScope(ts, node)) return;
    // A class's heritage and computed names see the outer `this` and `arguments`: not looked into, so counted.
    if (isClass(ts, node)) {
      use.usesThis = use.usesArguments = true;
      return;
    }
    if (ts.isYieldExpression(node)) {
      if (node.asteriskToken) use.delegates = true;
      use.yields.push(node);
    } else if (node.kind === ts.SyntaxKind.ThisKeyword) use.usesThis = true;
    else if (ts.isIdentifier(node) && node.text === 'arguments') use.usesArguments = true;
    else if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.NewKeyword) use.usesNewTarget = true;
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(body, walk);
  return use;
}

/**
 * Whether a `(` may take `node`'s place: not where `node` starts an expression statement that follows one
 * written without its semicolon, where `(` would call what came before (tsc always writes the semicolon).
 */
function mayStartWithParenthesis(ts, file, node) {
  let statement = node;
  while (statement.parent && !ts.isExpressionStatement(statement)) {
    if (statement.parent.getStart(file) !== node.getStart(file)) return true;
    statement = statement.parent;
  }
  if (!statement.parent || statement.getStart(file) !== node.getStart(file)) return true;
  const siblings = statement.parent.statements;
  const index = siblings ? siblings.indexOf(statement) : -1;
  if (index <= 0) return true;
  const before = siblings[index - 1];
  const text = before.getText(file);
  // A `}` that ends a block, a function or a class, not an object or a function expression in an expression.
  return (
    text.endsWith(';') || (text.endsWith('}') && !ts.isExpressionStatement(before) && !ts.isVariableStatement(before))
  );
}

/** The edits that make `call` native, or none when the two forms could differ. */
function editsFor(ts, file, call) {
  if (call.arguments.length !== 4 || !isAwaiterCallee(ts, call.expression)) return [];
  const [thisArg, argumentsArg, promise, generator] = call.arguments;
  if (!isVoidZero(ts, promise)) return [];
  if (!ts.isFunctionExpression(generator) || !generator.asteriskToken || generator.name) return [];
  if (generator.parameters.length > 0) return [];
  const use = bodyUse(ts, generator.body);
  if (use.delegates || use.usesNewTarget) return [];
  if (use.usesThis && thisArg.kind !== ts.SyntaxKind.ThisKeyword) return [];
  const callersArguments = ts.isIdentifier(argumentsArg) && argumentsArg.text === 'arguments';
  if (use.usesArguments && !callersArguments) return [];
  if (!callersArguments && !isVoidZero(ts, argumentsArg)) return [];
  if (![call, ...use.yields].every((node) => mayStartWithParenthesis(ts, file, node))) return [];
  const edits = [
    { start: call.getStart(file), end: generator.body.getStart(file), text: '(async () => ' },
    { start: generator.body.end, end: call.end, text: ')()' },
  ];
  for (const yielded of use.yields) {
    // `yield` binds loosest and `await` tightest: `yield a + b` is `await (a + b)`.
    if (!yielded.expression) {
      edits.push({ start: yielded.getStart(file), end: yielded.end, text: '(await undefined)' });
      continue;
    }
    edits.push({ start: yielded.getStart(file), end: yielded.expression.getStart(file), text: '(await (' });
    edits.push({ start: yielded.end, end: yielded.end, text: '))' });
  }
  return edits;
}

/**
 * `source` with every `__awaiter` call that can be one written as a native async arrow, and how many were.
 * `ts` is the TypeScript compiler's module (its parser reads JavaScript too).
 */
function nativeAsync(source, ts) {
  if (!source.includes('__awaiter')) return { text: source, rewritten: 0 };
  const file = ts.createSourceFile('dependency.js', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const edits = [];
  let rewritten = 0;
  const visit = (node) => {
    if (ts.isCallExpression(node)) {
      const found = editsFor(ts, file, node);
      if (found.length > 0) rewritten++;
      edits.push(...found);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  // From the end, so each edit's positions are still the source's; at one position, what replaces text
  // goes in before what closes a `yield` that ends there (it comes out after it).
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let text = source;
  for (const edit of edits) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return { text, rewritten };
}

/**
 * Rewritten files kept on disk by path, size and time, so a process that loads them again (each bench
 * target, each test run) reads the rewrite and never loads the TypeScript compiler, which would add its
 * own tens of megabytes to the memory the bench measures. The bundle's build fills it.
 */
const CACHE = path.join(__dirname, '..', 'node_modules', '.cache', 'csp-native-async');
const VERSION = createHash('sha1').update(readFileSync(__filename)).digest('hex').slice(0, 12);

/** The text `nativeAsync` makes of the dependency file `file` (whose text is `source`), from the cache when it has it. */
function nativeAsyncFile(file, source) {
  if (!source.includes('__awaiter')) return source;
  const { size, mtimeMs } = statSync(file);
  const key = createHash('sha1').update(`${VERSION}\0${file}\0${size}\0${mtimeMs}`).digest('hex');
  const cached = path.join(CACHE, `${key}.js`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const { text } = nativeAsync(source, require('typescript'));
  try {
    mkdirSync(CACHE, { recursive: true });
    // Written whole under another name first: a process reading it never sees half a file.
    const partial = `${cached}.${process.pid}`;
    writeFileSync(partial, text);
    renameSync(partial, cached);
  } catch {
    // A read-only node_modules: rewrite again next time.
  }
  return text;
}

/** The esbuild plugin: each dependency's file as `nativeAsync` writes it. */
function nativeAsyncPlugin() {
  return {
    name: 'native-async',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/].*\.c?js$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const text = nativeAsyncFile(args.path, source);
        return text === source ? undefined : { contents: text, loader: 'js' };
      });
    },
  };
}

module.exports = { nativeAsync, nativeAsyncFile, nativeAsyncPlugin };
