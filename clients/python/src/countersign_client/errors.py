"""Every refusal and failure the gateway answers, as exceptions that keep its stable code."""

import json
from dataclasses import dataclass
from typing import Any, List, Mapping, Optional, Sequence


@dataclass(frozen=True)
class FieldIssue:
    """One bad field of a request: its dotted path (``decision.confidence``) and what is wrong."""

    path: str
    message: str


class CountersignError(Exception):
    """A refusal or failure with a stable snake_case ``code`` (``policy_not_in_manifest``,
    ``request_invalid``, ``api_key_invalid``, ...) and a message that says what to do.

    ``status`` is the HTTP status, or 0 when the gateway could not be reached (or the client is
    misconfigured). ``retry_after`` is set for 429: seconds until a request may succeed.
    """

    def __init__(
        self,
        code: str,
        message: str,
        status: int,
        rule: Optional[str] = None,
        issues: Sequence[FieldIssue] = (),
        retry_after: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.rule = rule
        self.issues: List[FieldIssue] = list(issues)
        self.retry_after = retry_after

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, status={self.status}, message={self.message!r})"


class PolicyRefusal(CountersignError):
    """The policy refused the request; ``rule`` names the entry that did (``manifest``,
    ``blacklist.resources``, ...)."""


class RequestInvalid(CountersignError):
    """The request did not fit the schema; ``issues`` names every bad field by its dotted path."""


def error_from_answer(status: int, body: bytes, retry_after_header: Optional[str]) -> CountersignError:
    """The exception for a non-2xx answer: the gateway's JSON error, or a generic ``http_error``."""
    text = body.decode("utf-8", errors="replace")
    error = _error_object(text)
    if error is None:
        return CountersignError("http_error", f"the gateway answered {status}: {text[:200]}", status)
    code, message = error["code"], str(error.get("message", ""))
    issues = error.get("issues")
    if isinstance(issues, list):
        found = [FieldIssue(str(i.get("path", "")), str(i.get("message", ""))) for i in issues if isinstance(i, dict)]
        return RequestInvalid(code, message, status, issues=found)
    rule = error.get("rule")
    if isinstance(rule, str):
        return PolicyRefusal(code, message, status, rule=rule)
    retry_after = error.get("retryAfterSeconds")
    if not isinstance(retry_after, int) and retry_after_header and retry_after_header.strip().isdigit():
        retry_after = int(retry_after_header.strip())
    return CountersignError(code, message, status, retry_after=retry_after if isinstance(retry_after, int) else None)


def _error_object(text: str) -> Optional[Mapping[str, Any]]:
    try:
        parsed = json.loads(text)
    except ValueError:
        return None
    error = parsed.get("error") if isinstance(parsed, dict) else None
    if isinstance(error, dict) and isinstance(error.get("code"), str):
        return error
    return None
