import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startEcosystem } from '../harness/ecosystem.ts';
import { ecosystemOptionsFromEnv } from '../harness/bindings.ts';

test('a harness listening on every address names itself by its public host in every wire URL', async () => {
  const ecosystem = await startEcosystem({ host: '0.0.0.0', publicHost: 'localhost' });
  try {
    assert.match(ecosystem.url, /^http:\/\/localhost:\d+$/);
    assert.match(ecosystem.wireUrl('car-manufacturer', 'csp'), /^http:\/\/localhost:\d+\/wire\/car-manufacturer\/csp$/);
    const health = await fetch(`${ecosystem.wireUrl('harness', 'csp')}/health`);
    assert.equal(health.status, 200, 'reachable by that name');
  } finally {
    await ecosystem.stop();
  }
});

test('by default the harness stays on the loopback address', async () => {
  const ecosystem = await startEcosystem();
  try {
    assert.match(ecosystem.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  } finally {
    await ecosystem.stop();
  }
});

test('the scenario hooks read the harness address from the environment', () => {
  const options = ecosystemOptionsFromEnv({ CCH_HARNESS_HOST: '0.0.0.0', CCH_HARNESS_PUBLIC_HOST: 'harness.lab', CCH_HARNESS_PORT: '8099' });
  assert.deepEqual([options.host, options.publicHost, options.port], ['0.0.0.0', 'harness.lab', 8099]);
});
