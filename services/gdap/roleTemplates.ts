import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../rules/gdapRules';

/**
 * The roles a distributor asks for on its resellers' behalf (G1): least privilege by default, what a
 * reseller needs to support a customer day to day, without Global Administrator. Entra role definition ids
 * are the same in every tenant.
 */
export const ENTRA_ROLES = {
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  serviceSupportAdministrator: 'f023fd81-a637-4b56-95fd-791ac0226033',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  licenseAdministrator: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
} as const;

/** Microsoft's own names of those roles (product names, the same in every language), for the cards. */
const ROLE_NAMES: Record<string, string> = {
  [ENTRA_ROLES.directoryReaders]: 'Directory Readers',
  [ENTRA_ROLES.serviceSupportAdministrator]: 'Service Support Administrator',
  [ENTRA_ROLES.helpdeskAdministrator]: 'Helpdesk Administrator',
  [ENTRA_ROLES.licenseAdministrator]: 'License Administrator',
  [ENTRA_ROLES.userAdministrator]: 'User Administrator',
  [GLOBAL_ADMINISTRATOR_ROLE_ID]: 'Global Administrator',
};

/** A role's name where known, else its id: never a blank on a card. */
export function roleName(roleDefinitionId: string): string {
  return ROLE_NAMES[roleDefinitionId] ?? roleDefinitionId;
}

export interface RoleTemplate {
  roles: string[];
  duration: string;
  autoExtendDuration: string;
}

export const LEAST_PRIVILEGE_TEMPLATE: RoleTemplate = {
  roles: [ENTRA_ROLES.directoryReaders, ENTRA_ROLES.serviceSupportAdministrator, ENTRA_ROLES.helpdeskAdministrator],
  duration: 'P730D',
  autoExtendDuration: 'PT0S',
};

/** The roles a distributor may put in its template in /csp setup: never Global Administrator (least privilege). */
export const OFFERED_GDAP_ROLES = [
  ENTRA_ROLES.directoryReaders,
  ENTRA_ROLES.serviceSupportAdministrator,
  ENTRA_ROLES.helpdeskAdministrator,
  ENTRA_ROLES.licenseAdministrator,
  ENTRA_ROLES.userAdministrator,
] as const;

/** The distributor's template for every relationship it creates (G1): its roles from /csp setup, else least privilege. */
export function defaultRoleTemplate(settings: { gdapRoles?: string[] }): RoleTemplate {
  return settings.gdapRoles?.length
    ? { ...LEAST_PRIVILEGE_TEMPLATE, roles: [...settings.gdapRoles] }
    : LEAST_PRIVILEGE_TEMPLATE;
}
