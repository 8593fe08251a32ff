import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Playground's Teams context as a reseller organisation (its config file format 0.1.1, which wants
 * five colleagues). Its built-in default tenant id is not a GUID, which Partner Center tenant ids are,
 * and its default user has no address at the organisation's domain: the walks give the organisation a
 * real-looking tenant and its person a work address, the one the distributor invites.
 */

/** A person in the Playground's organisation: given name, surname, Entra object id. */
type PlaygroundPerson = [givenName: string, surname: string, aadObjectId: string];

export const PLAYGROUND_TENANT = '8f3c2a51-6d4e-4b7a-9c10-5e2f7a9b3d64';
const CURRENT_USER: PlaygroundPerson = ['Ola', 'Wójcik', '2d1f0c9e-3b8a-4e57-a1f6-0c4d9e8b7a20'];
const COLLEAGUES: PlaygroundPerson[] = [
  ['Marek', 'Nowicki', '5a7e9c1b-2f3d-4c6e-8b9a-1d0e2f3a4b21'],
  ['Ewa', 'Zielińska', '6b8f0d2c-3e4a-4d7f-9c0b-2e1f3a4b5c22'],
  ['Tomasz', 'Lis', '7c9a1e3d-4f5b-4e80-8d1c-3f2a4b5c6d23'],
  ['Anna', 'Kaczmarek', '8d0b2f4e-5a6c-4f91-9e2d-4a3b5c6d7e24'],
  ['Piotr', 'Mazur', '9e1c3a5f-6b7d-4a02-8f3e-5b4c6d7e8f25'],
];

/** The work address of a person of the organisation (ASCII, as Entra makes them). */
const emailOf = ([givenName, surname]: PlaygroundPerson) =>
  `${givenName}.${surname}@tailspintoys.pl`
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/** The person at the keyboard of the Playground: the reseller's primary contact in the walks. */
export const CURRENT_USER_NAME = `${CURRENT_USER[0]} ${CURRENT_USER[1]}`;
export const CURRENT_USER_EMAIL = emailOf(CURRENT_USER);

/** One user entry of the Playground's config, its lines indented by `indent`. */
function configUser(index: number, person: PlaygroundPerson, indent: string): string {
  const [givenName, surname, aadObjectId] = person;
  const email = emailOf(person);
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

const PLAYGROUND_CONFIG = `version: "0.1.1"
tenantId: ${PLAYGROUND_TENANT}
bot:
  id: 00000000-0000-4000-8000-000000000011
  name: CSP Partner Assistant
currentUser:
${configUser(0, CURRENT_USER, '  ')}
users:
${COLLEAGUES.map((user, i) => configUser(i + 1, user, '    ').replace(/^ {3}/, '  -')).join('\n')}
personalChat:
  id: personal-chat-demo
groupChat:
  id: group-chat-demo
  name: Group Chat
team:
  id: team-id
  name: Tailspin Toys
  aadGroupId: 00000000-0000-4000-8000-000000000031
  channels:
    - id: channel-general-id
      name: General
`;

/** Writes the config where the Playground looks for it: its working directory. */
export function writePlaygroundTenant(workDir: string): void {
  writeFileSync(join(workDir, '.m365agentsplayground.yml'), PLAYGROUND_CONFIG);
}
