import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mentionOf, personOfSlackUser, type People } from './slack-people.ts';

const people: People = {
  alice: { name: 'Alice', slack_id: 'U0ALICE01' },
  carol: { name: 'Carol' },
};

describe('Slack people', () => {
  it('maps a Slack user id to the person whose slack_id it is, and no one else', () => {
    assert.equal(personOfSlackUser(people, 'U0ALICE01'), 'alice');
    assert.equal(personOfSlackUser(people, 'U0NOBODY1'), undefined);
  });

  it('mentions a person with a slack_id and names the others by id', () => {
    assert.equal(mentionOf(people, 'alice'), '<@U0ALICE01>');
    assert.equal(mentionOf(people, 'carol'), 'carol');
    assert.equal(mentionOf(people, 'toString'), 'toString');
    // A free-text actor (a kill typed in the Temporal UI) never pings anyone.
    assert.equal(mentionOf(people, '<!channel> gotcha'), '&lt;!channel&gt; gotcha');
  });
});
