-- Up Migration

-- The kill switch. One row; killAll sets it before anything else, and publish reads it under
-- FOR SHARE in the transaction that records the publish attempt, so an action either passed the
-- check before the freeze (and is in flight) or sees the freeze and ends killed.
CREATE TABLE kill_switch (
  id         smallint    PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  frozen     boolean     NOT NULL,
  engaged_by text,
  reason     text,
  since      timestamptz,
  rollback   boolean     NOT NULL DEFAULT false,
  -- Names one freeze: a resume attests this value, so it cannot lift a later freeze.
  epoch      text        NOT NULL,
  changed_at timestamptz NOT NULL
);
INSERT INTO kill_switch (id, frozen, epoch, changed_at) VALUES (1, false, repeat('0', 64), now());

-- Down Migration
DROP TABLE kill_switch;
