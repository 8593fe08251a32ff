/** Loaded before every test file (.mocharc.json). Tests build their own configuration; nothing reads a .env. */
import { emptyUnitRedis } from './support/drivers/testRedis';

process.env.NODE_ENV = 'test';

if (!process.env.REDIS_URL) {
  process.stdout.write(
    'Note: REDIS_URL is not set, so the tests against Redis are reported as pending (skipped). ' +
      'Run them with REDIS_URL=redis://127.0.0.1:6379 npm test.\n',
  );
}

/** Mocha's root hooks: the unit suites' Redis database starts each run empty (testRedis.ts says why). */
export const mochaHooks = {
  async beforeAll() {
    await emptyUnitRedis();
  },
};
