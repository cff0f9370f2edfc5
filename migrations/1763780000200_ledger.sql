-- Up Migration

-- The `ledger` executor's book: publishing writes an entry, a rollback writes its reversal.
CREATE TABLE ledger_entries (
  id              bigserial   PRIMARY KEY,
  idempotency_key text        NOT NULL UNIQUE,
  action_id       text        NOT NULL,
  account         text        NOT NULL,
  kind            text        NOT NULL CHECK (kind IN ('entry', 'reversal')),
  reverses        bigint      REFERENCES ledger_entries (id),
  resource        text        NOT NULL,
  amount          numeric,
  payload         jsonb       NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ledger_entries_one_reversal ON ledger_entries (reverses) WHERE reverses IS NOT NULL;

-- Down Migration
DROP TABLE ledger_entries;
