// `npm run migrate`: applies pending migrations to DATABASE_URL (or `npm start`'s embedded database).
import { loadConfig } from '../config/load-config.ts';
import { reportFailure } from '../start/report-failure.ts';
import { serviceAddresses } from '../config/service-addresses.ts';
import { migrate } from './migrate.ts';

try {
  const { databaseUrl } = serviceAddresses(loadConfig(process.env));
  const applied = await migrate(databaseUrl);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'nothing to apply: the schema is up to date');
} catch (error) {
  reportFailure(error);
  process.exitCode = 1;
}
