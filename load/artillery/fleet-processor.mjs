// Artillery processor for load/artillery/fleet.yml: each virtual user sends one batch of the fleet's usage
// (the project's own usage generator, through the CSP's usage batch extension) and checks the CSP's answer.
// Environment: CCH_FLEET_FILE (JSON {month, cars: [{vehicleId, subscription}]}, as `cch fleet --onboard-only
// --fleet-file` writes it), CCH_CARS_PER_BATCH (default 100), CCH_FLEET_SLICE ("k/n": this load generator
// sends batches k, k+n, k+2n, … — one slice per machine of a distributed run; default "1/1").
import { readFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { fleetBatchRecords } = await import('../../harness/fleet/batch.ts');

const fleet = JSON.parse(readFileSync(process.env.CCH_FLEET_FILE ?? 'fleet.json', 'utf8'));
const carsPerBatch = Number(process.env.CCH_CARS_PER_BATCH ?? 100);
const [slice, slices] = (process.env.CCH_FLEET_SLICE ?? '1/1').split('/').map(Number);
const batches = Math.ceil(fleet.cars.length / carsPerBatch);
// Each worker of this machine takes the next batch of its slice; one batch per virtual user.
let taken = 0;

/** A flow step: takes the next batch of this slice (`hasBatch` false when none is left, and no request is sent). */
export function nextFleetBatch(context, _events, next) {
  const batch = slice - 1 + slices * taken++;
  context.vars.hasBatch = batch < batches;
  if (context.vars.hasBatch) context.vars.records = fleetBatchRecords(fleet, batch * carsPerBatch, carsPerBatch);
  return next();
}

/** beforeRequest: the batch as NDJSON, one TMF635 Usage create body a line. */
export function ndjsonBody(requestParams, context, _events, next) {
  const records = context.vars.records;
  context.vars.sent = records.length;
  requestParams.body = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
  requestParams.headers = { ...requestParams.headers, 'content-type': 'application/x-ndjson' };
  delete context.vars.records;
  return next();
}

/** afterResponse: every line answered accepted or duplicate (never rejected), counted as custom metrics. */
export function checkBatch(_requestParams, response, context, events, next) {
  let summary;
  try {
    summary = JSON.parse(response.body);
  } catch {
    summary = undefined;
  }
  const sent = context.vars.sent;
  events.emit('counter', 'fleet.records_sent', sent);
  if (response.statusCode !== 200 || !summary || summary.lines !== sent) {
    events.emit('counter', 'fleet.batches_failed', 1);
    return next(new Error(`fleet batch answered ${response.statusCode}: ${String(response.body).slice(0, 200)}`));
  }
  events.emit('counter', 'fleet.records_accepted', summary.accepted);
  events.emit('counter', 'fleet.records_duplicate', summary.duplicates);
  events.emit('counter', 'fleet.records_rejected', summary.rejected);
  if (summary.accepted + summary.duplicates !== sent || summary.rejected > 0) {
    events.emit('counter', 'fleet.batches_failed', 1);
    return next(new Error(`fleet batch did not reconcile: ${summary.rejected} rejected, first: ${summary.rejections[0]?.reason ?? '-'}`));
  }
  return next();
}
