/** Tests of the log-in throttle. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LoginThrottle } from './login-throttle.ts';

test('locks out a name from an address after too many failures, until the window passes', () => {
  const t = new LoginThrottle({ perUser: 3, perAddress: 100, windowMs: 1000 });
  for (let i = 0; i < 3; i++) {
    t.check('10.0.0.1', 'admin', 0);
    t.fail('10.0.0.1', 'admin', 0);
  }
  assert.throws(() => t.check('10.0.0.1', 'admin', 10), { code: 'CORVID_ERR_AUTH_THROTTLED' });
  t.check('10.0.0.2', 'admin', 10); // another address is not affected
  t.check('10.0.0.1', 'alice', 10); // nor another name
  t.check('10.0.0.1', 'admin', 1001); // the window has passed
});

test('locks out an address that tries many names', () => {
  const t = new LoginThrottle({ perUser: 100, perAddress: 5, windowMs: 1000 });
  for (let i = 0; i < 5; i++) t.fail('10.0.0.9', `user${i}`, 0);
  assert.throws(() => t.check('10.0.0.9', 'someone-else', 1), { code: 'CORVID_ERR_AUTH_THROTTLED' });
});

test('a success clears the failures of that name', () => {
  const t = new LoginThrottle({ perUser: 2, perAddress: 100, windowMs: 1000 });
  t.fail('a', 'n', 0);
  t.succeed('a', 'n');
  t.fail('a', 'n', 0);
  t.check('a', 'n', 1);
});
