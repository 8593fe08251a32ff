import type { PartnerCenterGateway } from '../../../services/partnerCenter/gateway';
import { describeApiBoundaryContract } from './apiBoundaryContract';
import type { SandboxControls } from '../../../services/partnerCenter/sandboxGateway';
import { describeCustomerContract } from './customerContract';
import { describeLicenceContract } from './licenceContract';
import { describePartnerContract } from './partnerContract';

export interface GatewayUnderTest {
  gateway: PartnerCenterGateway;
  /** The sandbox's operator controls (the sandbox itself, or the one behind the fake). */
  controls: SandboxControls;
  /** Moves the gateway's clock on (NCE1's 7 days). */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

/**
 * The behaviour every Partner Center gateway must show, whichever implementation runs: the demo
 * identities of sandboxIdentities.ts answer the same way from the sandbox and through the REST client.
 * One gateway serves both halves, the partner directory (partnerContract.ts) and customers
 * (customerContract.ts), and the API boundary (apiBoundaryContract.ts, API1), as in jaredwray/keyv's one compliance suite for every backend.
 */
export function describeGatewayContract(name: string, makeGateway: () => Promise<GatewayUnderTest>): void {
  describe(`Partner Center gateway contract: ${name}`, () => {
    let subject: GatewayUnderTest;

    before(async () => {
      subject = await makeGateway();
    });
    after(async () => {
      await subject?.close();
    });

    describePartnerContract(() => subject);
    describeCustomerContract(() => subject.gateway);
    describeApiBoundaryContract(() => subject.gateway);
    describeLicenceContract(() => subject);
  });
}
