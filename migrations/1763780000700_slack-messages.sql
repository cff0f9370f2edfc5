-- Up Migration

-- The Slack messages of each approval request, so that every later event of the action can
-- chat.update them (state, who did what, only the buttons that still apply). One row per action
-- and target: the policy's channel, or an approver's DM.
CREATE TABLE slack_messages (
  action_id  text        NOT NULL REFERENCES actions (action_id),
  -- Where the message was sent: the channel id from the policy, or the approver's Slack user id.
  target     text        NOT NULL,
  -- The person a DM went to; null for a channel message.
  recipient  text,
  -- The conversation and timestamp chat.postMessage answered: what chat.update needs.
  channel    text        NOT NULL,
  ts         text        NOT NULL,
  -- The approval request (the `requested` event) the message shows, to render it again.
  request    jsonb       NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (action_id, target)
);
CREATE UNIQUE INDEX slack_messages_message_idx ON slack_messages (channel, ts);

-- Down Migration
DROP TABLE slack_messages;
