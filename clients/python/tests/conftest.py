"""The gateway under test comes from the environment, as test/python-client.test.ts sets it:

- COUNTERSIGN_URL, COUNTERSIGN_API_KEY: the gateway and a key of the test policy's agent `bot`;
- COUNTERSIGN_TEST_APPROVE: JSON {argv, env, cwd}, the operator CLI's `approve` as an approver
  (bob) runs it; the test appends the action id.
"""

import json
import os
import subprocess
import time

import pytest

from countersign_client import ActionView, Countersign

# Upper bounds only, for a stuck test to fail instead of hang; nothing waits for them to pass.
STATE_LIMIT_SECONDS = 120
CLI_LIMIT_SECONDS = 180


def _required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run these tests with `node scripts/run-tests.mjs test/python-client.test.ts`, which starts a gateway and sets it")
    return value


@pytest.fixture
def client() -> Countersign:
    return Countersign(_required("COUNTERSIGN_URL"), _required("COUNTERSIGN_API_KEY"))


@pytest.fixture
def approve():
    """Approves an action through the operator CLI, as an approver the policy names."""
    spec = json.loads(_required("COUNTERSIGN_TEST_APPROVE"))

    def run(action_id: str) -> str:
        done = subprocess.run(
            [*spec["argv"], action_id],
            env=spec["env"],
            cwd=spec["cwd"],
            capture_output=True,
            text=True,
            timeout=CLI_LIMIT_SECONDS,
        )
        assert done.returncode == 0, f"countersign approve exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    return run


@pytest.fixture
def wait_for_state(client: Countersign):
    """Follows an action with long polls until it is in `wanted`; fails if it ends elsewhere."""

    def follow(action_id: str, wanted: str) -> ActionView:
        deadline = time.monotonic() + STATE_LIMIT_SECONDS
        view = client.get_action(action_id)
        while view.state != wanted:
            assert view.outcome is None, f"action {action_id} ended {view.outcome} ({view.reason}) instead of reaching {wanted}"
            assert time.monotonic() < deadline, f"action {action_id} is still {view.state}, not {wanted}"
            view = client.wait_for_action(action_id, state=view.state, seconds=10)
        return view

    return follow
