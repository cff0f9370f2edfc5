import type { DlpRule } from '../rule.ts';
import { looksRandom } from '../validators/entropy.ts';
import { isPlaceholderSecret } from '../validators/placeholder.ts';
import { ASSIGN, OPEN_QUOTE } from './pattern-parts.ts';

const randomSecret = (value: string) => isPlaceholderSecret(value) || !looksRandom(value, 3.5);

/** AWS, Google Cloud and Azure credentials. */
export const CLOUD_RULES: readonly DlpRule[] = [
  {
    id: 'aws-access-key-id',
    type: 'aws_access_key_id',
    keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
  {
    // Only in context: 40 base64 characters alone are as likely a hash.
    id: 'aws-secret-access-key',
    type: 'aws_secret_access_key',
    keywords: ['aws_secret', 'aws-secret', 'awssecret', 'secret_access', 'secret-access', 'secretaccess'],
    startsAtKeyword: true,
    pattern: new RegExp(
      String.raw`(?:aws[_-]?secret(?:[_-]?access)?(?:[_-]?key)?|secret[_-]?access[_-]?key)${ASSIGN}${OPEN_QUOTE}([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
      'gi',
    ),
    confidence: 0.9,
    exempt: randomSecret,
  },
  {
    // A credentials CSV or table row: the key id, a separator, then its secret.
    id: 'aws-secret-after-key-id',
    type: 'aws_secret_access_key',
    keywords: ['akia', 'asia'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}["']?[ \t]{0,4}[,;:|\t][ \t]{0,4}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g,
    confidence: 0.9,
    exempt: randomSecret,
  },
  {
    id: 'gcp-api-key',
    type: 'gcp_api_key',
    keywords: ['aiza'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
  {
    // The key of a service-account JSON file, newlines escaped as `\n`.
    id: 'gcp-service-account-key',
    type: 'gcp_service_account_key',
    keywords: ['"private_key"'],
    startsAtKeyword: true,
    pattern: /"private_key"[ \t]{0,8}:[ \t]{0,8}"(-----BEGIN PRIVATE KEY-----(?:[A-Za-z0-9+/=\s]|\\[nr]){64,8192}?-----END PRIVATE KEY-----)/g,
    confidence: 0.99,
    exempt: () => false,
  },
  {
    id: 'azure-storage-account-key',
    type: 'azure_storage_key',
    keywords: ['accountkey'],
    startsAtKeyword: true,
    pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/gi,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'azure-storage-key-assignment',
    type: 'azure_storage_key',
    keywords: ['azure_storage', 'azure-storage', 'azurestorage'],
    startsAtKeyword: true,
    pattern: new RegExp(String.raw`azure[_-]?storage[_-]?(?:account[_-]?)?(?:access[_-]?)?key${ASSIGN}${OPEN_QUOTE}([A-Za-z0-9+/]{86}==)`, 'gi'),
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
  {
    // Service Bus, Event Hubs and IoT Hub connection strings.
    id: 'azure-shared-access-key',
    type: 'azure_shared_access_key',
    keywords: ['sharedaccesskey='],
    startsAtKeyword: true,
    pattern: /SharedAccessKey=([A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])/gi,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
  {
    // The signature of a SAS URL or connection string; other `sig=` parameters are left alone.
    id: 'azure-sas-signature',
    type: 'azure_sas_token',
    keywords: ['.core.windows.net', 'sharedaccesssignature'],
    pattern: /[?&;]sig=([A-Za-z0-9%+/]{40,120}(?:%3D|=){0,2})(?![A-Za-z0-9%+/=])/gi,
    confidence: 0.85,
    exempt: isPlaceholderSecret,
  },
];
