"""The client against a real gateway, under test/support/test-policy.ts (agent `bot`, owner alice;
merge_pull_request needs one of maintainers alice, bob, carol; bob approves)."""

import uuid

import pytest

from countersign_client import Countersign, CountersignError, PolicyRefusal, RequestInvalid

# An upper bound only, for a stuck action to fail the test instead of hanging it.
RESULT_LIMIT_SECONDS = 120

DECISION = {"reasoning": "the reporter asked for a status update", "confidence": 0.9, "risk": "low"}


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def test_tier_1_is_allowed_at_once_and_reads_back_allowed(client: Countersign):
    answer = client.start_action(task_id=unique("task"), action="create_comment", resource="github.com/acme/api/issues/7", draft="Fixed in #8.", **DECISION)

    assert (answer.kind, answer.tier, answer.rule, answer.state, answer.agent_id) == ("allowed", 1, "actions.create_comment.tier", "allowed", "bot")
    assert answer.allowed
    assert answer.self_link == f"/v1/actions/{answer.action_id}"
    view = client.get_action(answer.action_id)
    assert (view.state, view.outcome, view.action, view.resource) == ("allowed", "allowed", "create_comment", "github.com/acme/api/issues/7")


def test_the_same_idempotency_key_twice_is_the_same_action(client: Countersign):
    key = unique("comment")
    first = client.start_action(task_id="task-idem", action="create_comment", resource="github.com/acme/api/issues/9", idempotency_key=key, **DECISION)
    second = client.start_action(task_id="task-idem", action="create_comment", resource="github.com/acme/api/issues/9", idempotency_key=key, **DECISION)

    assert second.action_id == first.action_id


def test_tier_3_waits_for_an_approver_then_is_published(client: Countersign, approve, wait_for_state):
    answer = client.start_action(
        task_id=unique("task"),
        action="merge_pull_request",
        resource="github.com/acme/api/pull/43",
        params={"method": "squash"},
        reasoning="CI is green and the fix has been reviewed",
        confidence=0.95,
        risk="medium",
    )
    assert (answer.kind, answer.tier, answer.rule, answer.allowed) == ("governed", 3, "actions.merge_pull_request.tier", False)

    waiting = wait_for_state(answer.action_id, "awaiting_approval")
    assert waiting.approval is not None
    assert waiting.approval.approvers == ["alice", "bob", "carol"]
    assert (waiting.approval.quorum, waiting.approval.approvals) == (1, [])
    with pytest.raises(CountersignError) as timed_out:
        client.result(answer.action_id, timeout=1)
    assert (timed_out.value.code, timed_out.value.status) == ("wait_timeout", 0)

    approve(answer.action_id)

    final = client.result(answer.action_id, timeout=RESULT_LIMIT_SECONDS)
    assert (final.state, final.outcome) == ("published", "published")
    assert final.approval is not None
    assert [(a.approver, a.channel) for a in final.approval.approvals] == [("bob", "cli")]
    assert [(r.step, r.executor) for r in final.receipts] == [("publish", "ledger")]
    assert final.rollback_window is not None and not final.rollback_window.open


def test_rolls_back_a_published_action_inside_its_window(client: Countersign, wait_for_state):
    answer = client.start_action(task_id=unique("task"), action="repo.publish_note", resource="github.com/acme/api/wiki/notes", draft="Release notes for 1.2.", **DECISION)
    assert (answer.kind, answer.tier) == ("governed", 2)

    published = wait_for_state(answer.action_id, "published")
    assert published.rollback_window is not None and published.rollback_window.open
    client.rollback(answer.action_id, reason="published the notes for the wrong release")

    final = client.result(answer.action_id, timeout=RESULT_LIMIT_SECONDS)
    assert final.outcome == "rolled_back"
    assert [r.step for r in final.receipts] == ["publish", "compensate"]


def test_an_action_outside_the_manifest_raises_policy_refusal_naming_the_rule(client: Countersign):
    with pytest.raises(PolicyRefusal) as refused:
        client.start_action(task_id=unique("task"), action="send_invoice", resource="billing/acme", **DECISION)

    assert (refused.value.code, refused.value.rule, refused.value.status) == ("policy_not_in_manifest", "manifest", 403)
    assert "send_invoice" in refused.value.message


def test_a_blacklisted_resource_raises_policy_refusal_naming_the_rule(client: Countersign):
    with pytest.raises(PolicyRefusal) as refused:
        client.start_action(task_id=unique("task"), action="create_comment", resource="github.com/SecureBananaLabs/vault/issues/1", **DECISION)

    assert (refused.value.code, refused.value.rule, refused.value.status) == ("policy_resource_blacklisted", "blacklist.resources", 403)


def test_an_invalid_request_raises_request_invalid_naming_each_field(client: Countersign):
    with pytest.raises(RequestInvalid) as invalid:
        client.start_action(task_id="", action="create_comment", resource="github.com/acme/api/issues/7", reasoning="sure", confidence=1.5, risk="spicy")

    assert (invalid.value.code, invalid.value.status, invalid.value.rule) == ("request_invalid", 422, None)
    paths = {issue.path for issue in invalid.value.issues}
    assert paths == {"taskId", "decision.confidence", "decision.risk"}


def test_a_key_the_gateway_does_not_know_raises_api_key_invalid(client: Countersign):
    stranger = Countersign(client.url, f"csk_{'0' * 12}_{'0' * 64}")

    with pytest.raises(CountersignError) as refused:
        stranger.start_action(task_id=unique("task"), action="create_comment", resource="github.com/acme/api/issues/7", **DECISION)

    assert type(refused.value) is CountersignError
    assert (refused.value.code, refused.value.status) == ("api_key_invalid", 401)
    with pytest.raises(CountersignError) as garbled:
        Countersign(client.url, "not-a-key").get_action("anything")
    assert (garbled.value.code, garbled.value.status) == ("api_key_invalid", 401)


def test_another_agents_or_a_missing_action_is_not_found(client: Countersign):
    with pytest.raises(CountersignError) as missing:
        client.get_action("no-such-action")

    assert (missing.value.code, missing.value.status) == ("action_not_found", 404)
