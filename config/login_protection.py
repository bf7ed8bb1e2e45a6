"""Who a request comes from, and when its login attempts are refused (django-axes hooks).

Client addresses come from X-Forwarded-For only as far as TRUSTED_PROXY_COUNT proxies vouch for
them: the same rule as the API's rate limits (DRF's NUM_PROXIES is set from the same setting), so
rotating the header neither escapes a lockout nor a throttle.
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the X-Forwarded-For entry the last trusted proxy added."""
    return BaseThrottle().get_ident(request)


class PairAndAddressLockout(AxesDatabaseHandler):
    """Failures count per (username, address) pair, as configured in AXES_LOCKOUT_PARAMETERS;
    an address that fails LOGIN_FAILURES_PER_ADDRESS times across usernames within the cool-off
    is locked out as a whole (guessing many usernames from one place)."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        per_pair = super().get_failures(request, credentials)
        from_address = (
            AccessAttempt.objects.filter(
                ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
            ).aggregate(failures=Sum("failures_since_start"))["failures"]
            or 0
        )
        if from_address >= settings.LOGIN_FAILURES_PER_ADDRESS:
            return max(per_pair, get_failure_limit(request, credentials))
        return per_pair
