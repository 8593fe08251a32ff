import { OFFERED_GDAP_ROLES } from '../gdap/roleTemplates';
import { z } from 'zod';
import type { Actor } from '../domain/identifiers';
import { countryCodeSchema, mpnIdSchema, tenantIdSchema } from '../domain/identifiers';
import type { PartnerDraft } from '../domain/partner';
import { locate } from '../rules/regionRules';
import { updateRecord } from '../storage/atomicStore';
import { type FieldRefusal, inputRefusal } from './fieldRefusals';
import { type AuditLog, KEYS, type Outcome, type RoomDeps } from './partnershipRecords';
import type { Provider, ProviderSettings, ProviderSetupInput } from './types';

/**
 * Providers: a Slack workspace set up as an indirect provider (its Partner Center identity, its
 * approvers, its channel), found again by Slack team or provider id, and who may act for it.
 */

export const setupInputSchema = z
  .object({
    legalName: z.string().trim().min(1, { message: 'validation.legal-name-missing' }).max(200),
    mpnId: mpnIdSchema,
    tenantId: tenantIdSchema,
    country: countryCodeSchema,
    approverUserIds: z.array(z.string().min(1)),
    approverGroup: z.object({ id: z.string().min(1), name: z.string().max(200) }).optional(),
    channelId: z.string().min(1, { message: 'validation.channel-missing' }),
    // P2: the personalised link Partner Center made for the distributor; a web address people open.
    partnerCenterLink: z
      .url({ protocol: /^https?$/, message: 'validation.partner-center-link-invalid' })
      .max(2000, { message: 'validation.partner-center-link-invalid' })
      .optional(),
    // G1: only roles of the offered template list; Global Administrator is never a default.
    gdapRoles: z.array(z.enum(OFFERED_GDAP_ROLES)).max(OFFERED_GDAP_ROLES.length).optional(),
  })
  // Named people, a user group, or both: someone must be able to act.
  .refine((input) => input.approverUserIds.length > 0 || input.approverGroup !== undefined, {
    message: 'validation.approvers-missing',
    path: ['approverUserIds'],
  });

/** A provider is its Slack workspace: the provider id is the team id, marked as Slack's. */
export function providerIdOf(teamId: string): string {
  return `slack:${teamId}`;
}

export class Providers {
  constructor(
    private readonly deps: RoomDeps,
    private readonly audit: AuditLog,
  ) {}

  async getProviderBySlackTeam(teamId: string): Promise<Provider | undefined> {
    const settings = (await this.deps.records.read<ProviderSettings>(KEYS.settings(teamId)))?.value;
    if (!settings) return undefined;
    const partner = await this.deps.partners.get(settings.providerId);
    return partner ? { partner, settings } : undefined;
  }

  async getProviderById(providerId: string): Promise<Provider | undefined> {
    if (!providerId.startsWith('slack:')) return undefined;
    return this.getProviderBySlackTeam(providerId.slice('slack:'.length));
  }

  /** Approvers invite, resend, revoke and remove; nobody else. Named users, or members of the approver group. */
  async isApprover(teamId: string, userId: string): Promise<boolean> {
    const settings = (await this.deps.records.read<ProviderSettings>(KEYS.settings(teamId)))?.value;
    return this.approves(settings, userId);
  }

  /** As `isApprover`, for a caller that has the settings already read. */
  async approves(settings: ProviderSettings | undefined, userId: string): Promise<boolean> {
    if (!settings) return false;
    if (settings.approverUserIds.includes(userId)) return true;
    if (!settings.approverGroup || !this.deps.userGroups) return false;
    const members = await this.deps.userGroups.membersOf(settings.teamId, settings.approverGroup.id);
    return Boolean(members?.includes(userId));
  }

  /**
   * Registers (or changes) the workspace as an indirect provider. `isWorkspaceAdmin` comes from the
   * platform; an existing approver may change it too. The country must be in a served region (P6).
   */
  async setUpProvider(
    teamId: string,
    input: ProviderSetupInput,
    actor: Actor,
    isWorkspaceAdmin: boolean,
  ): Promise<Outcome<Provider>> {
    const providerId = providerIdOf(teamId);
    if (!isWorkspaceAdmin && !(await this.isApprover(teamId, actor.userId))) {
      await this.audit.write(providerId, actor, 'provider.setup', 'refused', [], { reason: 'not-admin' });
      return { ok: false, refusal: { kind: 'access', code: 'not-admin' } };
    }
    const parsed = setupInputSchema.safeParse(input);
    if (!parsed.success) {
      // A well-formed country is checked too (P6), so one submission shows every field to change.
      const country = countryCodeSchema.safeParse(input.country);
      const region = country.success ? locate('P6', 'provider', country.data, this.deps.regions) : undefined;
      const outOfRegion: FieldRefusal[] =
        region && !region.region
          ? [{ field: 'country', refusal: { kind: 'rules', violations: region.violations, options: [] } }]
          : [];
      return { ok: false, refusal: inputRefusal(parsed.error, outOfRegion) };
    }
    const located = locate('P6', 'provider', parsed.data.country, this.deps.regions);
    if (!located.region) {
      return { ok: false, refusal: { kind: 'rules', violations: located.violations, options: [] } };
    }
    const data = parsed.data;
    const partnerCenterLink = data.partnerCenterLink ?? this.deps.standInPartnerCenterLink?.(data.tenantId);
    if (!partnerCenterLink) {
      return {
        ok: false,
        refusal: { kind: 'input', code: 'validation.partner-center-link-missing', field: 'partnerCenterLink' },
      };
    }
    const standing = await this.standingAtMicrosoft(data.tenantId);
    const partner = await this.deps.partners.update(providerId, (current) => ({
      ...(current ?? { affiliates: [], domains: [] }),
      id: providerId,
      kind: 'indirect-provider',
      legalName: data.legalName,
      mpnId: data.mpnId,
      tenantId: data.tenantId,
      country: data.country,
      status: {
        ...(current?.status ?? {
          enrolment: 'enrolled',
          verification: 'None',
          mpaSigned: false,
          onboardedInPartnerCenter: true,
        }),
        ...standing,
      },
    }));
    const settings: ProviderSettings = {
      teamId,
      providerId,
      approverUserIds: [...new Set(data.approverUserIds)],
      ...(data.approverGroup ? { approverGroup: data.approverGroup } : {}),
      channelId: data.channelId,
      partnerCenterLink,
      ...(data.gdapRoles?.length ? { gdapRoles: [...new Set(data.gdapRoles)] } : {}),
      updatedBy: actor,
      updatedAt: this.deps.now().toISOString(),
    };
    await updateRecord<ProviderSettings>(this.deps.records, KEYS.settings(teamId), () => settings);
    await this.audit.write(providerId, actor, 'provider.setup', 'done', [], { region: located.region });
    return { ok: true, value: { partner: partner as PartnerDraft, settings } };
  }

  /**
   * What Partner Center says of the provider itself: whether it signed the MPA (M1: every partner
   * that transacts must have) and its verification. Without this every customer request would be
   * refused with M1. Partner Center out of reach leaves what was known; set-up still succeeds. Its own
   * `legalbusiness` is the one vetting status the distributor's credentials may read (API1); the REST
   * client refuses it (403) for a provider other than PARTNER_CENTER_TENANT_ID, which leaves it unknown.
   */
  private async standingAtMicrosoft(tenantId: string): Promise<Partial<PartnerDraft['status']>> {
    const session = this.deps.partnerCenter.as(tenantId);
    const standing: Partial<PartnerDraft['status']> = {};
    try {
      standing.mpaSigned = (await session.getAgreementStatus({ tenantId })).isAgreementSigned;
    } catch (error) {
      this.deps.onGatewayError?.(error);
    }
    try {
      const profile = await session.getLegalBusinessProfile();
      standing.verification = profile.vettingStatus;
      standing.verificationSubStatus = profile.vettingSubStatus;
    } catch (error) {
      this.deps.onGatewayError?.(error);
    }
    return standing;
  }
}
