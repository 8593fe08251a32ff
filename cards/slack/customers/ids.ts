/**
 * The ids the customers listeners match on (bot/slack/customers): the request's buttons, the reject
 * modal and its reason field, in one place so a builder and its listener cannot drift apart.
 */
import { INPUT_ACTION } from '../blockKit';

export const CUSTOMER_ACTION = {
  approve: 'customers.approve',
  reject: 'customers.reject',
  /** `/csp resellers`: a reseller's customers, one click away. */
  resellerCustomers: 'customers.resellerCustomers',
} as const;

export const CUSTOMER_CALLBACK = { reject: 'customers.reject' } as const;

/** The reject modal's reason field: block id and action id. */
export const REASON_BLOCK = 'reason';
export const REASON_ACTION = INPUT_ACTION;
