import type { PartnerDraft } from '../domain/partner';
import { isPartnerCenterError } from '../partnerCenter/errors';
import type { PartnerCenterGateway } from '../partnerCenter/gateway';
import type { PartnerDirectory } from '../partners/partnerDirectory';
import { isSubmitted, type Violation } from '../rules';
import type { WebmailList } from '../rules/webmail';
import type { AtomicStore } from '../storage/atomicStore';
import type { UnitOfWork } from '../storage/unitOfWork';
import type { ReportedMember } from '../rules/memberDomain';
import { applyAnswer, checkAnswer, checkWhatParsed, SUBMITTED_FIELDS } from './answerEffects';
import { withMemberDomain } from './ownDomains';
import { type Answer, type AnswerStep, type Problem, parseAnswer } from './enrolmentAnswers';
import {
  type AnswerLog,
  type AnswerRecord,
  answerLogKey,
  type EnrolmentProgress,
  newDraft,
  progressOf,
} from './enrolmentProgress';
import { gatewayRefusal, notice, type Refusal, RefusedChange, refusal } from './enrolmentRefusals';
import { readReported } from '../reauthorisation/reauthorisationRecords';

// What the service answers with, so its callers (dialogs, cards, the customer slice's `newDraft`) keep
// one import whichever room of the enrolment defines it.
export type { EnrolmentProgress } from './enrolmentProgress';
export { newDraft } from './enrolmentProgress';
export type { Refusal } from './enrolmentRefusals';

/** Who answers: the platform's identity of the person, never ids from a card payload. */
export interface Enroller {
  tenantId: string;
  userId: string;
  name?: string;
  /** What the platform reports of the person's account, when asked (E7: their domain is the organisation's). */
  member?: ReportedMember;
}

/**
 * `invalid`: fields the schema refused, with what the rules already say of the fields it accepted
 * (a webmail address beside a missing name), so the card shows every reason at once.
 */
export type AnswerResult =
  | { outcome: 'saved'; progress: EnrolmentProgress }
  | { outcome: 'invalid'; problems: Problem[]; violations: Violation[] }
  | Refusal;

export type SubmitResult =
  | { outcome: 'submitted'; primaryContactEmail: string; progress: EnrolmentProgress }
  | { outcome: 'complete-in-portal'; url: string }
  | Refusal;

export interface EnrolmentServiceDeps {
  partners: PartnerDirectory;
  partnerCenter: PartnerCenterGateway;
  webmail: WebmailList;
  records: AtomicStore;
  now?: () => Date;
}

/**
 * A reseller organisation's enrolment (E1–E7, M1–M5): its PartnerDraft, keyed by the Teams tenant, is
 * filled one validated answer at a time, each checked by the rules and saved atomically so colleagues
 * answering at the same time never overwrite each other; then submitted through the gateway.
 */
export class EnrolmentService {
  private readonly now: () => Date;

  constructor(private readonly deps: EnrolmentServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async progress(tenantId: string): Promise<EnrolmentProgress> {
    const draftRecord = await this.deps.partners.read(tenantId);
    const draft = draftRecord?.value ?? newDraft(tenantId);
    const answers = await this.answersOf(tenantId, draftRecord?.value);
    const progress = await this.withReported(progressOf(draft, answers, this.deps.webmail));
    // Set on the progress just made, not spread into a copy: a copy would work out its readiness now.
    progress.seen = { draft: { value: draftRecord?.value, version: draftRecord?.version } };
    return progress;
  }

  /**
   * Who answered what: the draft's own `answeredBy`. A draft saved before it moved there has it in a
   * record of its own, read here until the draft's next save moves it in (one read a turn fewer, issue 18).
   * No draft, no answers: every save writes the draft.
   */
  private async answersOf(tenantId: string, draft: PartnerDraft | undefined): Promise<AnswerLog['answers']> {
    if (!draft) return {};
    if (draft.answeredBy) return draft.answeredBy;
    return (await this.deps.records.read<AnswerLog>(answerLogKey(tenantId)))?.value.answers ?? {};
  }

  /** `answers` with `step` answered now by `who`, as the draft keeps them. */
  private answered(answers: AnswerLog['answers'], step: AnswerStep | 'submit', who: Enroller) {
    return { ...answers, [step]: this.answerRecord(who) };
  }

  /** The record of its own an older draft's answers were in, once they are in the draft (best effort). */
  private async forgetOldLog(tenantId: string, hadOwnRecord: boolean): Promise<void> {
    if (hadOwnRecord) await this.deps.records.remove(answerLogKey(tenantId)).catch(() => false);
  }

  /**
   * A1: the checklist shows the yearly items the reseller reported once it is enrolled, and only then:
   * before that their record is not read (a store read saved on every checklist turn, issue 18).
   * `progress` is one `progressOf` just made, given its yearly items in place (see `progressOf`).
   */
  private async withReported(progress: EnrolmentProgress, known?: EnrolmentProgress): Promise<EnrolmentProgress> {
    if (!progress.submitted && !progress.alreadyEnrolledDone) return progress;
    progress.reauthorisation = known?.reauthorisation ?? (await readReported(this.deps.records, progress.tenantId));
    return progress;
  }

  /**
   * Validates a raw card submission for `step`, checks it by the rules, and saves it when allowed.
   * `seen`: the progress this turn already read, whose records the save starts from instead of reading
   * them again (each write is still a compare-and-set at the version read; a conflict reads afresh).
   * `unit`: the turn's unit of work, where the draft is staged to land with the turn's commit (a draft from
   * before `answeredBy`, whose old record this save removes, is saved at once: that removal cannot wait).
   */
  async answer(
    who: Enroller,
    step: AnswerStep,
    raw: unknown,
    seen?: EnrolmentProgress,
    unit?: UnitOfWork,
  ): Promise<AnswerResult> {
    const parsed = parseAnswer(step, raw);
    const records = seen?.tenantId === who.tenantId ? seen.seen : undefined;
    if (!parsed.ok) {
      const draft = records
        ? (records.draft.value ?? newDraft(who.tenantId))
        : ((await this.deps.partners.get(who.tenantId)) ?? newDraft(who.tenantId));
      return {
        outcome: 'invalid',
        problems: parsed.problems,
        violations: checkWhatParsed(step, raw, draft, this.deps.webmail),
      };
    }

    let mpnProfile: PartnerDraft['mpnProfile'];
    let partnerName: string | undefined;
    if (step === 'mpn-id' || step === 'already-enrolled') {
      // E3 (and E7): the PartnerID is looked up at Partner Center, which names its profile's country.
      const looked = await this.lookUpMpn(who.tenantId, (parsed.answer as Answer<'mpn-id' | 'already-enrolled'>).mpnId);
      if ('outcome' in looked) return looked;
      mpnProfile = { country: looked.country, active: looked.active };
      partnerName = looked.partnerName;
    }

    // An older draft's answers, still in their own record: read before the save that moves them in.
    const known = records ? records.draft.value : await this.deps.partners.get(who.tenantId);
    const older = known && !known.answeredBy ? await this.answersOf(who.tenantId, known) : undefined;
    try {
      const draft = await this.deps.partners.update(
        who.tenantId,
        (current) => {
          const base = current ?? newDraft(who.tenantId);
          if (SUBMITTED_FIELDS.has(step) && isSubmitted(base.status)) {
            throw new RefusedChange(notice('enrolment:refusal.already-submitted'));
          }
          // E7: the answering member's own domain, kept with the answer in the same write.
          const next = withMemberDomain(
            applyAnswer(base, step, parsed.answer, mpnProfile, partnerName),
            who.member,
            this.deps.webmail,
          );
          const decision = checkAnswer(step, next, parsed.answer, this.deps.webmail);
          if (!decision.allowed) throw new RefusedChange(refusal(decision));
          return { ...next, answeredBy: this.answered(base.answeredBy ?? older ?? {}, step, who) };
        },
        records?.draft,
        older === undefined ? unit : undefined,
      );
      await this.forgetOldLog(who.tenantId, older !== undefined);
      const saved = progressOf(draft ?? newDraft(who.tenantId), draft?.answeredBy ?? {}, this.deps.webmail);
      return { outcome: 'saved', progress: await this.withReported(saved, records && seen) };
    } catch (error) {
      if (error instanceof RefusedChange) return error.refusal;
      throw error;
    }
  }

  /** E5: hands the gathered enrolment to Partner Center once the rules allow it. */
  async submit(who: Enroller): Promise<SubmitResult> {
    const before = await this.progress(who.tenantId);
    if (!before.canSubmit) {
      const blocking = before.readiness.decision;
      return before.submitted ? notice('enrolment:refusal.already-submitted') : refusal(blocking);
    }
    const { draft } = before;
    let outcome: Awaited<ReturnType<ReturnType<PartnerCenterGateway['as']>['submitEnrolment']>>;
    try {
      outcome = await this.deps.partnerCenter.as(who.tenantId).submitEnrolment({
        mpnId: draft.mpnId as string,
        legalName: draft.legalName as string,
        country: (draft.country ?? draft.address?.country) as string,
        primaryContactEmail: draft.primaryContact?.email as string,
      });
    } catch (error) {
      return gatewayRefusal(error);
    }
    if (outcome.kind === 'complete-in-portal') return { outcome: 'complete-in-portal', url: outcome.url };

    const { profile } = outcome;
    const older = draft.answeredBy ? undefined : before.answers;
    const saved = await this.deps.partners.update(who.tenantId, (current) => {
      const base = current ?? draft;
      return {
        ...base,
        status: {
          ...base.status,
          enrolment: 'submitted',
          verification: profile.vettingStatus,
          verificationSubStatus: profile.vettingSubStatus,
          onboardedInPartnerCenter: true,
          accountType: 'partner-center',
        },
        answeredBy: this.answered(base.answeredBy ?? older ?? {}, 'submit', who),
      };
    });
    await this.forgetOldLog(who.tenantId, older !== undefined);
    return {
      outcome: 'submitted',
      primaryContactEmail: draft.primaryContact?.email as string,
      progress: progressOf(saved ?? draft, saved?.answeredBy ?? {}, this.deps.webmail),
    };
  }

  private async lookUpMpn(
    tenantId: string,
    mpnId: string,
  ): Promise<(NonNullable<PartnerDraft['mpnProfile']> & { partnerName?: string }) | Refusal> {
    try {
      const profile = await this.deps.partnerCenter.as(tenantId).getMpnProfile(mpnId);
      if (!profile.country) return notice('enrolment:refusal.mpn-country-unknown', { mpnId });
      // Partner Center answers only for a live profile: one that is found is active.
      return { country: profile.country.toUpperCase(), active: true, partnerName: profile.partnerName || undefined };
    } catch (error) {
      if (isPartnerCenterError(error) && error.code === 'not-found') {
        return notice('enrolment:refusal.mpn-not-found', { mpnId });
      }
      return gatewayRefusal(error);
    }
  }

  private answerRecord(who: Enroller): AnswerRecord {
    return { by: who.userId, name: who.name, at: this.now().toISOString() };
  }
}
