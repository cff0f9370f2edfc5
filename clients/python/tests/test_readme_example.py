"""The README's wrapper example (examples/github_tools.py, quoted in README.md) against the real gateway."""

import importlib.util
from pathlib import Path

import pytest

from countersign_client import PolicyRefusal

PACKAGE = Path(__file__).resolve().parent.parent
EXAMPLE = PACKAGE / "examples" / "github_tools.py"


@pytest.fixture
def tools(client):
    """A fresh import of the example, as an agent would import its tools."""
    spec = importlib.util.spec_from_file_location("github_tools", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_quotes_the_example_as_it_is():
    assert EXAMPLE.read_text() in (PACKAGE / "README.md").read_text()


def test_a_tier_1_tool_runs_and_returns_its_own_result(tools):
    assert tools.create_comment("acme/api", 42, "Fixed in #43.") == "commented on acme/api#42"
    assert tools.done == [("comment", "acme/api", 42)]


def test_a_tier_3_tool_does_not_run_countersign_publishes_it_after_approval(tools, client, approve, wait_for_state):
    answer = tools.merge_pull_request("acme/api", 43)

    assert (answer.kind, answer.tier) == ("governed", 3)
    assert tools.done == []
    view = wait_for_state(answer.action_id, "awaiting_approval")
    assert view.resource == "github.com/acme/api/pull/43"
    assert view.raw["action"] == "merge_pull_request"
    approve(answer.action_id)
    assert tools.countersign.result(answer.action_id, timeout=120).outcome == "published"
    assert tools.done == []


def test_a_refused_tool_call_raises_and_does_not_run(tools):
    with pytest.raises(PolicyRefusal) as refused:
        tools.create_comment("SecureBananaLabs/vault", 1, "hello")

    assert (refused.value.code, refused.value.rule) == ("policy_resource_blacklisted", "blacklist.resources")
    assert tools.done == []
