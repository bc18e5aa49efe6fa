"""Whether a request may be shown, from what the site says about it: pure, one place.

A request JSON carries its ``prominence`` (Alaveteli's ``normal``, ``backpage``, ``hidden``,
``requester_only``): only ``backpage`` is listed differently, so it is the one kept apart. A
request the site no longer serves answers with an error status, and that status, stored as a
raw page by the crawl, is what normalise turns into visibility: 403 ("Request has been
removed" on the slug page) means hidden by the site's admins, any other (404, 410) removed or
embargoed.
"""

from __future__ import annotations

GONE_STATUSES = frozenset({403, 404, 410})  # the answers that mean "not served any more"
VISIBILITIES = ("public", "backpage", "hidden", "embargoed", "removed")  # requests.visibility
# The requests exports and views list (the rest are kept, marked, and left out).
LISTED = ("public", "backpage")


def visibility_of(prominence: str) -> str:
    """A served request's visibility from its JSON's prominence."""
    return "backpage" if prominence == "backpage" else "public"


def taken_down(http_status: int) -> str:
    """The visibility of a request the site answered ``http_status`` (one of
    ``GONE_STATUSES``) for: 403 is hidden, any other removed."""
    if http_status not in GONE_STATUSES:
        raise ValueError(f"HTTP {http_status} does not say a request is gone")
    return "hidden" if http_status == 403 else "removed"
