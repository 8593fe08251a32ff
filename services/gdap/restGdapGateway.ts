import type { z } from 'zod';
import { parseTenantId } from '../partnerCenter/validatedSession';
import type { GdapCallContext, GdapGateway, GdapSession } from './gdapGateway';
import { GraphTransport, type GraphTransportOptions } from './graphTransport';
import {
  assignmentList,
  assignmentWire,
  createBody,
  fromWireAssignment,
  fromWireRelationship,
  relationshipList,
  relationshipWire,
  requestWire,
} from './graphWire';

const BASE = '/tenantRelationships/delegatedAdminRelationships';
const one = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** Microsoft Graph's delegatedAdminRelationships on Node's fetch (G1, G2): the REST twin of GdapSandbox. */
export class RestGdapGateway implements GdapGateway {
  private readonly transport: GraphTransport;

  constructor(options: GraphTransportOptions) {
    this.transport = new GraphTransport(options);
  }

  as(partnerTenantId: string, context: GdapCallContext = {}): GdapSession {
    const caller = parseTenantId(partnerTenantId, 'partner tenant id');
    const call = this.transport.callerFor(caller, context.correlationId ?? this.transport.newId());
    return {
      partnerTenantId: caller,
      createRelationship: async (input) =>
        fromWireRelationship(await call({ method: 'POST', path: BASE, body: createBody(input) }, relationshipWire)),
      createResellerRelationship: async (reseller, input) =>
        fromWireRelationship(
          await call(
            { method: 'POST', path: BASE, body: createBody(input, parseTenantId(reseller, 'reseller tenant id')) },
            relationshipWire,
          ),
        ),
      getRelationship: async (id) =>
        fromWireRelationship(await call({ method: 'GET', path: one(id) }, relationshipWire)),
      listRelationships: async () => {
        const all = [];
        // Graph pages a long list; each page names the next.
        for (let path: string | undefined = BASE; path;) {
          const page: z.output<typeof relationshipList> = await call({ method: 'GET', path }, relationshipList);
          all.push(...page.value.map(fromWireRelationship));
          path = page['@odata.nextLink'];
        }
        return all;
      },
      request: async (id, action) =>
        call({ method: 'POST', path: `${one(id)}/requests`, body: { action } }, requestWire),
      createAccessAssignment: async (id, input) =>
        fromWireAssignment(
          await call(
            {
              method: 'POST',
              path: `${one(id)}/accessAssignments`,
              body: {
                accessContainer: { accessContainerId: input.securityGroupId, accessContainerType: 'securityGroup' },
                accessDetails: { unifiedRoles: input.roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
              },
            },
            assignmentWire,
          ),
        ),
      listAccessAssignments: async (id) =>
        (await call({ method: 'GET', path: `${one(id)}/accessAssignments` }, assignmentList)).value.map(
          fromWireAssignment,
        ),
    };
  }
}
