"""``@governed``: every call of an agent's tool function goes through Countersign first."""

import functools
import inspect
from typing import Any, Callable, Optional, TypeVar, Union

from .answers import StartAnswer
from .client import Countersign

R = TypeVar("R")

# A value, or a function of the tool call's own arguments that computes it.
Spec = Union[Any, Callable[..., Any]]


def governed(
    client: Countersign,
    *,
    action: str,
    resource: Spec,
    task_id: Spec,
    reasoning: Spec,
    confidence: Spec,
    risk: Spec,
    params: Optional[Spec] = None,
    draft: Spec = "",
    context: Optional[Spec] = None,
    idempotency_key: Optional[Spec] = None,
) -> Callable[[Callable[..., R]], Callable[..., Union[R, StartAnswer]]]:
    """Sends every call of the decorated function to Countersign as ``action``.

    Each of ``resource``, ``task_id``, ``reasoning``, ``confidence``, ``risk``, ``params``,
    ``draft``, ``context`` and ``idempotency_key`` is a value or a function called with the tool
    call's arguments. ``params`` defaults to the call's arguments by name (DLP scans their strings).

    - tier 0-1 (``allowed``): the function runs and its result is returned;
    - tier 2+ (``governed``): the function does not run; Countersign publishes the action (or not)
      and the StartAnswer is returned, to follow with ``client.result(answer.action_id)``;
    - a refusal raises PolicyRefusal (or RequestInvalid, CountersignError), and the function does not run.
    """

    def decorate(fn: Callable[..., R]) -> Callable[..., Union[R, StartAnswer]]:
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        def call(*args: Any, **kwargs: Any) -> Union[R, StartAnswer]:
            def value(spec: Spec) -> Any:
                return spec(*args, **kwargs) if callable(spec) else spec

            if params is None:
                bound = signature.bind(*args, **kwargs)
                bound.apply_defaults()
                call_params = dict(bound.arguments)
            else:
                call_params = value(params)
            answer = client.start_action(
                task_id=value(task_id),
                action=action,
                resource=value(resource),
                reasoning=value(reasoning),
                confidence=value(confidence),
                risk=value(risk),
                params=call_params,
                draft=value(draft),
                context=None if context is None else value(context),
                idempotency_key=None if idempotency_key is None else value(idempotency_key),
            )
            if answer.allowed:
                return fn(*args, **kwargs)
            return answer

        return call

    return decorate
