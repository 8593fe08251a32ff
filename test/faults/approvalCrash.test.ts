import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { expect } from 'chai';
import { customersFeature } from '../../bot/features/customers';
import { partnershipsFeature } from '../../bot/features/partnerships';
import type { CustomerRequest } from '../../services/customers';
import { initialDomainPrefix } from '../../services/domain/customerDomain';
import { openStore } from '../../services/storage/openStore';
import { loadConfig } from '../../bot/config';
import { APPROVER, CustomerWorld, CHANNEL, newDomain } from '../support/drivers/customerWorld';
import { TEST_SIGNING_SECRET } from '../support/drivers/slackRequests';
import { REDIS_URL, requireRedis, startTestAssistant } from '../support/drivers/testAssistant';

const ROOT = path.resolve(__dirname, '../..');
const FAULTS_REDIS_DB = Number(process.env.TEST_JOURNEY_REDIS_DB ?? 11);
const BACKENDS = [
  { name: 'SQLite', env: {} as Record<string, string>, needsRedis: false },
  { name: 'Redis', env: { REDIS_URL: `${REDIS_URL ?? ''}/${FAULTS_REDIS_DB}` }, needsRedis: true },
];
const MOMENTS = [
  { moment: 'approve:after-claim', what: 'after the approval is recorded, before Partner Center is called' },
  {
    moment: 'approve:after-customer-created',
    what: 'after Partner Center created the customer, before it is recorded',
  },
];
/** Past the lease of the instance that approved (two minutes): the restarted one may take over at once. */
const pastTheLease = () => new Date(Date.now() + 3 * 60_000);

/** `npm start` in a process of its own, killed by the test-only hook at `moment`; resolves with its url once ready. */
function approvingProcess(env: Record<string, string>, moment: string) {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', 'bot/index.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', TEST_ONLY_CRASH_AT: moment, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const ready = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const url = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"CSP Partner Assistant ready"/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.on('exit', () => reject(new Error(`the approving process ended before it was ready: ${out}`)));
  });
  return { ready, exited };
}

/**
 * The assistant of `world` is closed and started again in a process of its own that the test-only hook
 * kills at `moment` once `requestId`'s Approve is clicked; resolves with the data directory left.
 */
async function clickAndCrash(world: CustomerWorld, env: Record<string, string>, requestId: string, moment: string) {
  const { dataDir } = world.assistant;
  await world.assistant.close();
  world.assistants = [];
  const approving = approvingProcess(
    {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_API_URL: world.slackApi.url,
      ...env,
    },
    moment,
  );
  const url = await approving.ready;
  // The click is acknowledged before the work, so its answer may or may not outlive the process.
  await world.slack
    .buttonClick('customers.approve', requestId, APPROVER, { from: 'message', messageTs: '100.1', url })
    .response.catch(() => undefined);
  expect(await approving.exited).to.equal('SIGKILL');
  return dataDir;
}

/** The assistant started again on the crashed one's data, its clock past every lease: its recovery pass runs at once. */
async function restartPastTheLease(world: CustomerWorld, env: Record<string, string>, dataDir: string) {
  world.assistants.push(
    await startTestAssistant({
      slackApiUrl: world.slackApi.url,
      dataDir,
      env: { OUTBOX_POLL_MS: '50', ...env },
      features: [partnershipsFeature(), customersFeature],
      clock: pastTheLease,
    }),
  );
}

for (const backend of BACKENDS) {
  describe(`Faults: a crash between an approval and Partner Center, on ${backend.name} (issue 13 point 4, C3)`, function () {
    this.timeout(60_000);

    for (const { moment, what } of MOMENTS) {
      it(`finishes the approval after a restart when the process is killed ${what}`, async function () {
        if (backend.needsRedis) requireRedis(this);
        const world = new CustomerWorld({ team: `T0CRASH${randomUUID().slice(0, 8).toUpperCase()}`, env: backend.env });
        await world.start();
        try {
          const domain = newDomain();
          const requestId = await world.submittedRequest(domain);
          await world.approvalPost(requestId);
          const dataDir = await clickAndCrash(world, backend.env, requestId, moment);

          // The store as the assistant opens it from the same settings (its Redis key prefix included).
          const store = openStore(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ...backend.env }).store);
          const left = (await store.records.read<CustomerRequest>(`customers:request:${requestId}`))?.value;
          await store.close();
          expect(left?.state, 'decided once, and it stays decided').to.equal('approved');
          expect(left?.intent?.requestIds, 'the intent, with the MS-RequestIds').to.have.length(3);
          expect(left?.result).to.equal(undefined);

          const ephemerals = world.slackApi.callsOf('chat.postEphemeral').length;
          await restartPastTheLease(world, backend.env, dataDir);
          await world.slackApi.waitFor('chat.postEphemeral', ephemerals + 1);
          const told = world.slackApi.callsOf('chat.postEphemeral').slice(ephemerals);
          expect(told.map((c) => [c.args.user, c.args.channel])).to.deep.equal([[APPROVER, CHANNEL]]);
          const text = String(told[0].args.text);
          expect(text).to.include('has now been carried out in Partner Center');
          // Created by the resumed call: its answer has the password. Created before the crash: it is lost.
          if (moment === 'approve:after-claim') expect(text).to.include('Only you see this, once');
          else expect(text).to.include('Reset password').and.not.include('Only you see this, once');

          const records = world.assistant.store.records;
          const done = (await records.read<CustomerRequest>(`customers:request:${requestId}`))?.value;
          expect(done?.result?.subscriptionIds).to.have.length(2);
          expect(done?.intent).to.equal(undefined);
          const prefix = initialDomainPrefix(domain);
          const customers = (await records.list<{ domain: string; tenantId: string }>('pc:customer:')).filter((c) =>
            c.value.domain.startsWith(`${prefix}.`),
          );
          expect(customers, 'one customer, whoever created it').to.have.length(1);
          const subscriptions = await records.list(`pc:sub:${customers[0].value.tenantId}:`);
          expect(subscriptions, 'each subscription once').to.have.length(2);
          const password = /temporary password (\S+?)\./.exec(text)?.[1];
          if (password) {
            const everything = JSON.stringify(await records.list(''));
            expect(everything, 'the password is never stored (C3)').to.not.include(password);
          }
          await world.eventually(
            async () => world.connector.texts().some((t) => t.includes('approved your request')),
            'the reseller is told',
          );
        } finally {
          await world.stop();
        }
      });
    }

    it('carries out an Approve that was acked but still waiting its turn when the process was killed, and tells the rep who clicked (issue 18, C3)', async function () {
      if (backend.needsRedis) requireRedis(this);
      const world = new CustomerWorld({ team: `T0QUEUE${randomUUID().slice(0, 8).toUpperCase()}`, env: backend.env });
      await world.start();
      try {
        const requestId = await world.submittedRequest(newDomain());
        await world.approvalPost(requestId);
        const dataDir = await clickAndCrash(world, backend.env, requestId, 'approve:after-ack');

        const store = openStore(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ...backend.env }).store);
        const left = (await store.records.read<CustomerRequest>(`customers:request:${requestId}`))?.value;
        const accepted = await store.records.indexRange('customers:approvals-accepted', { limit: 10 });
        await store.close();
        expect(left?.state, 'the approval had not started').to.equal('pending');
        expect(
          accepted.map((entry) => JSON.parse(entry.member)[0]),
          'the click was recorded before its ack',
        ).to.include(requestId);

        const ephemerals = world.slackApi.callsOf('chat.postEphemeral').length;
        await restartPastTheLease(world, backend.env, dataDir);
        await world.slackApi.waitFor('chat.postEphemeral', ephemerals + 1);
        const told = world.slackApi.callsOf('chat.postEphemeral').slice(ephemerals);
        expect(told.map((c) => [c.args.user, c.args.channel])).to.deep.equal([[APPROVER, CHANNEL]]);
        expect(String(told[0].args.text)).to.include('Only you see this, once');
        const done = (await world.assistant.store.records.read<CustomerRequest>(`customers:request:${requestId}`))
          ?.value;
        expect(done?.state).to.equal('approved');
        expect(done?.decision?.by.userId, 'decided as the rep who clicked').to.equal(APPROVER);
        expect(done?.result?.subscriptionIds).to.have.length(2);
        await world.eventually(
          async () =>
            (await world.assistant.store.records.indexRange('customers:approvals-accepted', { limit: 10 })).every(
              (entry) => JSON.parse(entry.member)[0] !== requestId,
            ),
          'the click is no longer waiting',
        );
        await world.eventually(
          async () => world.connector.texts().some((t) => t.includes('approved your request')),
          'the reseller is told',
        );
      } finally {
        await world.stop();
      }
    });
  });
}
