import { existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ROOT, sourceFiles } from '../manifest/sourceFiles';

/**
 * The project's own import graph, read with TypeScript's pre-processor (which finds `import`,
 * `export ... from` and `import()` without type-checking). Hand-written over a few lines rather than
 * adding dependency-cruiser: the check needs only relative imports between project folders.
 */

/** The folders that stack, each above the ones after it (issue 14: bot → dialogs → cards → services). */
export const LAYERS = ['bot', 'dialogs', 'cards', 'services'] as const;
/** Shared beneath every layer: the catalogs and their readers, which import no project folder. */
export const FOUNDATION = ['i18n'] as const;

export type ImportGraph = Map<string, string[]>;

/** Every source file of the given folders, with the project files it imports (paths from the root). */
export function importGraph(folders: readonly string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const { file, text } of sourceFiles([...folders])) {
    const targets = ts
      .preProcessFile(text, true, true)
      .importedFiles.map((ref) => ref.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(file, name));
    graph.set(file, targets);
  }
  return graph;
}

function resolve(from: string, specifier: string): string {
  const base = path.join(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') || candidate.endsWith('.json')) {
      if (existsSync(path.join(ROOT, candidate))) return candidate;
    }
  }
  return base;
}

const folderOf = (file: string) => file.split(path.sep)[0];

/** Rank of a file's folder: higher stacks above lower; the foundation is below every layer. */
function rankOf(file: string): number | undefined {
  const folder = folderOf(file);
  const layer = (LAYERS as readonly string[]).indexOf(folder);
  if (layer >= 0) return LAYERS.length - layer;
  return (FOUNDATION as readonly string[]).includes(folder) ? 0 : undefined;
}

/** `from → to` for each import into the same rank's other folder or a higher one, or outside the stack. */
export function importsRunningUp(graph: ImportGraph): string[] {
  const found: string[] = [];
  for (const [from, targets] of graph) {
    const own = rankOf(from);
    for (const to of targets) {
      if (folderOf(to) === folderOf(from)) continue;
      const theirs = rankOf(to);
      if (own === undefined || theirs === undefined || theirs >= own) found.push(`${from} → ${to}`);
    }
  }
  return found;
}

/** Every import loop, as the files in it (Tarjan's strongly connected components larger than one file). */
export function importLoops(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  let next = 0;
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const to of graph.get(file) ?? []) {
      if (!graph.has(to)) continue;
      if (!index.has(to)) {
        visit(to);
        low.set(file, Math.min(low.get(file) as number, low.get(to) as number));
      } else if (onStack.has(to)) {
        low.set(file, Math.min(low.get(file) as number, index.get(to) as number));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      const selfImport = (graph.get(file) ?? []).includes(file);
      if (component.length > 1 || selfImport) loops.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return loops;
}
