import type { ActorId } from '../core/actor-ids.ts';
import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { ConvergedOffer, ConvergedQuestions } from './screenplay/converged-offer.ts';
import type { HarnessWorld } from './support/world.ts';
import { PartnerQuestions } from './screenplay/figure7.ts';
import { Partner } from './screenplay/partner-calls.ts';

type Review = { partyId: string; verdict: string; reason?: string[] };

When('the CSP catalog manager creates the offer {string} for {string} EUR a month', async function (this: HarnessWorld, name: string, fee: string) {
  await ConvergedOffer.createCspOffer(this, name, fee);
});

When('the CSP marks it eligible for partners', async function (this: HarnessWorld) {
  await ConvergedOffer.markEligible(this);
});

When(/^the CSP (?:publishes|tries to publish) it to the central catalog$/, async function (this: HarnessWorld) {
  await ConvergedOffer.publish(this);
});

Given('the CSP has published a partner offer to the central catalog', async function (this: HarnessWorld) {
  await ConvergedOffer.publishPartnerOffer(this);
});

When('the content provider creates its offer {string} for {string} EUR a month', async function (this: HarnessWorld, name: string, fee: string) {
  await ConvergedOffer.createOwnOffer(this, name, fee);
});

When(
  "the content provider bundles it with the CSP's offer as {string} for {string} EUR a month",
  async function (this: HarnessWorld, name: string, fee: string) {
    await ConvergedOffer.bundle(this, name, fee);
  },
);

When(
  "the content provider bundles it with the CSP's offer {string} as {string} for {string} EUR a month",
  async function (this: HarnessWorld, cspOffering: string, name: string, fee: string) {
    await ConvergedOffer.bundle(this, name, fee, cspOffering);
  },
);

Then("the central catalog lists the CSP's offer as partner-eligible and launched", async function (this: HarnessWorld) {
  const [offer] = await ConvergedQuestions.centralOfferings(this);
  assert.equal(offer?.isPartnerEligible, true);
  assert.equal(offer.lifecycleStatus, 'Launched');
  assert.ok(
    (offer.productOfferingRelationship as { id: string }[]).some((r) => r.id === this.notes.get('cspOffering')),
    'it names the CSP offer it was published from',
  );
});

Then('the refusal says {string}', function (this: HarnessWorld, text: string) {
  assert.match(String((this.answer?.body as { message?: string })?.message), new RegExp(text));
});

Then('the central catalog has no offer', async function (this: HarnessWorld) {
  assert.deepEqual(await ConvergedQuestions.centralOfferings(this), []);
});

Then('the converged offer is approved by the CSP and the car manufacturer', async function (this: HarnessWorld) {
  const offer = await ConvergedQuestions.centralConverged(this);
  assert.deepEqual((offer.partnerReview as Review[]).map((r) => [r.partyId, r.verdict]).sort(), [
    ['car-manufacturer', 'approved'],
    ['csp', 'approved'],
  ]);
  assert.equal(offer.lifecycleStatus, 'Launched');
});

Then('the converged offer can be ordered from the catalogs of the CSP, the content provider and the car manufacturer', async function (this: HarnessWorld) {
  for (const actor of ['csp', 'content-provider', 'car-manufacturer'] as const) {
    const copies = await ConvergedQuestions.catalogCopies(this, actor);
    assert.equal(copies.length, 1, `one copy in the ${actor}'s catalog`);
    assert.equal(copies[0].lifecycleStatus, 'Launched');
  }
});

Then('the converged offer is rejected by the {resolver} because {string}', async function (this: HarnessWorld, reviewer: ActorId, reason: string) {
  const offer = await ConvergedQuestions.centralConverged(this);
  const review = (offer.partnerReview as Review[]).find((r) => r.partyId === reviewer);
  assert.equal(review?.verdict, 'rejected');
  assert.ok(
    review.reason?.some((r) => r.includes(reason)),
    `reasons: ${review.reason?.join('; ')}`,
  );
  assert.equal(offer.lifecycleStatus, 'Rejected');
});

Then('the converged offer is in no product catalog', async function (this: HarnessWorld) {
  for (const actor of ['csp', 'content-provider', 'car-manufacturer'] as const) assert.deepEqual(await ConvergedQuestions.catalogCopies(this, actor), []);
});

When("the car manufacturer tries to retire the CSP's offering {string}", async function (this: HarnessWorld, id: string) {
  await Partner.calls(this, 'car-manufacturer', 'csp', 'PATCH', `/tmf-api/productCatalogManagement/v4/productOffering/${id}`, { lifecycleStatus: 'Retired' });
});

Then("the CSP's offering {string} is still {string}", async function (this: HarnessWorld, id: string, status: string) {
  const offering = (await PartnerQuestions.cspOfferings(this)).find((o) => o.id === id);
  assert.equal(offering?.lifecycleStatus, status);
});
