import { Given, Then, When } from '@cucumber/cucumber';
import { PartnerSetup } from './screenplay/figure7.ts';
import { ServiceUse } from './screenplay/figure8.ts';
import { ServiceUseChecks as Check } from './screenplay/figure8-checks.ts';
import { Mediation } from './screenplay/mediation.ts';
import type { HarnessWorld } from './support/world.ts';

type W = HarnessWorld;

Given("the car manufacturer has built its service catalog from the CSP's offers", async function (this: W) {
  await PartnerSetup.buildServiceCatalog(this);
});
Given('the driver is already a customer of the CSP', async function (this: W) {
  await ServiceUse.becomeCspCustomer(this);
});
Given('the driver has the {string} service', async function (this: W, _service: string) {
  await ServiceUse.subscribe(this);
});
Given(
  'the driver has the {string} service, the car manufacturer paying the first {int} MB of each month',
  async function (this: W, _service: string, mb: number) {
    await ServiceUse.subscribe(this, {
      basis: 'volumeThreshold',
      thresholdMB: mb,
      belowThresholdPayerRole: 'buyer',
      aboveThresholdPayerRole: 'thirdPartyPayer',
    });
  },
);
Given(
  'the driver has the {string} service, the car manufacturer paying {int} percent of the infotainment usage',
  async function (this: W, _service: string, percent: number) {
    await ServiceUse.subscribe(this, {
      basis: 'percentage',
      shares: [
        { payerRole: 'buyer', percent },
        { payerRole: 'thirdPartyPayer', percent: 100 - percent },
      ],
    });
  },
);

When('the car manufacturer sells a car to the driver', async function (this: W) {
  await ServiceUse.sellCar(this);
});
When('the driver selects the {string} service and agrees to pay its connectivity', async function (this: W, _service: string) {
  await ServiceUse.selectService(this);
});
When('the car uses {int} MB of infotainment and {int} MB of telematics data in January', async function (this: W, info: number, tel: number) {
  await ServiceUse.drive(this, info, tel);
});
When('the car sends infotainment sessions of {intList} MB in January, one after the other', async function (this: W, volumes: number[]) {
  await ServiceUse.driveSessions(this, volumes);
});
Then(
  'the {int} MB record costs {string} EUR, of which the car manufacturer pays {string} EUR and the driver {string} EUR',
  function (this: W, mb: number, amount: string, oem: string, driver: string) {
    return Check.recordCharged(this, mb, amount, { buyer: oem, thirdPartyPayer: driver });
  },
);
Then('the {int} MB record costs {string} EUR', function (this: W, mb: number, amount: string) {
  return Check.recordCharged(this, mb, amount, {});
});
When('the car reports {int} MB of infotainment on a subscription the CSP does not know', async function (this: W, mb: number) {
  await ServiceUse.driveOnUnknownSubscription(this, mb);
});
When('the car sends its last usage record again', async function (this: W) {
  await ServiceUse.resendLastRecord(this);
});
When('the car manufacturer follows up the usage of its cars', async function (this: W) {
  await ServiceUse.followUsage(this);
});
When("the car manufacturer asks the CSP for the driver's bill", async function (this: W) {
  await ServiceUse.oemReadsDriverBill(this);
});
When('the car manufacturer lists its bills at the CSP', async function (this: W) {
  await ServiceUse.oemListsBills(this);
});
When('the content provider asks the CSP for usage records', async function (this: W) {
  await ServiceUse.contentProviderReadsUsage(this);
});

Then("the driver is offered the car manufacturer's infotainment services", function (this: W) {
  return Check.offered(this);
});
Then('the CSP has the driver as a new customer with a billing account of its own', function (this: W) {
  return Check.newCustomer(this);
});
Then("the CSP's order was completed, each change of state notified to the car manufacturer", function (this: W) {
  return Check.orderCompletedAndNotified(this);
});
Then("the car's subscription is active, billed to the driver's account, and mediation collects its usage", function (this: W) {
  return Check.subscriptionCollected(this);
});
Then('every usage record is rated, infotainment for the driver and telematics for the car manufacturer', function (this: W) {
  return Check.ratedByClass(this);
});
Then('every infotainment record is within the allowance, at no charge', function (this: W) {
  return Check.infotainmentIncluded(this);
});
Then('the car manufacturer saw every usage record of its car', function (this: W) {
  return Check.followedUp(this);
});
Then('the car manufacturer saw only the usage shares it pays itself', function (this: W) {
  return Check.oemSawOnlyItsShares(this);
});
Then('the CSP issued one bill to the driver and one to the car manufacturer for {string}', function (this: W, _period: string) {
  return Check.oneBillEach(this);
});
Then("the driver's bill charges its monthly fee and no data usage", function (this: W) {
  return Check.monthlyFeeOnly(this);
});
Then('every usage record of the month is billed', function (this: W) {
  return Check.allBilled(this);
});
Then('the driver was told once that its invoice is available', function (this: W) {
  return Check.toldOnce(this);
});
Then("the car manufacturer ordered on the driver's existing billing account", function (this: W) {
  return Check.orderedOnExistingAccount(this);
});
Then('the CSP created no second customer and no second billing account for the driver', function (this: W) {
  return Check.noSecondCustomer(this);
});
Then(
  "the driver's bill charges {amount} EUR for the {int} MB beyond the allowance at 0.0125 EUR per MB, rounded per record",
  function (this: W, amount: string, mb: number) {
    return Check.overageRoundedPerRecord(this, amount, mb);
  },
);
Then('the shares of every usage record add up to its amount', function (this: W) {
  return Check.sharesAddUp(this);
});
Then('the CSP refused the repeated record as a duplicate', function (this: W) {
  return Check.duplicateRefused(this);
});
Then('each usage record was received and rated only once', function (this: W) {
  return Check.receivedOnce(this);
});
Then('the CSP kept every one of those records as rejected, naming the unknown subscription', function (this: W) {
  return Check.rejectedKept(this);
});
Then('none of them was rated or charged to anyone', function (this: W) {
  return Check.nothingRated(this);
});
Then('no bill holds the same item twice and every usage share is billed once', function (this: W) {
  return Check.noItemTwice(this);
});
Then("only the car manufacturer's own bill comes back", function (this: W) {
  return Check.onlyOwnBill(this);
});

Given('the car manufacturer has a driver known to the CSP', async function (this: W) {
  await ServiceUse.subscribe(this);
});
When('the car reports {int} MB of infotainment used in January, after January was billed', async function (this: W, mb: number) {
  await Mediation.sendLateRecord(this, mb);
});
When('the car manufacturer orders {string} for the driver, paying {int} percent of its usage', async function (this: W, offering: string, percent: number) {
  await Mediation.orderWithSplit(this, offering, percent);
});
Then('every usage record went received, then guided, then rated at the CSP', function (this: W) {
  return Mediation.statesInOrder(this);
});
Then('the car manufacturer heard each record of its car guided, then rated', function (this: W) {
  return Mediation.oemHeardStates(this);
});
Then('the car manufacturer heard it pays {amount} EUR for the telematics records and nothing for the infotainment records', function (this: W, amount: string) {
  return Mediation.oemHeardAmounts(this, amount, '0.00');
});
Then("the late record is rated {amount} EUR for the driver, beyond January's allowance", function (this: W, amount: string) {
  return Mediation.lateRecordRated(this, amount);
});
Then("the driver's bill for {string} still charges {amount} EUR of data usage", function (this: W, period: string, amount: string) {
  return Mediation.usageCharged(this, period, amount);
});
Then(
  "the driver's bill for {string} charges the late record on a line {string} of {amount} EUR, {amount} EUR with VAT",
  function (this: W, period: string, name: string, excluded: string, included: string) {
    return Mediation.lateLine(this, period, name, excluded, included);
  },
);
Then('every usage record is billed, each share on exactly one bill', function (this: W) {
  return Mediation.everyShareOnOneBill(this);
});
Then('the answer is a TMF error with status {int} naming {string}', function (this: W, status: number, text: string) {
  return Mediation.refusedNaming(this, status, text);
});
Then('the CSP holds no order for the driver', function (this: W) {
  return Mediation.noOrderFor(this, 'po-telematics');
});
Then("the car manufacturer's own order was fulfilled: completed with the CSP's, the driver's infotainment service active in its inventory", function (this: W) {
  return Check.ownOrderFulfilled(this);
});
