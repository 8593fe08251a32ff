/**
 * Which reseller a relationship the assistant had a distributor create belongs to (G2). Graph's answer does
 * not name the reseller to the distributor, so the assistant keeps it when it creates one.
 */
export interface GdapLink {
  relationshipId: string;
  resellerTenantId: string;
  providerTenantId: string;
  /** The assistant's id of the distributor (its Slack set-up), where its reminders go. */
  providerId: string;
  providerName: string;
  customerTenantId: string;
  customerName: string;
  createdAt: string;
}

/** The prefix every link is stored under. */
export const LINKS = 'gdap:link:';
export const linkKey = (reseller: string, id: string) => `${LINKS}${reseller}:${id}`;
/** The prefix of a reseller's links. */
export const linksOf = (reseller: string) => `${LINKS}${reseller}:`;
