import { ConversationState, MemoryStorage } from 'botbuilder';
import { expect } from 'chai';
import { EnrolmentDialog } from '../../../dialogs/enrolment/enrolmentDialog';
import { ENROLMENT_STEP_DIALOG } from '../../../dialogs/enrolment/enrolmentStepDialog';
import { LEGACY_STEP_COMPONENT, liftLegacyStep } from '../../../dialogs/enrolment/legacyStepStack';
import { ANNA_CHAT, back, enrolmentDeps, play, save, TAILSPIN } from './dialogTable';

/**
 * A reseller who was in the middle of a step when the assistant was upgraded past issue 18's merge of the
 * step's component dialog into the checklist keeps their place: the card they were shown still answers.
 *
 * STORED_MID_STEP is what the assistant stored before the merge (commit edecec5) after `enroll` and the
 * PartnerID step's button: captured from that version's EnrolmentDialog through DialogTestClient on a
 * MemoryStorage, the instance ids and versions as it wrote them.
 */
const STORED_MID_STEP = {
  DialogState: {
    dialogStack: [
      {
        id: 'enrolmentDialog',
        state: {
          dialogs: {
            dialogStack: [
              {
                id: 'enrolmentWaterfall',
                state: { options: {}, values: { instanceId: '7680449a-7678-4dc9-a9b8-da3c7dc6cc86' }, stepIndex: 1 },
              },
              {
                id: 'enrolmentStepDialog',
                state: {
                  dialogs: {
                    dialogStack: [
                      {
                        id: 'enrolmentStepWaterfall',
                        state: {
                          options: { step: 'mpn-id' },
                          values: { instanceId: 'e6d87f86-aa01-4b93-b62c-498a6151dd1a' },
                          stepIndex: 0,
                        },
                      },
                    ],
                  },
                },
                version: '-231151018',
              },
            ],
          },
        },
        version: '1419062023',
      },
    ],
  },
  eTag: '2',
};

const KEY = `msteams/conversations/${ANNA_CHAT.id}/`;
const CHECKLIST = 'Your enrolment as an indirect reseller';

/** A conversation state whose storage holds what the old version stored, and a way to read it back. */
function storedBeforeTheMerge() {
  const memory: Record<string, string> = { [KEY]: JSON.stringify(STORED_MID_STEP) };
  const ids = () => {
    const stored = JSON.parse(memory[KEY]) as typeof STORED_MID_STEP;
    return stored.DialogState.dialogStack[0].state.dialogs.dialogStack.map((instance) => instance.id);
  };
  return { conversationState: new ConversationState(new MemoryStorage(memory)), ids };
}

describe('A checklist stored mid-step before the step dialog was merged (issue 18)', () => {
  it('saves the answer to the card shown before the upgrade and ticks the step off (E2)', async () => {
    const { conversationState, ids } = storedBeforeTheMerge();
    await play(
      new EnrolmentDialog(enrolmentDeps()),
      undefined,
      [{ rule: 'E2', sends: save('mpn-id', TAILSPIN['mpn-id']), shows: [CHECKLIST, '✅ Your PartnerID: done (E2)'] }],
      conversationState,
    );
    expect(ids()).to.deep.equal(['enrolmentWaterfall']);
  });

  it('refuses a malformed PartnerID in the same step, keeping what was typed, one level deep (E2)', async () => {
    const { conversationState, ids } = storedBeforeTheMerge();
    await play(
      new EnrolmentDialog(enrolmentDeps()),
      undefined,
      [
        {
          rule: 'E2',
          sends: save('mpn-id', { mpnId: 'not-a-number' }),
          shows: ['Nothing was saved', 'That is not a valid PartnerID', 'not-a-number'],
        },
      ],
      conversationState,
    );
    expect(ids()).to.deep.equal(['enrolmentWaterfall', ENROLMENT_STEP_DIALOG]);
  });

  it('goes back to the list from the card shown before the upgrade', async () => {
    const { conversationState, ids } = storedBeforeTheMerge();
    await play(
      new EnrolmentDialog(enrolmentDeps()),
      undefined,
      [{ rule: 'back', sends: back, shows: [CHECKLIST, '⬜ Your PartnerID: to do (E2)'] }],
      conversationState,
    );
    expect(ids()).to.deep.equal(['enrolmentWaterfall']);
  });

  it('leaves a stack stored in the new shape, or none, as it is', () => {
    const current = {
      id: 'enrolmentDialog',
      state: {
        dialogs: {
          dialogStack: [
            { id: 'enrolmentWaterfall', state: {} },
            { id: ENROLMENT_STEP_DIALOG, state: {} },
          ],
        },
      },
    };
    const before = JSON.stringify(current);
    expect(liftLegacyStep(current)).to.equal(false);
    expect(JSON.stringify(current)).to.equal(before);
    expect(liftLegacyStep(undefined)).to.equal(false);
    expect(liftLegacyStep({ id: 'enrolmentDialog', state: {} })).to.equal(false);
    // A step stored under the old component's id would be taken for the old level and unwrapped to nothing.
    expect(LEGACY_STEP_COMPONENT).to.not.equal(ENROLMENT_STEP_DIALOG);
  });
});
