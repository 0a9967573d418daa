"""Who is asking: the one client address that every rate limit counts by."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address, by settings.TRUSTED_PROXY_COUNT.

    Without a trusted proxy (the default) it is the connecting address, and X-Forwarded-For is
    ignored: anyone can send that header. Behind N trusted proxies, each of them appends the
    address it was connected from, so the client is the N-th address from the right; what
    stands further left was sent by the client itself and proves nothing. A request that did
    not pass all proxies (a shorter header) counts by the leftmost address it has; a hop that
    is no address at all counts as the connecting address.

    django-ratelimit reads it through settings.RATELIMIT_IP_META_KEY (and then counts IPv6
    clients per /64 network); the API throttle asks django-ratelimit too (core/throttling.py).
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies == 0 or not forwarded:
        return request.META["REMOTE_ADDR"]
    hops = [hop.strip() for hop in forwarded.split(",")]
    client = hops[-min(proxies, len(hops))]
    try:
        return str(ipaddress.ip_address(client))
    except ValueError:
        return request.META["REMOTE_ADDR"]
