"""The gateway's answers (GET /v1/openapi.json describes them), as dataclasses with snake_case names.

Fields the gateway adds later are ignored; ``raw`` keeps the JSON as it came.
"""

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

Json = Dict[str, Any]


@dataclass(frozen=True)
class StartAnswer:
    """What ``start_action`` answers.

    ``kind`` is ``"allowed"`` (tier 0-1: the agent performs the action itself) or ``"governed"``
    (tier 2+: Countersign stages, scans, gets approval where the policy says so, and publishes it;
    never perform it yourself, follow it with ``result(action_id)``).
    """

    kind: str
    action_id: str
    agent_id: str
    tier: int
    rule: str
    state: str
    self_link: str
    raw: Json = field(repr=False, compare=False)

    @property
    def allowed(self) -> bool:
        return self.kind == "allowed"

    @classmethod
    def from_json(cls, data: Json) -> "StartAnswer":
        return cls(
            kind=data["kind"],
            action_id=data["actionId"],
            agent_id=data["agentId"],
            tier=data["tier"],
            rule=data["rule"],
            state=data["state"],
            self_link=data.get("links", {}).get("self", ""),
            raw=data,
        )


@dataclass(frozen=True)
class ApprovalGiven:
    approver: str
    channel: str
    at: str


@dataclass(frozen=True)
class Approval:
    """Tier 3+: who may decide, how many must approve, until when, and who has."""

    approvers: List[str]
    quorum: int
    deadline: Optional[str]
    approvals: List[ApprovalGiven]
    rejected_by: Optional[str]


@dataclass(frozen=True)
class Finding:
    """What the DLP scan found, by type and place; the value itself is never shown."""

    type: str
    location: str
    start: int
    end: int
    mode: str


@dataclass(frozen=True)
class Receipt:
    """What an executor returned: ``step`` is ``publish`` or ``compensate`` (after a rollback)."""

    step: str
    executor: str
    reference: str


@dataclass(frozen=True)
class RollbackWindow:
    closes_at: str
    open: bool


@dataclass(frozen=True)
class ActionView:
    """One action as ``GET /v1/actions/{id}`` answers it.

    ``outcome`` is None until nothing more will happen: ``published`` (once its rollback window
    has closed), ``blocked``, ``failed``, ``rolled_back``, ``rollback_failed``, ``rejected``,
    ``expired``, ``killed``, or for tier 0-1 requests ``allowed`` / ``refused``.
    """

    action_id: str
    agent_id: str
    task_id: str
    action: str
    resource: str
    tier: int
    rule: str
    state: str
    outcome: Optional[str]
    reason: Optional[str]
    code: Optional[str]
    policy_version: str
    action_hash: Optional[str]
    created_at: str
    updated_at: str
    approval: Optional[Approval]
    findings: List[Finding]
    receipts: List[Receipt]
    rollback_window: Optional[RollbackWindow]
    raw: Json = field(repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Json) -> "ActionView":
        approval = data.get("approval")
        window = data.get("rollbackWindow")
        return cls(
            action_id=data["actionId"],
            agent_id=data["agentId"],
            task_id=data["taskId"],
            action=data["action"],
            resource=data["resource"],
            tier=data["tier"],
            rule=data["rule"],
            state=data["state"],
            outcome=data.get("outcome"),
            reason=data.get("reason"),
            code=data.get("code"),
            policy_version=data.get("policyVersion", ""),
            action_hash=data.get("actionHash"),
            created_at=data.get("createdAt", ""),
            updated_at=data.get("updatedAt", ""),
            approval=None
            if approval is None
            else Approval(
                approvers=list(approval.get("approvers", [])),
                quorum=approval.get("quorum", 0),
                deadline=approval.get("deadline"),
                approvals=[ApprovalGiven(a["approver"], a["channel"], a["at"]) for a in approval.get("approvals", [])],
                rejected_by=approval.get("rejectedBy"),
            ),
            findings=[Finding(f["type"], f["location"], f["start"], f["end"], f["mode"]) for f in data.get("findings", [])],
            receipts=[Receipt(r["step"], r["executor"], r["reference"]) for r in data.get("receipts", [])],
            rollback_window=None if window is None else RollbackWindow(window["closesAt"], window["open"]),
            raw=data,
        )
