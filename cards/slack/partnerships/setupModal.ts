/**
 * `/csp setup`: the workspace as an indirect provider, its approvers and its channel (P2, M1). Its
 * own file because the approver-group select has rules of its own (Slack's caps, no groups at all).
 */
import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import { languageOf } from '../../../i18n/format';
import { type Language, type Translate } from '../../../i18n/i18n';
import type { ApproverGroup, Provider } from '../../../services/partnerships/types';
import { defaultRoleTemplate, OFFERED_GDAP_ROLES, roleName } from '../../../services/gdap/roleTemplates';
import { providerSetupGuidance } from '../../../services/rules/guidance';
import { blockKit } from '../blockKit';
import { CALLBACK, FIELD_ACTION, NO_GROUP, SETUP_LANGUAGE_BLOCK } from './ids';

const { plain, mrkdwn, textInput, languageSelect } = blockKit;

/** Slack's limit: 100 options in a static select. */
const MAX_OPTIONS = 100;

/**
 * The approver group: a static select filled from usergroups.list when the modal opens (Block Kit has
 * no user-group select). Chosen over an external_select, which would need an options-load URL in the
 * manifest and a round trip per keystroke, for a list that rarely passes a few dozen groups; past 100
 * (Slack's cap) the current group and the first ones by name are offered. No groups at all (a Free
 * plan, or Slack would not say): a line saying so instead of an empty select, which Slack refuses.
 */
function approverGroupBlock(t: Translate, groups: ApproverGroup[] | undefined, current?: ApproverGroup): KnownBlock {
  const listed = groups ?? [];
  const offered = current && !listed.some((g) => g.id === current.id) ? [current, ...listed] : listed;
  if (offered.length === 0) {
    return { type: 'context', elements: [mrkdwn(t('partnerships:slack.setup.noGroups'))] };
  }
  const option = (value: string, text: string) => ({ value, text: plain(text.slice(0, 75)) });
  const none = option(NO_GROUP, t('partnerships:slack.setup.noGroup'));
  const options = [none, ...offered.slice(0, MAX_OPTIONS - 1).map((g) => option(g.id, g.name))];
  const initial = current ? options.find((o) => o.value === current.id) : undefined;
  return optionalInput(
    'approverGroup',
    t('partnerships:slack.setup.approverGroup'),
    t('partnerships:slack.setup.approverGroupHint'),
    {
      type: 'static_select',
      action_id: FIELD_ACTION,
      placeholder: plain(t('partnerships:slack.setup.approverGroupPlaceholder')),
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  );
}

/** An input the rep may leave as it is, with its label and hint. */
function optionalInput(blockId: string, label: string, hint: string, element: InputBlock['element']): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plain(label),
    hint: plain(hint),
    element,
  } as KnownBlock;
}

/**
 * G1: the roles of every GDAP relationship the distributor creates for a reseller, least privilege chosen
 * until it changes them; Global Administrator is not offered.
 */
function gdapRolesBlock(t: Translate, current: string[] | undefined): KnownBlock {
  const option = (id: string) => ({ value: id, text: plain(roleName(id)) });
  const chosen = current?.length ? current : defaultRoleTemplate({}).roles;
  return optionalInput('gdapRoles', t('gdap:slack.setup.roles'), t('gdap:slack.setup.rolesHint'), {
    type: 'multi_static_select',
    action_id: FIELD_ACTION,
    options: OFFERED_GDAP_ROLES.map(option),
    initial_options: chosen.map(option),
  });
}

/**
 * `/csp setup`: the workspace as an indirect provider (legal name, MPN ID, tenant, country, approvers
 * as named users and/or one user group, channel) and the language of the channel's messages: the
 * channel's current one, else the language of the person setting it up. `groups`: the workspace's user groups, if Slack said.
 * The distributor's Partner Center link for reseller relationship requests (P2) is asked once here;
 * `linkOptional` in sandbox mode, where the sandbox's stand-in page serves instead.
 */
export function setupModal(
  t: Translate,
  current?: Provider,
  groups?: ApproverGroup[],
  channelLanguage?: Language,
  linkOptional = false,
): ModalView {
  const p = current?.partner;
  return {
    type: 'modal',
    callback_id: CALLBACK.setup,
    title: plain(t('partnerships:slack.setup.title')),
    submit: plain(t('partnerships:slack.setup.submit')),
    close: plain(t('partnerships:slack.cancel')),
    blocks: [
      { type: 'section', text: mrkdwn(t('partnerships:slack.setup.intro')) },
      { type: 'context', elements: providerSetupGuidance().map((g) => mrkdwn(t(`rules:guidance.${g.code}`))) },
      textInput('legalName', t('partnerships:slack.setup.legalName'), { initial: p?.legalName }),
      textInput('mpnId', t('partnerships:slack.setup.mpnId'), { initial: p?.mpnId }),
      textInput('tenantId', t('partnerships:slack.setup.tenantId'), { initial: p?.tenantId }),
      textInput('country', t('partnerships:slack.setup.country'), {
        initial: p?.country,
        hint: t('partnerships:slack.setup.countryHint'),
      }),
      {
        type: 'input',
        block_id: 'approvers',
        optional: true,
        label: plain(t('partnerships:slack.setup.approvers')),
        hint: plain(t('partnerships:slack.setup.approversHint')),
        element: {
          type: 'multi_users_select',
          action_id: FIELD_ACTION,
          ...(current?.settings.approverUserIds.length ? { initial_users: current.settings.approverUserIds } : {}),
        },
      },
      approverGroupBlock(t, groups, current?.settings.approverGroup),
      textInput('partnerCenterLink', t('partnerships:slack.setup.partnerCenterLink'), {
        initial: current?.settings.partnerCenterLink,
        optional: linkOptional,
        hint: t(
          linkOptional
            ? 'partnerships:slack.setup.partnerCenterLinkSandboxHint'
            : 'partnerships:slack.setup.partnerCenterLinkHint',
        ),
      }),
      gdapRolesBlock(t, current?.settings.gdapRoles),
      {
        type: 'input',
        block_id: 'channel',
        label: plain(t('partnerships:slack.setup.channel')),
        element: {
          type: 'conversations_select',
          action_id: FIELD_ACTION,
          filter: { include: ['public', 'private'], exclude_bot_users: true },
          ...(current?.settings.channelId ? { initial_conversation: current.settings.channelId } : {}),
        },
      },
      languageSelect(
        t,
        SETUP_LANGUAGE_BLOCK,
        t('partnerships:slack.setup.language'),
        channelLanguage ?? languageOf(t),
        { hint: t('partnerships:slack.setup.languageHint') },
      ),
    ],
  };
}
