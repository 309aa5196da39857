import { Given, Then, When } from '@cucumber/cucumber';
import type { ActorId } from '../core/actor-ids.ts';
import { CatalogChecks as Check } from './screenplay/converged-checks.ts';
import { ConvergedOffer } from './screenplay/converged-offer.ts';
import { Calls } from './screenplay/figure7.ts';
import type { HarnessWorld } from './support/world.ts';

const OFFERING = '/tmf-api/productCatalogManagement/v4/productOffering';

When<HarnessWorld>('the CSP catalog manager creates the offer {string} for {string} EUR a month', function (name: string, fee: string) {
  return this.csp.attemptsTo(ConvergedOffer.createCspOffer(name, fee));
});

When<HarnessWorld>('the CSP marks it eligible for partners', function () {
  return this.csp.attemptsTo(ConvergedOffer.markEligible());
});

When<HarnessWorld>(/^the CSP (?:publishes|tries to publish) it to the central catalog$/, function () {
  return this.csp.attemptsTo(ConvergedOffer.publish());
});

Given<HarnessWorld>('the CSP has published a partner offer to the central catalog', function () {
  return this.csp.attemptsTo(ConvergedOffer.publishPartnerOffer());
});

When<HarnessWorld>('the content provider creates its offer {string} for {string} EUR a month', function (name: string, fee: string) {
  return this.contentProvider.attemptsTo(ConvergedOffer.createOwnOffer(name, fee));
});

When<HarnessWorld>("the content provider bundles it with the CSP's offer as {string} for {string} EUR a month", function (name: string, fee: string) {
  return this.contentProvider.attemptsTo(ConvergedOffer.bundle(name, fee));
});

When<HarnessWorld>(
  "the content provider bundles it with the CSP's offer {string} as {string} for {string} EUR a month",
  function (cspOffering: string, name: string, fee: string) {
    return this.contentProvider.attemptsTo(ConvergedOffer.bundle(name, fee, cspOffering));
  },
);

Then<HarnessWorld>("the central catalog lists the CSP's offer as partner-eligible and launched", function () {
  return this.tester.attemptsTo(Check.centralListsCspOffer());
});

Then<HarnessWorld>('the refusal says {string}', function (text: string) {
  return this.tester.attemptsTo(Check.refusalSays(text));
});

Then<HarnessWorld>('the central catalog has no offer', function () {
  return this.tester.attemptsTo(Check.centralEmpty());
});

Then<HarnessWorld>('the converged offer is approved by the CSP and the car manufacturer', function () {
  return this.tester.attemptsTo(Check.approvedByBoth());
});

Then<HarnessWorld>('the converged offer can be ordered from the catalogs of the CSP, the content provider and the car manufacturer', function () {
  return this.tester.attemptsTo(Check.orderableEverywhere());
});

Then<HarnessWorld>('the converged offer is rejected by the {resolver} because {string}', function (reviewer: ActorId, reason: string) {
  return this.tester.attemptsTo(Check.rejectedBy(reviewer, reason));
});

Then<HarnessWorld>('the converged offer is in no product catalog', function () {
  return this.tester.attemptsTo(Check.inNoCatalog());
});

When<HarnessWorld>("the car manufacturer tries to retire the CSP's offering {string}", function (id: string) {
  return this.oem.attemptsTo(Calls.to('csp', 'PATCH', `${OFFERING}/${id}`, { lifecycleStatus: 'Retired' }));
});

Then<HarnessWorld>("the CSP's offering {string} is still {string}", function (id: string, status: string) {
  return this.tester.attemptsTo(Check.cspOfferingStill(id, status));
});
