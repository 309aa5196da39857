import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { Decimal } from 'decimal.js';
import { ConvergedOffer, ConvergedQuestions, customersNamed, orderAsNewDriver, payInvoice } from './screenplay/converged-offer.ts';
import type { HarnessWorld } from './support/world.ts';

Given(
  "a converged offer {string} for {string} EUR bundles {string} at {string} and the CSP's {string} at {string}",
  async function (this: HarnessWorld, name: string, fee: string, own: string, ownFee: string, csp: string, cspFee: string) {
    await this.setClock(new Date('2026-01-01T08:00:00Z'));
    await ConvergedOffer.createCspOffer(this, csp, cspFee);
    await ConvergedOffer.markEligible(this);
    await ConvergedOffer.publish(this);
    await ConvergedOffer.createOwnOffer(this, own, ownFee);
    await ConvergedOffer.bundle(this, name, fee);
  },
);

Given(/^the driver "([^"]*)" orders the converged offer on the car manufacturer's portal$/, async function (this: HarnessWorld, customer: string) {
  await ConvergedOffer.orderOnPortal(this, customer);
});

When(
  /^the driver "([^"]*)" orders the converged offer through the (csp|content-provider)'s channel$/,
  async function (this: HarnessWorld, customer: string, channel: 'csp' | 'content-provider') {
    await ConvergedOffer.orderThroughChannel(this, customer, channel);
  },
);

When('the driver {string} asks the content provider to activate the service', async function (this: HarnessWorld, customer: string) {
  await ConvergedOffer.requestActivation(this, customer);
});

When("the car manufacturer's billing period {string} ends", async function (this: HarnessWorld, period: string) {
  await ConvergedOffer.endBillingPeriod(this, period);
});

Then('the car manufacturer created a billing account for {string}', async function (this: HarnessWorld, customer: string) {
  const accounts = (await ConvergedQuestions.resources(this, 'car-manufacturer', 'TMF666.billingAccount')).filter((a) =>
    (a.relatedParty as { id: string }[]).some((r) => r.id === customer),
  );
  assert.equal(accounts.length, 1);
});

Then('{string} has one converged product with status {string}', async function (this: HarnessWorld, customer: string, status: string) {
  const products = await ConvergedQuestions.convergedProducts(this, customer);
  assert.deepEqual(
    products.map((p) => p.status),
    [status],
  );
  assert.equal(
    (products[0].productOffering as { id: string }).id,
    this.notes.get('central'),
    'the product is of the central converged offering, whatever the channel',
  );
});

Then('the CSP registered the connectivity subscription for {string}', async function (this: HarnessWorld, customer: string) {
  const products = (await ConvergedQuestions.resources(this, 'csp', 'TMF637.product')).filter((p) =>
    (p.relatedParty as { id: string }[]).some((r) => r.id === customer),
  );
  assert.deepEqual(
    products.map((p) => [(p.productOffering as { id: string }).id, p.status]),
    [[this.notes.get('cspOffering'), 'active']],
  );
});

Then('the content provider ordered nothing from the CSP', async function (this: HarnessWorld) {
  const orders = await ConvergedQuestions.resources(this, 'csp', 'TMF622.productOrder');
  assert.deepEqual(orders, []);
});

Then('the car manufacturer billed {string} {string} EUR before tax', async function (this: HarnessWorld, customer: string, amount: string) {
  const bills = await ConvergedQuestions.billOf(this, customer);
  assert.deepEqual(
    bills.map((b) => new Decimal(String((b.taxExcludedAmount as { value: number }).value)).toFixed(2)),
    [amount],
  );
});

Then(
  'each partner accepted its settlement note and was paid it with tax: the content provider {string} EUR \\({amount} + 20 % VAT), the CSP {string} EUR \\({amount} + 20 % VAT)',
  async function (this: HarnessWorld, cp: string, cpNet: string, csp: string, cspNet: string) {
    assert.equal((await ConvergedQuestions.paidTo(this, 'content-provider')).toFixed(2), cp);
    assert.equal((await ConvergedQuestions.paidTo(this, 'csp')).toFixed(2), csp);
    const notes = await ConvergedQuestions.resources(this, 'car-manufacturer', 'BillingV2.settlementNoteAdvice');
    for (const [payee, net, gross] of [
      ['content-provider', cpNet, cp],
      ['csp', cspNet, csp],
    ]) {
      const mine = notes.filter((n) => (n.receiver as { id: string }).id === payee);
      assert.deepEqual(
        mine.map((n) => [n.state, new Decimal(String(n.taxExcludedAmount)).toFixed(2), new Decimal(String(n.taxIncludedAmount)).toFixed(2)]),
        [['paid', net, gross]],
        payee,
      );
      const copy = ((await this.state<{ partnerNotes?: { id: string; state: string }[] }>(payee as 'csp')).partnerNotes ?? []).find(
        (n) => String(n.id) === String(mine[0].id),
      );
      assert.equal(copy?.state, 'accepted', `${payee} accepted the note itself`);
    }
  },
);

/** What the driver paid, split to the cent between the partners and the car manufacturer's margin (the feature derives each amount). */
Then(
  'of the {amount} EUR the driver paid, the content provider was settled {amount} EUR, the CSP {amount} EUR and the car manufacturer kept {amount} EUR',
  async function (this: HarnessWorld, paid: string, cp: string, csp: string, margin: string) {
    const settlement = await ConvergedQuestions.settlement(this);
    const kept = settlement.paid.minus(settlement.settledTo('content-provider')).minus(settlement.settledTo('csp'));
    assert.deepEqual(
      {
        paid: settlement.paid.toFixed(2),
        cp: settlement.settledTo('content-provider').toFixed(2),
        csp: settlement.settledTo('csp').toFixed(2),
        margin: kept.toFixed(2),
      },
      { paid, cp, csp, margin },
    );
  },
);

Then(
  'the content provider disputed its note of {string} EUR before tax: {string}; the CSP accepted its note of {string} EUR',
  async function (this: HarnessWorld, cpNet: string, reason: string, cspNet: string) {
    const [first] = await ConvergedQuestions.noteReviews(this, 'content-provider');
    assert.deepEqual([first.revision, first.decision, new Decimal(first.taxExcludedAmount).toFixed(2)], [0, 'disputed', cpNet]);
    assert.equal(first.reasons.length, 1);
    assert.match(first.reasons[0], new RegExp(`^item \\S+: ${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    const csp = await ConvergedQuestions.noteReviews(this, 'csp');
    assert.deepEqual(
      csp.map((r) => [r.revision, r.decision, new Decimal(r.taxExcludedAmount).toFixed(2)]),
      [[0, 'accepted', cspNet]],
    );
  },
);

Then(
  'the car manufacturer revised only that item, to {string} EUR: {string}; the content provider accepted revision 1',
  async function (this: HarnessWorld, net: string, label: string) {
    const notes = await ConvergedQuestions.resources(this, 'car-manufacturer', 'BillingV2.settlementNoteAdvice');
    const cp = notes.filter((n) => (n.receiver as { id: string }).id === 'content-provider');
    assert.equal(cp.length, 1);
    const items = cp[0].settlementNoteItem as { itemLabel: string; taxExcludedAmount: number; disputeReason?: string }[];
    assert.deepEqual(
      items.map((i) => [new Decimal(i.taxExcludedAmount).toFixed(2), i.itemLabel.endsWith(label), i.disputeReason]),
      [[net, true, undefined]],
    );
    assert.equal(cp[0].revision, 1);
    const reviews = await ConvergedQuestions.noteReviews(this, 'content-provider');
    assert.deepEqual(
      reviews.map((r) => [r.revision, r.decision]),
      [
        [0, 'disputed'],
        [1, 'accepted'],
      ],
    );
  },
);

Then('the car manufacturer kept {string} EUR of the {string} EUR paid before tax', async function (this: HarnessWorld, margin: string, paid: string) {
  const settlement = await ConvergedQuestions.settlement(this);
  const kept = settlement.paid.minus(settlement.settledTo('content-provider')).minus(settlement.settledTo('csp'));
  assert.deepEqual([kept.toFixed(2), settlement.paid.toFixed(2)], [margin, paid]);
});

When("the driver {string} pays the car manufacturer's invoice", async function (this: HarnessWorld, customer: string) {
  await payInvoice(this, customer);
  assert.equal(this.answer?.status, 201, JSON.stringify(this.answer?.body));
});

When("the driver {string} pays {amount} EUR of the car manufacturer's invoice", async function (this: HarnessWorld, customer: string, amount: string) {
  await payInvoice(this, customer, amount);
});

Then("the driver was told in its inbox of the car manufacturer's invoice of {amount} EUR", async function (this: HarnessWorld, amount: string) {
  const inbox = (await this.state<{ inbox: { from: string; topic?: string; body: string }[] }>('driver')).inbox;
  const told = inbox.filter((m) => m.from === 'car-manufacturer' && m.topic === 'invoice-available');
  assert.equal(told.length, 1);
  assert.match(told[0].body, new RegExp(`Amount due ${amount.replace('.', '\\.')} EUR`));
});

Then(
  'the invoice of {string} is {string} with {amount} EUR remaining',
  async function (this: HarnessWorld, customer: string, state: string, remaining: string) {
    const [bill] = await ConvergedQuestions.billOf(this, customer);
    assert.equal(bill.state, state);
    assert.equal(new Decimal(String((bill.remainingAmount as { value: number }).value)).toFixed(2), remaining);
  },
);

Then('no partner was paid or sent a settlement note yet', async function (this: HarnessWorld) {
  assert.equal((await ConvergedQuestions.paidTo(this, 'content-provider')).toFixed(2), '0.00');
  assert.equal((await ConvergedQuestions.paidTo(this, 'csp')).toFixed(2), '0.00');
  assert.deepEqual(await ConvergedQuestions.resources(this, 'car-manufacturer', 'BillingV2.settlementNoteAdvice'), []);
});

When(
  "a new driver {string} with e-mail {string} orders the converged offer on the car manufacturer's portal",
  async function (this: HarnessWorld, name: string, email: string) {
    await orderAsNewDriver(this, name, email);
  },
);

When('the new customer {string} asks the content provider to activate the service', async function (this: HarnessWorld, name: string) {
  const [customer] = await customersNamed(this, name);
  await ConvergedOffer.requestActivation(this, customer.id);
});

Then(
  'the car manufacturer has {string} as a new customer, identified by {string}, with a billing account and one converged product {string}',
  async function (this: HarnessWorld, name: string, email: string, status: string) {
    const customers = await customersNamed(this, name);
    assert.equal(customers.length, 1);
    const [customer] = customers;
    assert.equal(customer.status, 'approved');
    assert.match(JSON.stringify(customer.contactMedium), new RegExp(email.replace('.', '\\.')));
    const accounts = (await ConvergedQuestions.resources(this, 'car-manufacturer', 'TMF666.billingAccount')).filter((a) =>
      (a.relatedParty as { id: string }[]).some((r) => r.id === customer.id),
    );
    assert.equal(accounts.length, 1);
    assert.deepEqual(
      (customer.account as { id: string }[]).map((a) => a.id),
      [accounts[0].id],
    );
    const products = await ConvergedQuestions.convergedProducts(this, customer.id);
    assert.deepEqual(
      products.map((p) => [p.status, (p.billingAccount as { id: string }).id]),
      [[status, accounts[0].id]],
    );
  },
);

Then('the driver was told in its inbox that the service of {string} is active', async function (this: HarnessWorld, name: string) {
  const inbox = (await this.state<{ inbox: { from: string; topic?: string; body: string }[] }>('driver')).inbox;
  const told = inbox.filter((m) => m.from === 'car-manufacturer' && m.topic === 'service-activated');
  assert.equal(told.length, 1);
  assert.ok(told[0].body.startsWith(`${name} service`), told[0].body);
});
