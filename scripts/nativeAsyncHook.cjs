// `node --require ./scripts/nativeAsyncHook.cjs`: dependencies load with their `__awaiter` calls written as
// native async functions (scripts/nativeAsync.cjs), as the bundle that `npm start` runs holds them, so what
// runs unbundled (the test suite, the bench's assistant) runs the same code. pirates chains onto whatever
// else compiles .js files (tsx's loader in the tests).
const { addHook } = require('pirates');
const { nativeAsyncFile } = require('./nativeAsync.cjs');

const DEPENDENCY = /[\\/]node_modules[\\/]/;
// The compiler itself is what rewrites: it is never rewritten.
const COMPILER = /[\\/]node_modules[\\/]typescript[\\/]/;

addHook((code, file) => nativeAsyncFile(file, code), {
  exts: ['.js', '.cjs'],
  ignoreNodeModules: false,
  matcher: (file) => DEPENDENCY.test(file) && !COMPILER.test(file),
});
