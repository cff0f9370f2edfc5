import { z } from 'zod';

/** Any JSON value: what params, receipts and audit details may hold (they go into Temporal history). */
export const JsonValueSchema = z.json();
export type JsonValue = z.infer<typeof JsonValueSchema>;
