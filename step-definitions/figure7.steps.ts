import { Given, Then, When } from '@cucumber/cucumber';
import { Calls, PartnerSetup } from './screenplay/figure7.ts';
import { PartnerChecks as Check } from './screenplay/figure7-checks.ts';
import type { HarnessWorld } from './support/world.ts';

const OFFERINGS = '/tmf-api/productCatalogManagement/v4/productOffering';

Given<HarnessWorld>('the simulated clock reads {string}', function (at: string) {
  return this.tester.attemptsTo(PartnerSetup.clockReads(at));
});

Given<HarnessWorld>('the car manufacturer is a partner of the CSP', function () {
  return this.oem.attemptsTo(PartnerSetup.orderPartnerOffers());
});

When<HarnessWorld>('the car manufacturer orders the connectivity and split billing offers from the CSP', function () {
  return this.oem.attemptsTo(PartnerSetup.orderPartnerOffers());
});

When<HarnessWorld>("the car manufacturer builds its service catalog from the CSP's infotainment connectivity offers", function () {
  return this.oem.attemptsTo(PartnerSetup.buildServiceCatalog());
});

When<HarnessWorld>('the billing period {string} ends', function (period: string) {
  return this.tester.attemptsTo(PartnerSetup.endBillingPeriod(period));
});

When<HarnessWorld>('the CSP runs the bill run of {string} again', function (period: string) {
  return this.csp.attemptsTo(PartnerSetup.runBillRun(period));
});

When<HarnessWorld>('a caller without credentials asks the CSP for its product offerings', function () {
  return this.tester.attemptsTo(Calls.to('csp', 'GET', OFFERINGS));
});

When<HarnessWorld>('the car manufacturer tries to change a product in the CSP inventory', function () {
  return this.oem.attemptsTo(Calls.tryToSuspendAProductOfTheCsp(this.tester));
});

When<HarnessWorld>('the car manufacturer asks the CSP for offerings with {string}', function (query: string) {
  return this.oem.attemptsTo(Calls.to('csp', 'GET', `${OFFERINGS}?${query}`));
});

Then<HarnessWorld>('the CSP has onboarded the car manufacturer with the API bundle {string}', function (bundle: string) {
  return this.tester.attemptsTo(Check.onboardedWithBundle(bundle));
});

Then<HarnessWorld>("the car manufacturer's subscriptions are active and billed to its own account", function () {
  return this.tester.attemptsTo(Check.subscriptionsActiveOnOwnAccount());
});

Then<HarnessWorld>("the car manufacturer's catalog has one service offer per launched infotainment connectivity offer of the CSP", function () {
  return this.tester.attemptsTo(Check.oneServiceOfferPerCspOffer());
});

Then<HarnessWorld>("only the CSP's launched infotainment connectivity offers come back", function () {
  return this.tester.attemptsTo(Check.onlyLaunchedInfotainmentOffersCameBack());
});

Then<HarnessWorld>('the CSP issued exactly one bill for {string}', function (period: string) {
  return this.tester.attemptsTo(Check.oneBillFor(period));
});

Then<HarnessWorld>("every bill's total equals the sum of its items", function () {
  return this.tester.attemptsTo(Check.billTotalsEqualItems());
});

Then<HarnessWorld>("the car manufacturer's invoice control found its bill's items add up to the bill amount", function () {
  return this.tester.attemptsTo(Check.invoiceControlMatched());
});

Then<HarnessWorld>('each monthly fee is charged for {int} of {int} days', function (used: number, total: number) {
  return this.tester.attemptsTo(Check.feesProrated(used, total));
});
