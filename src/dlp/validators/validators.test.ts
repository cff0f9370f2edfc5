import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isBasicCredential } from './basic-auth.ts';
import { isDocumentationEmail, isImpersonalEmail } from './email.ts';
import { looksRandom, shannonEntropy } from './entropy.ts';
import { isIban, passesMod97 } from './iban.ts';
import { isReportableIpAddress } from './ip-address.ts';
import { isJwt } from './jwt.ts';
import { isPaymentCardNumber, passesLuhn } from './luhn.ts';
import { isPhoneNumber } from './phone.ts';
import { isPlaceholderSecret } from './placeholder.ts';
import { isUsSsn } from './us-ssn.ts';

describe('passesLuhn and isPaymentCardNumber', () => {
  it('accepts Luhn-valid numbers and refuses one digit off', () => {
    assert.equal(passesLuhn('79927398713'), true);
    assert.equal(passesLuhn('79927398710'), false);
    assert.equal(passesLuhn('12a4'), false);
  });

  it('needs an issuer prefix and length as well as Luhn, and skips the published test cards', () => {
    assert.equal(isPaymentCardNumber('4539 1488 0343 6467'), true); // Visa, valid
    assert.equal(isPaymentCardNumber('5389-4345-3709-1101'), true); // Mastercard
    assert.equal(isPaymentCardNumber('4539 1488 0343 6468'), false); // Luhn fails
    assert.equal(isPaymentCardNumber('1760000000005'), false); // a millisecond timestamp: no issuer starts with 1
    assert.equal(isPaymentCardNumber('4242424242424242'), false);
    assert.equal(isPaymentCardNumber('4111 1111 1111 1111'), false);
    assert.equal(isPaymentCardNumber('37828224631000'), false); // Amex prefix, wrong length
  });
});

describe('isIban', () => {
  it('checks mod 97 and the country length', () => {
    assert.equal(passesMod97('GB33BUKB20201555555555'), true);
    assert.equal(isIban('GB33 BUKB 2020 1555 5555 55'), true);
    assert.equal(isIban('GB34BUKB20201555555555'), false); // check digits wrong
    assert.equal(isIban('GB33BUKB2020155555555'), false); // one short
    assert.equal(isIban('XX33BUKB20201555555555'), false); // no such country
    assert.equal(isIban('DE89370400440532013000'), false); // the published specimen
  });
});

describe('isUsSsn', () => {
  it('refuses the ranges the SSA never issues and its published examples', () => {
    assert.equal(isUsSsn('219-09-9998'), true);
    assert.equal(isUsSsn('219099998'), true);
    for (const invalid of ['000-12-3456', '666-12-3456', '900-12-3456', '999-12-3456', '123-00-4567', '123-45-0000', '078-05-1120', '123-45-6789']) {
      assert.equal(isUsSsn(invalid), false, invalid);
    }
  });
});

describe('shannonEntropy and looksRandom', () => {
  it('measures bits per character', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
  });

  it('tells generated tokens from words and counters', () => {
    assert.equal(looksRandom('hPw9rj1QkzYqjwyfTey5Ku4e3oNVqFNE'), true);
    assert.equal(looksRandom('bert-base-multilingual-cased'), false); // no digit
    assert.equal(looksRandom('1111111111111111a'), false); // low entropy
  });
});

describe('isPlaceholderSecret', () => {
  it('recognizes documentation and template values', () => {
    for (const value of ['AKIAIOSFODNN7EXAMPLE', 'xxxx', 'xxxxxxxx', '<your-key>', '${DB_PASSWORD}', '${{ secrets.TOKEN }}', '$API_TOKEN', '{{secret}}', 'changeme', 'example', 'placeholder', '****', 'YOUR_API_KEY', '[REDACTED:password]', 'process.env.TOKEN', 'os.environ[', 'z.string()', 'user.password', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc']) {
      assert.equal(isPlaceholderSecret(value), true, value);
    }
  });

  it('keeps real-looking secrets', () => {
    for (const value of ['hunter2real!', 's3cr3tpw', 'AKIAABCDEFGHIJKLMNOP', 'correct horse battery', 'Summer.Time2024']) {
      assert.equal(isPlaceholderSecret(value), false, value);
    }
  });
});

describe('isDocumentationEmail and isImpersonalEmail', () => {
  it('exempts the reserved documentation domains only', () => {
    assert.equal(isDocumentationEmail('alice@example.com'), true);
    assert.equal(isDocumentationEmail('bob@mail.example.org'), true);
    assert.equal(isDocumentationEmail('carol@corp.io'), false);
    assert.equal(isDocumentationEmail('dave@example.com.evil.io'), false);
  });

  it('exempts addresses that name no person', () => {
    for (const value of ['git@github.com', 'noreply@github.com', 'logo@2x.png', '123+bot@users.noreply.github.com', 'deployer@ledger.iam.gserviceaccount.com']) {
      assert.equal(isImpersonalEmail(value), true, value);
    }
    assert.equal(isImpersonalEmail('dana.whitfield@acme-payments.io'), false);
  });
});

describe('isPhoneNumber', () => {
  it('counts digits and checks North American area codes', () => {
    assert.equal(isPhoneNumber('+44 20 7946 0958'), true);
    assert.equal(isPhoneNumber('(415) 555-0132'), true);
    assert.equal(isPhoneNumber('(115) 555-0132'), false); // no area code starts with 1
    assert.equal(isPhoneNumber('+1234567'), false); // too short
    assert.equal(isPhoneNumber('+1234567890123456'), false); // longer than E.164 allows
    assert.equal(isPhoneNumber('+0 20 7946 0958'), false);
  });
});

describe('isReportableIpAddress', () => {
  it('reports public and private addresses, not loopback or documentation ranges', () => {
    assert.equal(isReportableIpAddress('34.120.7.19'), true);
    assert.equal(isReportableIpAddress('10.0.4.12'), true);
    assert.equal(isReportableIpAddress('2a01:4f8:1c0c:8013::1'), true);
    for (const value of ['127.0.0.1', '0.0.0.0', '192.0.2.15', '203.0.113.9', '::1', '2001:db8::1', '12:30:45', 'aa:bb:cc:dd:ee:ff']) {
      assert.equal(isReportableIpAddress(value), false, value);
    }
  });
});

describe('isJwt and isBasicCredential', () => {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it('decodes a JWT header naming an algorithm and a JSON payload', () => {
    assert.equal(isJwt(`${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: '42' })}.c2lnbmF0dXJlLWJ5dGVzLWhlcmU`), true);
    assert.equal(isJwt(`${b64({ typ: 'JWT' })}.${b64({ sub: '42' })}.c2ln`), false);
    assert.equal(isJwt('eyJub3QganNvbg.eyJ4.c2ln'), false);
  });

  it('decodes a Basic credential to user:password', () => {
    assert.equal(isBasicCredential(Buffer.from('deploy:Tr0ub4dor&3').toString('base64')), true);
    assert.equal(isBasicCredential('authentication'), false);
    assert.equal(isBasicCredential(Buffer.from('nocolon').toString('base64')), false);
  });
});
