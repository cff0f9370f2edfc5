"""Python client for Countersign's agent gateway (HTTP /v1): standard library only."""

from .answers import ActionView, Approval, ApprovalGiven, Finding, Receipt, RollbackWindow, StartAnswer
from .client import Countersign, __version__
from .errors import CountersignError, FieldIssue, PolicyRefusal, RequestInvalid
from .governed import governed

__all__ = [
    "ActionView",
    "Approval",
    "ApprovalGiven",
    "Countersign",
    "CountersignError",
    "FieldIssue",
    "Finding",
    "PolicyRefusal",
    "Receipt",
    "RequestInvalid",
    "RollbackWindow",
    "StartAnswer",
    "__version__",
    "governed",
]
