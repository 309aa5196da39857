import { Given, Then, When } from '@cucumber/cucumber';
import { OrderChecks, PartnerSettlementChecks as Settled } from './screenplay/converged-checks.ts';
import { ConvergedOffer } from './screenplay/converged-offer.ts';
import type { HarnessWorld } from './support/world.ts';

Given<HarnessWorld>(
  "a converged offer {string} for {string} EUR bundles {string} at {string} and the CSP's {string} at {string}",
  function (name: string, fee: string, own: string, ownFee: string, csp: string, cspFee: string) {
    return this.tester.attemptsTo(ConvergedOffer.inPlace({ csp: this.csp, contentProvider: this.contentProvider }, { name, fee, own, ownFee, csp, cspFee }));
  },
);

Given<HarnessWorld>(/^the driver "([^"]*)" orders the converged offer on the car manufacturer's portal$/, function (customer: string) {
  return this.driver.attemptsTo(ConvergedOffer.orderOnPortal(customer));
});

When<HarnessWorld>(
  /^the driver "([^"]*)" orders the converged offer through the (csp|content-provider)'s channel$/,
  function (customer: string, channel: 'csp' | 'content-provider') {
    return this.driver.attemptsTo(ConvergedOffer.orderThroughChannel(customer, channel, this.tester));
  },
);

When<HarnessWorld>('the driver {string} asks the content provider to activate the service', function (customer: string) {
  return this.driver.attemptsTo(ConvergedOffer.requestActivation(customer));
});

When<HarnessWorld>("the car manufacturer's billing period {string} ends", function (period: string) {
  return this.tester.attemptsTo(ConvergedOffer.endBillingPeriod(period));
});

Then<HarnessWorld>('the car manufacturer created a billing account for {string}', function (customer: string) {
  return this.tester.attemptsTo(OrderChecks.accountFor(customer));
});

Then<HarnessWorld>('{string} has one converged product with status {string}', function (customer: string, status: string) {
  return this.tester.attemptsTo(OrderChecks.oneConvergedProduct(customer, status));
});

Then<HarnessWorld>('the CSP registered the connectivity subscription for {string}', function (customer: string) {
  return this.tester.attemptsTo(OrderChecks.connectivityRegistered(customer));
});

Then<HarnessWorld>('the content provider ordered nothing from the CSP', function () {
  return this.tester.attemptsTo(OrderChecks.noOrderAtCsp());
});

Then<HarnessWorld>('the car manufacturer billed {string} {string} EUR before tax', function (customer: string, amount: string) {
  return this.tester.attemptsTo(OrderChecks.billed(customer, amount));
});

Then<HarnessWorld>(
  'each partner accepted its settlement note and was paid it with tax: the content provider {string} EUR \\({amount} + 20 % VAT), the CSP {string} EUR \\({amount} + 20 % VAT)',
  function (cp: string, cpNet: string, csp: string, cspNet: string) {
    return this.tester.attemptsTo(Settled.eachAcceptedAndPaid(cp, cpNet, csp, cspNet));
  },
);

/** What the driver paid, split to the cent between the partners and the car manufacturer's margin (the feature derives each amount). */
Then<HarnessWorld>(
  'of the {amount} EUR the driver paid, the content provider was settled {amount} EUR, the CSP {amount} EUR and the car manufacturer kept {amount} EUR',
  function (paid: string, cp: string, csp: string, margin: string) {
    return this.tester.attemptsTo(Settled.split(paid, cp, csp, margin));
  },
);

Then<HarnessWorld>(
  'the content provider disputed its note of {string} EUR before tax: {string}; the CSP accepted its note of {string} EUR',
  function (cpNet: string, reason: string, cspNet: string) {
    return this.tester.attemptsTo(Settled.disputedAndAccepted(cpNet, reason, cspNet));
  },
);

Then<HarnessWorld>(
  'the car manufacturer revised only that item, to {string} EUR: {string}; the content provider accepted revision 1',
  function (net: string, label: string) {
    return this.tester.attemptsTo(Settled.revisedOnlyThatItem(net, label));
  },
);

Then<HarnessWorld>('the car manufacturer kept {string} EUR of the {string} EUR paid before tax', function (margin: string, paid: string) {
  return this.tester.attemptsTo(Settled.kept(margin, paid));
});

When<HarnessWorld>("the driver {string} pays the car manufacturer's invoice", function (customer: string) {
  return this.driver.attemptsTo(ConvergedOffer.payInvoice(customer), OrderChecks.paid());
});

When<HarnessWorld>("the driver {string} pays {amount} EUR of the car manufacturer's invoice", function (customer: string, amount: string) {
  return this.driver.attemptsTo(ConvergedOffer.payInvoice(customer, amount));
});

Then<HarnessWorld>("the driver was told in its inbox of the car manufacturer's invoice of {amount} EUR", function (amount: string) {
  return this.tester.attemptsTo(OrderChecks.toldOfInvoice(amount));
});

Then<HarnessWorld>('the invoice of {string} is {string} with {amount} EUR remaining', function (customer: string, state: string, remaining: string) {
  return this.tester.attemptsTo(OrderChecks.invoiceState(customer, state, remaining));
});

Then<HarnessWorld>('no partner was paid or sent a settlement note yet', function () {
  return this.tester.attemptsTo(Settled.nothingSettledYet());
});

When<HarnessWorld>(
  "a new driver {string} with e-mail {string} orders the converged offer on the car manufacturer's portal",
  function (name: string, email: string) {
    return this.driver.attemptsTo(ConvergedOffer.orderAsNewDriver(name, email));
  },
);

When<HarnessWorld>('the new customer {string} asks the content provider to activate the service', function (name: string) {
  return this.driver.attemptsTo(ConvergedOffer.requestActivationAs(name, this.tester));
});

Then<HarnessWorld>(
  'the car manufacturer has {string} as a new customer, identified by {string}, with a billing account and one converged product {string}',
  function (name: string, email: string, status: string) {
    return this.tester.attemptsTo(OrderChecks.newCustomer(name, email, status));
  },
);

Then<HarnessWorld>('the driver was told in its inbox that the service of {string} is active', function (name: string) {
  return this.tester.attemptsTo(OrderChecks.toldActive(name));
});
