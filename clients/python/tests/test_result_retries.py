"""result() rides out what a real gateway only does when it is overloaded or restarting: a dropped
connection, 503 and 429. A loopback stand-in answers a scripted sequence."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator, List, Tuple

import pytest

from countersign_client import Countersign, CountersignError

VIEW = {
    "actionId": "a1",
    "agentId": "bot",
    "taskId": "t1",
    "action": "create_pull_request",
    "resource": "github.com/acme/api/pull/1",
    "tier": 2,
    "rule": "actions.create_pull_request.tier",
    "state": "publishing",
    "outcome": None,
    "reason": None,
    "code": None,
    "policyVersion": "v1",
    "actionHash": None,
    "createdAt": "2026-01-01T00:00:00.000Z",
    "updatedAt": "2026-01-01T00:00:00.000Z",
    "approval": None,
    "findings": [],
    "receipts": [],
    "rollbackWindow": None,
}
FINAL = {**VIEW, "state": "blocked", "outcome": "blocked", "reason": "DLP found aws_secret_access_key in draft"}
OVERLOADED = {"error": {"code": "internal_error", "message": "restarting"}}
TOO_MANY = {"error": {"code": "too_many_requests", "message": "wait", "retryAfterSeconds": 1}}
MISSING = {"error": {"code": "action_not_found", "message": "no action a1 of this agent"}}


class StandIn:
    """Answers each request with the next step: ("drop", None) closes the connection unanswered."""

    def __init__(self, steps: List[Tuple[object, object]]) -> None:
        self.steps = list(steps)
        self.paths: List[str] = []

    def next_step(self, path: str) -> Tuple[object, object]:
        self.paths.append(path)
        return self.steps.pop(0) if len(self.steps) > 1 else self.steps[0]


@pytest.fixture
def stand_in() -> Iterator[Tuple[StandIn, str]]:
    script = StandIn([])

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            status, body = script.next_step(self.path)
            if status == "drop":
                self.close_connection = True
                return
            data = json.dumps(body).encode()
            self.send_response(int(status))  # type: ignore[call-overload]
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield script, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_result_retries_a_dropped_connection_503_and_429_then_returns_the_outcome(stand_in):
    script, url = stand_in
    script.steps = [("drop", None), (503, OVERLOADED), (429, TOO_MANY), (200, VIEW), (200, FINAL)]

    view = Countersign(url, "csk_test").result("a1")

    assert (view.outcome, view.reason) == ("blocked", "DLP found aws_secret_access_key in draft")
    assert len(script.paths) == 5
    assert script.paths[0] == "/v1/actions/a1"
    assert script.paths[-1] == "/v1/actions/a1?wait=30&state=publishing"


def test_result_raises_at_once_what_no_retry_can_fix(stand_in):
    script, url = stand_in
    script.steps = [(404, MISSING)]

    with pytest.raises(CountersignError) as missing:
        Countersign(url, "csk_test").result("a1")

    assert (missing.value.code, missing.value.status) == ("action_not_found", 404)
    assert len(script.paths) == 1


def test_result_gives_up_after_its_timeout(stand_in):
    script, url = stand_in
    script.steps = [(503, OVERLOADED)]

    with pytest.raises(CountersignError) as timed_out:
        Countersign(url, "csk_test").result("a1", timeout=1.5)

    assert timed_out.value.code == "wait_timeout"


def test_an_unreachable_gateway_is_gateway_unreachable_with_status_0(stand_in):
    _, url = stand_in
    closed = Countersign(url.rsplit(":", 1)[0] + ":9", "csk_test")

    with pytest.raises(CountersignError) as unreachable:
        closed.get_action("a1")

    assert (unreachable.value.code, unreachable.value.status) == ("gateway_unreachable", 0)


def test_a_client_without_url_or_key_says_what_to_set(monkeypatch):
    monkeypatch.delenv("COUNTERSIGN_URL", raising=False)
    monkeypatch.delenv("COUNTERSIGN_API_KEY", raising=False)

    with pytest.raises(CountersignError, match="COUNTERSIGN_URL"):
        Countersign()
    with pytest.raises(CountersignError, match="COUNTERSIGN_API_KEY"):
        Countersign("http://127.0.0.1:9")
