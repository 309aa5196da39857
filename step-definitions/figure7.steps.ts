import { Then, When, Given } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { PartnerQuestions, PartnerSetup } from './screenplay/figure7.ts';
import { Bills } from './screenplay/bills.ts';
import { Partner } from './screenplay/partner-calls.ts';
import type { HarnessWorld } from './support/world.ts';

Given('the simulated clock reads {string}', async function (this: HarnessWorld, at: string) {
  await this.setClock(new Date(at));
});

Given('the car manufacturer is a partner of the CSP', async function (this: HarnessWorld) {
  await PartnerSetup.orderPartnerOffers(this);
});

When('the car manufacturer orders the connectivity and split billing offers from the CSP', async function (this: HarnessWorld) {
  await PartnerSetup.orderPartnerOffers(this);
});

When("the car manufacturer builds its service catalog from the CSP's infotainment connectivity offers", async function (this: HarnessWorld) {
  await PartnerSetup.buildServiceCatalog(this);
});

When('the billing period {string} ends', async function (this: HarnessWorld, period: string) {
  await PartnerSetup.endBillingPeriod(this, period);
});

When('the CSP runs the bill run of {string} again', async function (this: HarnessWorld, period: string) {
  await this.trigger('csp', 'billing-run', { period });
});

When('a caller without credentials asks the CSP for its product offerings', async function (this: HarnessWorld) {
  await Partner.anonymousCall(this, 'csp', 'GET', '/tmf-api/productCatalogManagement/v4/productOffering');
});

When('the car manufacturer tries to change a product in the CSP inventory', async function (this: HarnessWorld) {
  await Partner.patchFirstProduct(this);
});

When('the car manufacturer asks the CSP for offerings with {string}', async function (this: HarnessWorld, query: string) {
  await Partner.oemCalls(this, 'GET', `/tmf-api/productCatalogManagement/v4/productOffering?${query}`);
});

Then('the CSP has onboarded the car manufacturer with the API bundle {string}', async function (this: HarnessWorld, bundle: string) {
  const onboarding = await PartnerQuestions.onboarding(this);
  assert.deepEqual(
    onboarding.credentials.map((c) => [c.party, c.bundle]),
    [['car-manufacturer', bundle]],
  );
  assert.equal(onboarding.organizations.length, 1, 'one organization for the partner');
  assert.equal(onboarding.accounts.length, 1, 'one billing account for the partner');
});

Then("the car manufacturer's subscriptions are active and billed to its own account", async function (this: HarnessWorld) {
  const { products, accounts } = await PartnerQuestions.onboarding(this);
  assert.deepEqual(products.map((p) => (p.productOffering as { id: string }).id).sort(), ['po-partner-connectivity', 'po-split-billing']);
  for (const product of products) {
    assert.equal(product.status, 'active');
    assert.equal((product.billingAccount as { id: string }).id, accounts[0].id);
  }
});

Then("the car manufacturer's catalog has one service offer per launched infotainment connectivity offer of the CSP", async function (this: HarnessWorld) {
  const csp = await PartnerQuestions.cspLaunchedInfotainmentOffers(this);
  const oem = await PartnerQuestions.oemCatalog(this);
  const basedOn = oem.map((o) => (o.productOfferingRelationship as { id: string }[])[0].id).sort();
  assert.ok(csp.length >= 2, 'the CSP sells several infotainment connectivity offers');
  assert.deepEqual(basedOn, csp.map((o) => o.id).sort());
});

Then("only the CSP's launched infotainment connectivity offers come back", async function (this: HarnessWorld) {
  assert.equal(this.answer?.status, 200);
  const returned = this.answer?.body as { id: string; lifecycleStatus: string; category: { name: string }[] }[];
  const all = await PartnerQuestions.cspOfferings(this);
  const expected = (await PartnerQuestions.cspLaunchedInfotainmentOffers(this)).map((o) => o.id).sort();
  assert.ok(all.length > expected.length, 'the catalog holds other offers too, so the filter had something to leave out');
  assert.deepEqual(returned.map((o) => o.id).sort(), expected);
});

Then('the CSP issued exactly one bill for {string}', async function (this: HarnessWorld, period: string) {
  const { bills } = await PartnerQuestions.billsAtCsp(this);
  assert.equal(bills.filter((b) => Bills.periodOf(b) === period).length, 1);
});

Then("every bill's total equals the sum of its items", async function (this: HarnessWorld) {
  const { bills, rates } = await PartnerQuestions.billsAtCsp(this);
  assert.ok(bills.length > 0, 'there is a bill to check');
  for (const bill of bills) Bills.assertTotalsEqualItems(bill, rates);
});

Then("the car manufacturer's invoice control found its bill's items add up to the bill amount", async function (this: HarnessWorld) {
  const checks = await PartnerQuestions.oemBillChecks(this);
  assert.equal(checks.length, 1, 'the OEM controlled one bill');
  assert.equal(checks[0].matches, true, `items ${checks[0].itemsTotal} vs bill ${checks[0].amount}`);
  assert.equal(checks[0].items, 2);
});

Then('each monthly fee is charged for {int} of {int} days', async function (this: HarnessWorld, used: number, total: number) {
  const { rates } = await PartnerQuestions.billsAtCsp(this);
  const prices = await this.served<{ id: string; price?: { value: number } }>('csp', 'TMF620.productOfferingPrice');
  assert.ok(rates.length > 0);
  for (const rate of rates) Bills.assertProrated(rate, prices, used, total);
});
