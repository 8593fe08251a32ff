import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import yaml from 'js-yaml';
import { ENDPOINTS } from '../../bot/httpServer';

/**
 * No container daemon or registry is reachable where the tests run, so the image is never built here.
 * What can be checked is that its recipe agrees with the project: the start command, the paths it copies,
 * the variables it sets (issue 17, "Deploying it").
 */
const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Instruction {
  stage: number;
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped, numbered by stage. */
function dockerfile(): Instruction[] {
  const joined = read('Dockerfile')
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  let stage = -1;
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      if (keyword.toUpperCase() === 'FROM') stage += 1;
      return { stage, keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

const envExampleNames = () =>
  new Set(
    read('.env.example')
      .split('\n')
      .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
      .filter((name): name is string => Boolean(name)),
  );

describe('Deploying it: the container recipe agrees with the project (issue 17)', () => {
  const instructions = dockerfile();
  const finalStage = Math.max(...instructions.map((i) => i.stage));
  const runtime = instructions.filter((i) => i.stage === finalStage);
  const packageJson = JSON.parse(read('package.json')) as {
    main: string;
    scripts: Record<string, string>;
    engines: { node: string };
  };

  it('starts the image the way package.json starts the built assistant', () => {
    const cmd = JSON.parse(runtime.find((i) => i.keyword === 'CMD')!.args) as string[];
    expect(cmd.join(' ')).to.equal(packageJson.scripts['start:dist']);
    expect(cmd[1]).to.equal(packageJson.main);
    // npm start runs the same file after its stale check (scripts/start.mjs).
    expect(packageJson.scripts.start).to.equal('node scripts/start.mjs');
    expect(read('scripts/start.mjs')).to.include(`import('../${packageJson.main}')`);
  });

  it('builds on the Node major version package.json asks for, in two stages', () => {
    const bases = instructions.filter((i) => i.keyword === 'FROM').map((i) => i.args);
    expect(bases).to.have.length(2);
    const wanted = /(\d+)/.exec(packageJson.engines.node)![1];
    for (const base of bases) expect(base).to.match(new RegExp(`^node:${wanted}\\b`));
  });

  it('copies only paths that exist, every compiled folder, and what the assistant reads at run time', () => {
    const copies = instructions.filter((i) => i.keyword === 'COPY' && !i.args.includes('--from='));
    for (const copy of copies) {
      const sources = copy.args
        .split(/\s+/)
        .filter((a) => !a.startsWith('--'))
        .slice(0, -1);
      for (const source of sources) expect(existsSync(path.join(ROOT, source)), source).to.equal(true);
    }
    const copied = copies.map((c) => c.args.split(/\s+/)[0]);
    const compiled = (JSON.parse(read('tsconfig.build.json')) as { include: string[] }).include;
    expect(copied).to.include.members(compiled);
    // cards/renderCard.ts and i18n/i18n.ts read these beside package.json (i18n/projectRoot.ts).
    const atRuntime = runtime.filter((i) => i.keyword === 'COPY').map((i) => i.args.split(/\s+/)[0]);
    expect(atRuntime).to.include.members(['package.json', 'cards/teams', 'i18n/locales']);
  });

  it('runs as a non-root user, with a health check on an endpoint the server answers', () => {
    const user = runtime.find((i) => i.keyword === 'USER')?.args;
    expect(user)
      .to.be.a('string')
      .and.not.match(/^(root|0)$/);
    const check = runtime.find((i) => i.keyword === 'HEALTHCHECK')!.args;
    expect(check).to.include('/healthz');
    expect(ENDPOINTS.map((e) => e.path)).to.include('/healthz');
  });

  it('sets only variables the assistant reads (.env.example), and exposes its default port', () => {
    const known = envExampleNames();
    const envLine = runtime.find((i) => i.keyword === 'ENV')!.args;
    const set = Object.fromEntries([...envLine.matchAll(/([A-Z_]+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    for (const name of Object.keys(set)) expect(known, name).to.include(name);
    expect(runtime.find((i) => i.keyword === 'EXPOSE')?.args).to.equal(set.PORT);
    expect(/^PORT=(\d+)/m.exec(read('.env.example'))?.[1]).to.equal(set.PORT);
  });

  it('runs two instances on one Redis in compose.yaml, with variables the assistant reads', () => {
    const compose = yaml.load(read('compose.yaml')) as {
      services: Record<string, { environment?: Record<string, string>; build?: string; image?: string }>;
    };
    const assistants = Object.entries(compose.services).filter(([, s]) => s.build === '.');
    expect(assistants).to.have.length(2);
    expect(compose.services.redis.image).to.match(/^redis:/);
    const known = envExampleNames();
    for (const [, service] of assistants) {
      expect(service.environment?.REDIS_URL).to.equal('redis://redis:6379');
      for (const name of Object.keys(service.environment ?? {})) expect(known, name).to.include(name);
    }
  });
});
