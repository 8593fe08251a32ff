import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Playground's Teams context as a reseller organisation (its config file format 0.1.1, which wants
 * five colleagues). Its built-in default tenant id is not a GUID, which Partner Center tenant ids are,
 * and its default user has no address at the organisation's domain: the walks give the organisation a
 * real-looking tenant and its person a work address, the one the distributor invites.
 */

/** A person in the Playground's organisation: given name, surname, Entra object id. */
export type PlaygroundPerson = [givenName: string, surname: string, aadObjectId: string];

/** A reseller organisation as the Playground shows it: its tenant, its domain, who is at the keyboard. */
export interface PlaygroundOrganisation {
  tenantId: string;
  /** The Teams team's name (the organisation's). */
  name: string;
  domain: string;
  currentUser: PlaygroundPerson;
}

/** A new reseller: a real-looking tenant nobody knows yet (Tailspin Toys enrols with the sandbox's free profile). */
export const TAILSPIN_ORGANISATION: PlaygroundOrganisation = {
  tenantId: '8f3c2a51-6d4e-4b7a-9c10-5e2f7a9b3d64',
  name: 'Tailspin Toys',
  domain: 'tailspintoys.pl',
  currentUser: ['Ola', 'Wójcik', '2d1f0c9e-3b8a-4e57-a1f6-0c4d9e8b7a20'],
};

/** The sandbox's already-enrolled reseller Fabrikam IT, its own tenant (DEMO.resellerReady). */
export const FABRIKAM_ORGANISATION: PlaygroundOrganisation = {
  tenantId: '22222222-2222-4222-8222-222222222222',
  name: 'Fabrikam IT',
  domain: 'fabrikam-it.pl',
  currentUser: ['Piotr', 'Nowak', '3e2a1d0f-4c9b-4f68-b2a7-1d5e0f9c8b31'],
};

const COLLEAGUES: PlaygroundPerson[] = [
  ['Marek', 'Nowicki', '5a7e9c1b-2f3d-4c6e-8b9a-1d0e2f3a4b21'],
  ['Ewa', 'Zielińska', '6b8f0d2c-3e4a-4d7f-9c0b-2e1f3a4b5c22'],
  ['Tomasz', 'Lis', '7c9a1e3d-4f5b-4e80-8d1c-3f2a4b5c6d23'],
  ['Anna', 'Kaczmarek', '8d0b2f4e-5a6c-4f91-9e2d-4a3b5c6d7e24'],
  ['Piotr', 'Mazur', '9e1c3a5f-6b7d-4a02-8f3e-5b4c6d7e8f25'],
];

/** The work address of a person of the organisation (ASCII, as Entra makes them). */
export const emailOf = ([givenName, surname]: PlaygroundPerson, domain: string) =>
  `${givenName}.${surname}@${domain}`
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/** One user entry of the Playground's config, its lines indented by `indent`. */
function configUser(index: number, person: PlaygroundPerson, domain: string, indent: string): string {
  const [givenName, surname, aadObjectId] = person;
  const email = emailOf(person, domain);
  return [
    `id: user-id-${index}`,
    `name: ${givenName} ${surname}`,
    `userPrincipleName: ${email}`,
    `aadObjectId: ${aadObjectId}`,
    `givenName: ${givenName}`,
    `surname: ${surname}`,
    `email: ${email}`,
  ]
    .map((line) => `${indent}${line}`)
    .join('\n');
}

const playgroundConfig = (o: PlaygroundOrganisation) => `version: "0.1.1"
tenantId: ${o.tenantId}
bot:
  id: 00000000-0000-4000-8000-000000000011
  name: CSP Partner Assistant
currentUser:
${configUser(0, o.currentUser, o.domain, '  ')}
users:
${COLLEAGUES.map((user, i) => configUser(i + 1, user, o.domain, '    ').replace(/^ {3}/, '  -')).join('\n')}
personalChat:
  id: personal-chat-demo
groupChat:
  id: group-chat-demo
  name: Group Chat
team:
  id: team-id
  name: ${o.name}
  aadGroupId: 00000000-0000-4000-8000-000000000031
  channels:
    - id: channel-general-id
      name: General
`;

/** Writes the config where the Playground looks for it: its working directory. */
export function writePlaygroundTenant(workDir: string, organisation: PlaygroundOrganisation): void {
  writeFileSync(join(workDir, '.m365agentsplayground.yml'), playgroundConfig(organisation));
}
