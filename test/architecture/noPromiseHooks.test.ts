import { expect } from 'chai';
import { lineOf, sourceFiles } from '../manifest/sourceFiles';

/**
 * Issue 18: on Node 20, AsyncLocalStorage (and any async hook) turns on promise hooks for every promise
 * of the process once used. For log lines that named their request it cost the Redis enrolment step an
 * eighth of its main thread and 38 KB allocated a turn (bench/README.md, session 30). A request's log
 * fields ride on the objects its code holds instead (bot/observability/requestContext.ts,
 * dialogs/turnLog.ts); this keeps the hooks from coming back unnoticed.
 */
describe('No async hooks in the assistant (issue 18: promise hooks cost every turn)', () => {
  const files = sourceFiles(['bot', 'dialogs', 'cards', 'services', 'i18n']);

  it('imports node:async_hooks nowhere (AsyncLocalStorage, createHook, AsyncResource)', () => {
    const found = files.flatMap(({ file, text }) =>
      [...text.matchAll(/from ['"](?:node:)?async_hooks['"]|require\(['"](?:node:)?async_hooks['"]\)/g)].map(
        (m) => `${file}:${lineOf(text, m.index ?? 0)}`,
      ),
    );
    expect(found).to.deep.equal([]);
  });

  it('reads the sources (so a pass means something)', () => {
    expect(files.some((f) => f.file === 'bot/observability/requestContext.ts')).to.equal(true);
  });
});
