import type { PartnerDraft } from '../domain/partner';
import { isPartnerCenterError } from '../partnerCenter/errors';
import type { PartnerCenterGateway } from '../partnerCenter/gateway';
import type { PartnerDirectory } from '../partners/partnerDirectory';
import {
  checkLegalBusinessProfile,
  checkMpnCountry,
  checkPrimaryContact,
  checkSupportContact,
  checkWorkAccount,
  combine,
  type Decision,
  type EnrolmentReadiness,
  enrolmentReadiness,
  isAccountReady,
  isSubmitted,
  type Violation,
  type WayForward,
} from '../rules';
import type { WebmailList } from '../rules/webmail';
import { type AtomicStore, updateRecord } from '../storage/atomicStore';
import {
  type Answer,
  type AnswerStep,
  countryAnswer,
  emailAnswer,
  type Problem,
  parseAnswer,
} from './enrolmentAnswers';

/** Who answers: the platform's identity of the person, never ids from a card payload. */
export interface Enroller {
  tenantId: string;
  userId: string;
  name?: string;
}

export interface AnswerRecord {
  by: string;
  name?: string;
  at: string;
}

/** Who answered which step and when, per reseller organisation (`enrolment:progress:<tenant>`). */
export interface AnswerLog {
  answers: Partial<Record<AnswerStep | 'submit', AnswerRecord>>;
}

/**
 * The MPA as a line of the progress list (M1–M5): signed (Partner Center says so), reported (the
 * reseller ticked it, Partner Center does not show it yet), to sign, or not yet possible.
 */
export type MpaStepStatus = 'done' | 'reported' | 'missing' | 'waiting';

function mpaStepStatus(status: PartnerDraft['status']): MpaStepStatus {
  if (status.mpaSigned) return 'done';
  if (status.mpaReportedSigned) return 'reported';
  return isAccountReady(status) ? 'missing' : 'waiting';
}

export interface EnrolmentProgress {
  tenantId: string;
  draft: PartnerDraft;
  readiness: EnrolmentReadiness;
  mpa: MpaStepStatus;
  answers: AnswerLog['answers'];
  /** Everything E2 asks for is gathered and valid, and nothing was submitted yet. */
  canSubmit: boolean;
  submitted: boolean;
  /** E7: an already-enrolled CSP partner whose support details are in. */
  alreadyEnrolledDone: boolean;
}

/** A reason to show: a rule's violation (`rules:violation.<code>`) or a notice of the service's own. */
export interface Refusal {
  outcome: 'refused';
  violations: Violation[];
  options: WayForward[];
  notices: Array<{ key: string; params?: Record<string, string> }>;
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

/** Raised inside an atomic update to abandon it without writing. */
class RefusedChange extends Error {
  constructor(readonly refusal: Refusal) {
    super('refused');
  }
}

const refusal = (decision: Pick<Decision, 'violations' | 'options'>, notices: Refusal['notices'] = []): Refusal => ({
  outcome: 'refused',
  violations: decision.violations,
  options: decision.options,
  notices,
});
const notice = (key: string, params?: Record<string, string>): Refusal =>
  refusal({ violations: [], options: [] }, [{ key, params }]);

/** Steps whose answers go to Microsoft with the enrolment: frozen once it is submitted. */
const SUBMITTED_FIELDS: ReadonlySet<AnswerStep> = new Set([
  'work-account',
  'mpn-id',
  'legal-business-profile',
  'primary-contact',
  'already-enrolled',
]);

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
    const draft = (await this.deps.partners.get(tenantId)) ?? newDraft(tenantId);
    const log = (await this.deps.records.read<AnswerLog>(logKey(tenantId)))?.value;
    return this.progressOf(draft, log?.answers ?? {});
  }

  /** Validates a raw card submission for `step`, checks it by the rules, and saves it when allowed. */
  async answer(who: Enroller, step: AnswerStep, raw: unknown): Promise<AnswerResult> {
    const parsed = parseAnswer(step, raw);
    if (!parsed.ok) {
      const draft = (await this.deps.partners.get(who.tenantId)) ?? newDraft(who.tenantId);
      return { outcome: 'invalid', problems: parsed.problems, violations: this.checkWhatParsed(step, raw, draft) };
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

    try {
      const draft = await this.deps.partners.update(who.tenantId, (current) => {
        const base = current ?? newDraft(who.tenantId);
        if (SUBMITTED_FIELDS.has(step) && isSubmitted(base.status)) {
          throw new RefusedChange(notice('enrolment:refusal.already-submitted'));
        }
        const next = this.apply(base, step, parsed.answer, mpnProfile, partnerName);
        const decision = this.check(step, next, parsed.answer);
        if (!decision.allowed) throw new RefusedChange(refusal(decision));
        return next;
      });
      const log = await updateRecord<AnswerLog>(this.deps.records, logKey(who.tenantId), (current) => ({
        answers: { ...current?.answers, [step]: this.answerRecord(who) },
      }));
      return {
        outcome: 'saved',
        progress: this.progressOf(draft ?? newDraft(who.tenantId), log.value?.answers ?? {}),
      };
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
      return this.gatewayRefusal(error);
    }
    if (outcome.kind === 'complete-in-portal') return { outcome: 'complete-in-portal', url: outcome.url };

    const { profile } = outcome;
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
      };
    });
    const log = await updateRecord<AnswerLog>(this.deps.records, logKey(who.tenantId), (current) => ({
      answers: { ...current?.answers, submit: this.answerRecord(who) },
    }));
    return {
      outcome: 'submitted',
      primaryContactEmail: draft.primaryContact?.email as string,
      progress: this.progressOf(saved ?? draft, log.value?.answers ?? {}),
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
      return this.gatewayRefusal(error);
    }
  }

  private gatewayRefusal(error: unknown): Refusal {
    if (!isPartnerCenterError(error)) throw error;
    if (error.code === 'conflict') return notice('enrolment:refusal.gateway-conflict');
    if (error.code === 'not-found') return notice('enrolment:refusal.gateway-not-found');
    if (error.code === 'invalid-input') return notice('enrolment:refusal.gateway-refused');
    return notice('enrolment:refusal.gateway-unavailable');
  }

  private apply(
    draft: PartnerDraft,
    step: AnswerStep,
    answer: Answer<AnswerStep>,
    mpnProfile: PartnerDraft['mpnProfile'],
    partnerName?: string,
  ): PartnerDraft {
    const status = {
      ...draft.status,
      enrolment: draft.status.enrolment === 'not-started' ? ('in-progress' as const) : draft.status.enrolment,
    };
    switch (step) {
      case 'work-account': {
        const a = answer as Answer<'work-account'>;
        return { ...draft, status: { ...status, globalAdminConfirmed: a.hasWorkAccount && a.globalAdmin } };
      }
      case 'mpn-id':
        return { ...draft, status, mpnId: (answer as Answer<'mpn-id'>).mpnId, mpnProfile };
      case 'legal-business-profile': {
        const a = answer as Answer<'legal-business-profile'>;
        return { ...draft, status, legalName: a.legalName, country: a.country, address: a.address };
      }
      case 'primary-contact':
        return { ...draft, status, primaryContact: answer as Answer<'primary-contact'> };
      case 'support-contact':
        return { ...draft, status, supportContact: answer as Answer<'support-contact'> };
      case 'already-enrolled': {
        // E7: what the reseller told us; Partner Center confirms it when a distributor asks (API1).
        const a = answer as Answer<'already-enrolled'>;
        return {
          ...draft,
          status: { ...status, cspEnrolled: true },
          // The name Partner Center holds for the PartnerID, so both sides see who it is.
          legalName: draft.legalName ?? partnerName,
          mpnId: a.mpnId,
          mpnProfile,
          country: a.country,
          supportContact: a.supportContact,
        };
      }
      case 'admin-agent':
        return { ...draft, status: { ...status, adminAgentAssigned: (answer as Answer<'admin-agent'>).adminAgent } };
      case 'mpa':
        // M4: the tick is what the reseller told us; `mpaSigned` is Partner Center's word alone (the watcher's).
        return { ...draft, status: { ...status, mpaReportedSigned: (answer as Answer<'mpa'>).mpaSigned } };
    }
  }

  /** The rules that decide whether this step's answer may be kept, applied to the draft it would make. */
  private check(step: AnswerStep, next: PartnerDraft, answer: Answer<AnswerStep>): Decision {
    switch (step) {
      case 'work-account': {
        // E2.1: with no work account, the rule's own guidance (create one during enrolment) applies;
        // with one but no Global admin, the Global admin is what is missing.
        const { hasWorkAccount } = answer as Answer<'work-account'>;
        return checkWorkAccount({ tenantId: hasWorkAccount ? next.tenantId : undefined, status: next.status });
      }
      case 'mpn-id':
        return checkMpnCountry(next);
      case 'legal-business-profile':
        return combine(checkLegalBusinessProfile(next), checkMpnCountry(next));
      case 'primary-contact':
        return checkPrimaryContact(next.primaryContact, this.deps.webmail);
      case 'support-contact':
        return checkSupportContact(next.supportContact);
      case 'already-enrolled':
        return combine(checkSupportContact(next.supportContact), checkMpnCountry(next));
      case 'admin-agent':
      case 'mpa':
        // Confirmations: a "not yet" is recorded as such; the progress list shows what it blocks.
        return combine();
    }
  }

  /**
   * The rules a refused form's well-formed fields already break (E3, E4): each field is parsed on its
   * own, so a bad name does not hide a webmail address, nor a bad city a country that contradicts the MPN ID.
   */
  private checkWhatParsed(step: AnswerStep, raw: unknown, draft: PartnerDraft): Violation[] {
    const fields = (raw ?? {}) as Record<string, unknown>;
    if (step === 'primary-contact') {
      const email = emailAnswer.safeParse(fields.contactEmail);
      return email.success ? checkPrimaryContact({ email: email.data }, this.deps.webmail).violations : [];
    }
    if (step === 'legal-business-profile') {
      const country = countryAnswer.safeParse(fields.country);
      return country.success ? checkMpnCountry({ ...draft, country: country.data }).violations : [];
    }
    return [];
  }

  private progressOf(draft: PartnerDraft, answers: AnswerLog['answers']): EnrolmentProgress {
    const readiness = enrolmentReadiness(draft, { webmail: this.deps.webmail });
    const submittedStep = readiness.steps.find((s) => s.id === 'submitted');
    const mpa = mpaStepStatus(draft.status);
    return {
      tenantId: draft.tenantId ?? draft.id,
      draft,
      readiness,
      mpa,
      answers,
      canSubmit: submittedStep?.status === 'missing',
      submitted: isSubmitted(draft.status),
      alreadyEnrolledDone: draft.status.cspEnrolled === true && readiness.decision.allowed,
    };
  }

  private answerRecord(who: Enroller): AnswerRecord {
    return { by: who.userId, name: who.name, at: this.now().toISOString() };
  }
}

/** A reseller organisation nobody has answered for yet: known only by its tenant. */
export function newDraft(tenantId: string): PartnerDraft {
  return {
    id: tenantId,
    kind: 'indirect-reseller',
    tenantId,
    affiliates: [],
    domains: [],
    status: { enrolment: 'not-started', verification: 'None', mpaSigned: false, onboardedInPartnerCenter: false },
  };
}

const logKey = (tenantId: string) => `enrolment:progress:${tenantId}`;
