/** A V8 `.cpuprofile` (what `node --cpu-prof` writes), as far as the summary needs it. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
  /** µs on the process's monotonic clock (`process.hrtime`), when the profile began. */
  startTime?: number;
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

/**
 * Only the samples taken between `fromUs` and `toUs` (the process's monotonic clock, as
 * `process.hrtime.bigint() / 1000n` reads it): the load, without start-up and shutdown.
 */
export function profileWindow(profile: CpuProfile, fromUs: number, toUs: number): CpuProfile {
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let at = profile.startTime ?? 0;
  profile.samples.forEach((nodeId, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= fromUs && at <= toUs) {
      samples.push(nodeId);
      timeDeltas.push(delta);
    }
  });
  return { ...profile, samples, timeDeltas };
}

/** Where a frame's code comes from: a package, a Node.js internal, a folder of ours, or V8 itself. */
export function ownerOf(frame: { functionName: string; url: string }, root: string): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (frame.url.startsWith('node:')) return 'node.js internals';
  const where = shortLocation(frame.url, root);
  if (frame.url.includes('node_modules/')) {
    const parts = where.split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const ours = where.replace(/^dist\//, '').split('/');
  return ours.length > 1 ? `${ours[0]}/` : where;
}

/** Self time grouped by owner (see `ownerOf`), idle time left out: which library the CPU goes to. */
export function selfTimeByOwner(profile: CpuProfile, root: string, count = 12): HotFunction[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const owners = new Map<string, number>();
  let busyUs = 0;
  profile.samples.forEach((nodeId, i) => {
    const frame = byNode.get(nodeId);
    if (!frame || frame.functionName === '(idle)') return;
    const delta = profile.timeDeltas[i] ?? 0;
    busyUs += delta;
    const owner = ownerOf(frame, root);
    owners.set(owner, (owners.get(owner) ?? 0) + delta);
  });
  return [...owners.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, where: '', selfMs: us / 1000, percent: busyUs ? (100 * us) / busyUs : 0 }));
}
