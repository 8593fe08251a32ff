/** A V8 `.cpuprofile` (what `node --cpu-prof` writes), as far as the summary needs it. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  name: string;
  where: string;
  selfMs: number;
  /** Share of the busy (non-idle) time. */
  percent: number;
}

/** Where a script lives, shortened: `pkg/file.js` inside node_modules, else the path under the project. */
export function shortLocation(url: string, root: string): string {
  const file = url.replace(/^file:\/\//, '');
  const inModules = file.lastIndexOf('node_modules/');
  if (inModules >= 0) return file.slice(inModules + 'node_modules/'.length);
  if (file.startsWith(`${root}/`)) return file.slice(root.length + 1);
  return file || '(native)';
}

/** Functions by self time (the time a sample landed in the function itself), idle time left out. */
export function topBySelfTime(profile: CpuProfile, root: string, count = 12): { busyMs: number; top: HotFunction[] } {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const selfUs = new Map<string, { name: string; where: string; us: number }>();
  let busyUs = 0;
  profile.samples.forEach((nodeId, i) => {
    const frame = byNode.get(nodeId);
    const delta = profile.timeDeltas[i] ?? 0;
    if (!frame || frame.functionName === '(idle)') return;
    busyUs += delta;
    const name = frame.functionName || '(anonymous)';
    const where = frame.url ? `${shortLocation(frame.url, root)}:${frame.lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = selfUs.get(key) ?? { name, where, us: 0 };
    entry.us += delta;
    selfUs.set(key, entry);
  });
  const top = [...selfUs.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, count)
    .map((e) => ({ name: e.name, where: e.where, selfMs: e.us / 1000, percent: busyUs ? (100 * e.us) / busyUs : 0 }));
  return { busyMs: busyUs / 1000, top };
}
