import { Given, Then, When } from '@cucumber/cucumber';
import { PartnerSetup } from './screenplay/figure7.ts';
import { ServiceUse, SplitBilling } from './screenplay/figure8.ts';
import { ServiceUseChecks as Check } from './screenplay/figure8-checks.ts';
import { MediationChecks as Mediation } from './screenplay/mediation-checks.ts';
import type { HarnessWorld } from './support/world.ts';

Given<HarnessWorld>("the car manufacturer has built its service catalog from the CSP's offers", function () {
  return this.oem.attemptsTo(PartnerSetup.buildServiceCatalog());
});
Given<HarnessWorld>('the driver is already a customer of the CSP', function () {
  return this.driver.attemptsTo(ServiceUse.becomeCspCustomer());
});
Given<HarnessWorld>('the driver has the {string} service', function (_service: string) {
  return this.driver.attemptsTo(ServiceUse.subscribe());
});
Given<HarnessWorld>(
  'the driver has the {string} service, the car manufacturer paying the first {int} MB of each month',
  function (_service: string, mb: number) {
    return this.driver.attemptsTo(ServiceUse.subscribe(SplitBilling.oemPaysFirstMB(mb)));
  },
);
Given<HarnessWorld>(
  'the driver has the {string} service, the car manufacturer paying {int} percent of the infotainment usage',
  function (_service: string, percent: number) {
    return this.driver.attemptsTo(ServiceUse.subscribe(SplitBilling.oemPaysPercent(percent)));
  },
);

When<HarnessWorld>('the car manufacturer sells a car to the driver', function () {
  return this.oem.attemptsTo(ServiceUse.sellCar());
});
When<HarnessWorld>('the driver selects the {string} service and agrees to pay its connectivity', function (_service: string) {
  return this.driver.attemptsTo(ServiceUse.selectService());
});
When<HarnessWorld>('the car uses {int} MB of infotainment and {int} MB of telematics data in January', function (info: number, tel: number) {
  return this.driver.attemptsTo(ServiceUse.drive(info, tel));
});
When<HarnessWorld>('the car sends infotainment sessions of {intList} MB in January, one after the other', function (volumes: number[]) {
  return this.driver.attemptsTo(ServiceUse.driveSessions(volumes));
});
Then<HarnessWorld>(
  'the {int} MB record costs {string} EUR, of which the car manufacturer pays {string} EUR and the driver {string} EUR',
  function (mb: number, amount: string, oem: string, driver: string) {
    return this.tester.attemptsTo(Check.recordCharged(mb, amount, { buyer: oem, thirdPartyPayer: driver }));
  },
);
Then<HarnessWorld>('the {int} MB record costs {string} EUR', function (mb: number, amount: string) {
  return this.tester.attemptsTo(Check.recordCharged(mb, amount, {}));
});
When<HarnessWorld>('the car reports {int} MB of infotainment on a subscription the CSP does not know', function (mb: number) {
  return this.driver.attemptsTo(ServiceUse.driveOnUnknownSubscription(mb));
});
When<HarnessWorld>('the car sends its last usage record again', function () {
  return this.driver.attemptsTo(ServiceUse.resendLastRecord());
});
When<HarnessWorld>('the car manufacturer follows up the usage of its cars', function () {
  return this.oem.attemptsTo(ServiceUse.followUsage());
});
When<HarnessWorld>("the car manufacturer asks the CSP for the driver's bill", function () {
  return this.oem.attemptsTo(ServiceUse.readTheDriversBill(this.tester));
});
When<HarnessWorld>('the car manufacturer lists its bills at the CSP', function () {
  return this.oem.attemptsTo(ServiceUse.listOwnBills());
});
When<HarnessWorld>('the content provider asks the CSP for usage records', function () {
  return this.contentProvider.attemptsTo(ServiceUse.readUsageRecords());
});

Then<HarnessWorld>("the driver is offered the car manufacturer's infotainment services", function () {
  return this.tester.attemptsTo(Check.offered());
});
Then<HarnessWorld>('the CSP has the driver as a new customer with a billing account of its own', function () {
  return this.tester.attemptsTo(Check.newCustomer());
});
Then<HarnessWorld>("the CSP's order was completed, each change of state notified to the car manufacturer", function () {
  return this.tester.attemptsTo(Check.orderCompletedAndNotified());
});
Then<HarnessWorld>("the car's subscription is active, billed to the driver's account, and mediation collects its usage", function () {
  return this.tester.attemptsTo(Check.subscriptionCollected());
});
Then<HarnessWorld>('every usage record is rated, infotainment for the driver and telematics for the car manufacturer', function () {
  return this.tester.attemptsTo(Check.ratedByClass());
});
Then<HarnessWorld>('every infotainment record is within the allowance, at no charge', function () {
  return this.tester.attemptsTo(Check.infotainmentIncluded());
});
Then<HarnessWorld>('the car manufacturer saw every usage record of its car', function () {
  return this.tester.attemptsTo(Check.followedUp());
});
Then<HarnessWorld>('the car manufacturer saw only the usage shares it pays itself', function () {
  return this.tester.attemptsTo(Check.oemSawOnlyItsShares());
});
Then<HarnessWorld>('the CSP issued one bill to the driver and one to the car manufacturer for {string}', function (_period: string) {
  return this.tester.attemptsTo(Check.oneBillEach());
});
Then<HarnessWorld>("the driver's bill charges its monthly fee and no data usage", function () {
  return this.tester.attemptsTo(Check.monthlyFeeOnly());
});
Then<HarnessWorld>('every usage record of the month is billed', function () {
  return this.tester.attemptsTo(Check.allBilled());
});
Then<HarnessWorld>('the driver was told once that its invoice is available', function () {
  return this.tester.attemptsTo(Check.toldOnce());
});
Then<HarnessWorld>("the car manufacturer ordered on the driver's existing billing account", function () {
  return this.tester.attemptsTo(Check.orderedOnExistingAccount());
});
Then<HarnessWorld>('the CSP created no second customer and no second billing account for the driver', function () {
  return this.tester.attemptsTo(Check.noSecondCustomer());
});
Then<HarnessWorld>(
  "the driver's bill charges {amount} EUR for the {int} MB beyond the allowance at 0.0125 EUR per MB, rounded per record",
  function (amount: string, mb: number) {
    return this.tester.attemptsTo(Check.overageRoundedPerRecord(amount, mb));
  },
);
Then<HarnessWorld>('the shares of every usage record add up to its amount', function () {
  return this.tester.attemptsTo(Check.sharesAddUp());
});
Then<HarnessWorld>('the CSP refused the repeated record as a duplicate', function () {
  return this.tester.attemptsTo(Check.duplicateRefused());
});
Then<HarnessWorld>('each usage record was received and rated only once', function () {
  return this.tester.attemptsTo(Check.receivedOnce());
});
Then<HarnessWorld>('the CSP kept every one of those records as rejected, naming the unknown subscription', function () {
  return this.tester.attemptsTo(Check.rejectedKept());
});
Then<HarnessWorld>('none of them was rated or charged to anyone', function () {
  return this.tester.attemptsTo(Check.nothingRated());
});
Then<HarnessWorld>('no bill holds the same item twice and every usage share is billed once', function () {
  return this.tester.attemptsTo(Check.noItemTwice());
});
Then<HarnessWorld>("only the car manufacturer's own bill comes back", function () {
  return this.tester.attemptsTo(Check.onlyOwnBill());
});

Given<HarnessWorld>('the car manufacturer has a driver known to the CSP', function () {
  return this.driver.attemptsTo(ServiceUse.subscribe());
});
When<HarnessWorld>('the car reports {int} MB of infotainment used in January, after January was billed', function (mb: number) {
  return this.driver.attemptsTo(ServiceUse.sendLateRecord(mb));
});
When<HarnessWorld>('the car manufacturer orders {string} for the driver, paying {int} percent of its usage', function (offering: string, percent: number) {
  return this.oem.attemptsTo(ServiceUse.orderWithSplit(offering, percent, this.tester));
});
Then<HarnessWorld>('every usage record went received, then guided, then rated at the CSP', function () {
  return this.tester.attemptsTo(Mediation.statesInOrder());
});
Then<HarnessWorld>('the car manufacturer heard each record of its car guided, then rated', function () {
  return this.tester.attemptsTo(Mediation.oemHeardStates());
});
Then<HarnessWorld>(
  'the car manufacturer heard it pays {amount} EUR for the telematics records and nothing for the infotainment records',
  function (amount: string) {
    return this.tester.attemptsTo(Mediation.oemHeardAmounts(amount, '0.00'));
  },
);
Then<HarnessWorld>("the late record is rated {amount} EUR for the driver, beyond January's allowance", function (amount: string) {
  return this.tester.attemptsTo(Mediation.lateRecordRated(amount));
});
Then<HarnessWorld>("the driver's bill for {string} still charges {amount} EUR of data usage", function (period: string, amount: string) {
  return this.tester.attemptsTo(Mediation.usageCharged(period, amount));
});
Then<HarnessWorld>(
  "the driver's bill for {string} charges the late record on a line {string} of {amount} EUR, {amount} EUR with VAT",
  function (period: string, name: string, excluded: string, included: string) {
    return this.tester.attemptsTo(Mediation.lateLine(period, name, excluded, included));
  },
);
Then<HarnessWorld>('every usage record is billed, each share on exactly one bill', function () {
  return this.tester.attemptsTo(Mediation.everyShareOnOneBill());
});
Then<HarnessWorld>('the answer is a TMF error with status {int} naming {string}', function (status: number, text: string) {
  return this.tester.attemptsTo(Mediation.refusedNaming(status, text));
});
Then<HarnessWorld>('the CSP holds no order for the driver', function () {
  return this.tester.attemptsTo(Mediation.noOrderFor('po-telematics'));
});
Then<HarnessWorld>(
  "the car manufacturer's own order was fulfilled: completed with the CSP's, the driver's infotainment service active in its inventory",
  function () {
    return this.tester.attemptsTo(Check.ownOrderFulfilled());
  },
);
