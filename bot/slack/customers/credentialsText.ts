import type { Translate } from '../../../i18n/i18n';
import type { OneTimeCredentials } from '../../../services/customers';

/**
 * What the approving rep alone reads about a new customer's admin (C3): the user name and the temporary
 * password, once; or, when Partner Center could not show the password again (an approval finished after
 * a crash, issue 13 point 4), how to reset it.
 */
export function credentialsText(t: Translate, company: string, credentials: OneTimeCredentials): string {
  if (!credentials.temporaryPassword) {
    return t('customers:slack.credentialsLost', { company, user: credentials.adminUserName });
  }
  return t('customers:slack.credentials', {
    company,
    user: credentials.adminUserName,
    password: credentials.temporaryPassword,
  });
}
