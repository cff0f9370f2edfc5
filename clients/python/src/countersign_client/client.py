"""An agent's connection to Countersign's gateway: plain HTTP with one key, nothing else."""

import json
import math
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from http.client import HTTPException
from typing import Any, Dict, Mapping, Optional, Sequence

from .answers import ActionView, StartAnswer
from .errors import CountersignError, error_from_answer

__version__ = "0.1.0"

# One long poll asks the gateway to hold the request this long (it allows at most 60 s).
LONG_POLL_SECONDS = 30
# How long a request that is not a long poll may take before it counts as unreachable.
REQUEST_TIMEOUT_SECONDS = 30
# Backoff between retries of result(): from FIRST_PAUSE, doubling, up to MAX_PAUSE.
FIRST_PAUSE_SECONDS = 0.5
MAX_PAUSE_SECONDS = 10.0


def _transient(error: CountersignError) -> bool:
    """Worth asking again: the gateway was unreachable, overloaded or restarting."""
    return error.status == 0 or error.status == 429 or error.status >= 500


class Countersign:
    """Connects an agent to Countersign's gateway.

    ``url`` is the gateway (e.g. ``http://localhost:8787``; default: env ``COUNTERSIGN_URL``),
    ``api_key`` the agent's key ``csk_...`` (default: env ``COUNTERSIGN_API_KEY``). The key names
    the agent; the client holds no database, Temporal, policy or signing key.
    """

    def __init__(self, url: Optional[str] = None, api_key: Optional[str] = None) -> None:
        url = (url if url is not None else os.environ.get("COUNTERSIGN_URL", "")).rstrip("/")
        api_key = api_key if api_key is not None else os.environ.get("COUNTERSIGN_API_KEY", "")
        if not url:
            raise CountersignError("client_misconfigured", "no gateway URL: pass url= or set COUNTERSIGN_URL (e.g. http://localhost:8787)", 0)
        if not api_key:
            raise CountersignError(
                "client_misconfigured",
                "no agent key: pass api_key= or set COUNTERSIGN_API_KEY (an operator makes one: countersign agents key create <agentId>)",
                0,
            )
        self.url = url
        self._api_key = api_key

    def __repr__(self) -> str:
        return f"Countersign(url={self.url!r})"

    def start_action(
        self,
        *,
        task_id: str,
        action: str,
        resource: str,
        reasoning: str,
        confidence: float,
        risk: str,
        alternatives: Optional[Sequence[str]] = None,
        params: Optional[Mapping[str, Any]] = None,
        draft: str = "",
        context: Optional[Mapping[str, Any]] = None,
        idempotency_key: Optional[str] = None,
    ) -> StartAnswer:
        """Asks Countersign to perform an action, with the agent's decision log (``reasoning``,
        ``confidence`` 0..1, ``risk`` low|medium|high|destructive|financial|security).

        Returns a StartAnswer: ``allowed`` (tier 0-1, perform it yourself) or ``governed`` (tier 2+,
        Countersign publishes it, or not). Raises PolicyRefusal, RequestInvalid or CountersignError.
        """
        decision: Dict[str, Any] = {"reasoning": reasoning, "confidence": confidence, "risk": risk}
        if alternatives is not None:
            decision["alternatives"] = list(alternatives)
        body: Dict[str, Any] = {"taskId": task_id, "action": action, "resource": resource, "draft": draft, "decision": decision}
        if params is not None:
            body["params"] = dict(params)
        if context is not None:
            body["context"] = dict(context)
        if idempotency_key is not None:
            body["idempotencyKey"] = idempotency_key
        return StartAnswer.from_json(self._call("POST", "/v1/actions", body))

    def get_action(self, action_id: str) -> ActionView:
        """One of this agent's actions, now."""
        return ActionView.from_json(self._call("GET", self._action_path(action_id)))

    def wait_for_action(self, action_id: str, state: Optional[str] = None, seconds: int = LONG_POLL_SECONDS) -> ActionView:
        """Long poll: the action at once if its state is no longer ``state``; else once it changes
        (a new state, or its rollback window closing), or after ``seconds`` (0..60)."""
        query = {"wait": str(seconds)}
        if state is not None:
            query["state"] = state
        path = f"{self._action_path(action_id)}?{urllib.parse.urlencode(query)}"
        return ActionView.from_json(self._call("GET", path, timeout=seconds + REQUEST_TIMEOUT_SECONDS))

    def result(self, action_id: str, timeout: Optional[float] = None) -> ActionView:
        """Waits until the action has an ``outcome`` and returns its view (a published action's
        once its rollback window closes). Rides out 429, 5xx and an unreachable gateway with
        backoff. With ``timeout`` (seconds), raises CountersignError ``wait_timeout`` past it."""
        deadline = None if timeout is None else time.monotonic() + timeout
        last: Optional[ActionView] = None
        pause = FIRST_PAUSE_SECONDS
        while True:
            seconds = LONG_POLL_SECONDS
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    state = None if last is None else last.state
                    raise CountersignError("wait_timeout", f"action {action_id} has no outcome after {timeout} s (last state: {state}); call result() again to keep waiting", 0)
                seconds = max(1, min(seconds, math.ceil(remaining)))
            try:
                # Read first, then long-poll from the state read, so no change between calls is missed.
                view = self.get_action(action_id) if last is None else self.wait_for_action(action_id, state=last.state, seconds=seconds)
            except CountersignError as error:
                if not _transient(error):
                    raise
                wait = error.retry_after if error.retry_after else pause
                time.sleep(wait if deadline is None else max(0.0, min(wait, deadline - time.monotonic())))
                pause = min(pause * 2, MAX_PAUSE_SECONDS)
                continue
            if view.outcome is not None:
                return view
            last, pause = view, FIRST_PAUSE_SECONDS

    def rollback(self, action_id: str, reason: str) -> None:
        """Asks to roll back one of this agent's published actions inside its rollback window;
        follow it with ``result(action_id)`` until the outcome is ``rolled_back``."""
        self._call("POST", f"{self._action_path(action_id)}/rollback", {"reason": reason})

    @staticmethod
    def _action_path(action_id: str) -> str:
        return f"/v1/actions/{urllib.parse.quote(action_id, safe='')}"

    def _call(self, method: str, path: str, body: Optional[Mapping[str, Any]] = None, timeout: float = REQUEST_TIMEOUT_SECONDS) -> Dict[str, Any]:
        headers = {"Authorization": f"Bearer {self._api_key}", "Accept": "application/json", "User-Agent": f"countersign-client-python/{__version__}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(f"{self.url}{path}", data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, payload = response.status, response.read()
        except urllib.error.HTTPError as error:
            try:
                answer_body = error.read()
            finally:
                error.close()
            raise error_from_answer(error.code, answer_body, error.headers.get("Retry-After")) from None
        except (urllib.error.URLError, HTTPException, OSError) as error:
            reason = getattr(error, "reason", error)
            raise CountersignError("gateway_unreachable", f"could not reach the Countersign gateway at {self.url}: {reason}", 0) from error
        try:
            answer = json.loads(payload)
        except ValueError as error:
            raise CountersignError("http_error", f"the gateway answered {method} {path} with something other than JSON: {payload[:200]!r}", status) from error
        if not isinstance(answer, dict):
            raise CountersignError("http_error", f"the gateway answered {method} {path} with JSON that is not an object", status)
        return answer
