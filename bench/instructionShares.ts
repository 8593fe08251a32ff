/**
 * Where a count of instructions went, by who spent them, read from `callgrind_annotate --inclusive=no`'s
 * function list (each function's own instructions). The shares a reader of issue 18 asks about: V8's
 * garbage collector, V8's compilers (a warm turn should hardly compile; what it still does is code getting
 * hot late), node-sqlite3 (SQLite itself and its binding, one shared object) and the rest: the turn's
 * JavaScript, V8's runtime and builtins it calls, Node and libc.
 */
export const SHARES = ['collector', 'compiler', 'sqlite', 'rest'] as const;
export type Share = (typeof SHARES)[number];

/** V8's functions by their C++ names; anything JIT-compiled has no name and is the turn's own code. */
const COLLECTOR = /Scaveng|Marking|MarkCompact|Sweeper|Evacuat|Compactor|RememberedSet|GCTracer|heap::base::/;
const COMPILER =
  /v8::internal::compiler::|v8::internal::maglev::|Baseline(Compiler|Batch)|v8::internal::(Parser|PreParser|Scanner|AstValueFactory)|v8::internal::interpreter::|Deoptimizer/;
const SQLITE_OBJECT = /\[[^\]]*node_sqlite3\.node\]\s*$/;

export function shareOf(functionLine: string): Share {
  if (SQLITE_OBJECT.test(functionLine)) return 'sqlite';
  if (COLLECTOR.test(functionLine)) return 'collector';
  if (COMPILER.test(functionLine)) return 'compiler';
  return 'rest';
}

/** A line of the annotated function list: `  1,234,567 ( 1.23%)  file:function [object]`. */
const FUNCTION_LINE = /^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.+)$/;

/** The instructions of each share in `callgrind_annotate`'s output (its totals line left out). */
export function sharesOf(annotated: string): Record<Share, number> {
  const shares: Record<Share, number> = { collector: 0, compiler: 0, sqlite: 0, rest: 0 };
  for (const line of annotated.split('\n')) {
    const match = FUNCTION_LINE.exec(line);
    if (!match || match[2].includes('PROGRAM TOTALS')) continue;
    shares[shareOf(match[2])] += Number(match[1].replaceAll(',', ''));
  }
  return shares;
}
