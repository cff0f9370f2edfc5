from countersign_client import Countersign, governed

countersign = Countersign()  # COUNTERSIGN_URL and COUNTERSIGN_API_KEY from the environment

done = []  # what the tools really did; a real agent would call GitHub here


@governed(
    countersign,
    action="create_comment",
    resource=lambda repo, issue, body: f"github.com/{repo}/issues/{issue}",
    task_id="task-triage-issues",
    reasoning="tell the reporter the fix is merged",
    confidence=0.9,
    risk="low",
    draft=lambda repo, issue, body: body,
)
def create_comment(repo, issue, body):
    done.append(("comment", repo, issue))
    return f"commented on {repo}#{issue}"


@governed(
    countersign,
    action="merge_pull_request",
    resource=lambda repo, number: f"github.com/{repo}/pull/{number}",
    task_id="task-triage-issues",
    reasoning="CI is green and the fix has been reviewed",
    confidence=0.95,
    risk="medium",
)
def merge_pull_request(repo, number):
    done.append(("merge", repo, number))
    return f"merged {repo}#{number}"
