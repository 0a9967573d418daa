"""Rate limits hold across processes: two Gunicorn servers of two workers each on one database
(or one Redis), hit at the same time by one client that makes up an X-Forwarded-For each time."""

import http.client
import secrets
import socket
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import pytest

from tests.e2e.server import database_name, fresh_database, manage, production_environment, serve

pytestmark = pytest.mark.e2e
LIMIT = 40
REQUESTS = 3 * LIMIT
REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def forget_counters(url: str) -> None:
    """Counters of earlier runs would still count in today's window."""
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter("wijkkompas:*"):
        client.delete(key)


@pytest.fixture(scope="module", params=["database", "redis"])
def two_servers(request, tmp_path_factory):
    store = {}
    if request.param == "redis":
        if not redis_answers():
            pytest.skip("no Redis server on 127.0.0.1:6379")
        forget_counters(REDIS_URL)
        store = {"CACHE_URL": REDIS_URL}
    folder = tmp_path_factory.mktemp("limits")
    with fresh_database(name=database_name(f"e2e_limits_{request.param}"), folder=folder) as database_url:
        # A window of a day: the whole test falls in one.
        env = production_environment(database_url=database_url, static_root=folder / "static",
                                     API_RATE_LIMIT=f"{LIMIT}/d", WEB_CONCURRENCY="2", **store)
        manage("migrate", "--noinput", env=env)
        manage("createcachetable", env=env)
        with ExitStack() as stack:
            yield [stack.enter_context(serve(env=env, log_path=folder / f"server{index}.log")) for index in (1, 2)]


def status(base_url: str) -> tuple[str, int]:
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        made_up = f"{secrets.randbelow(223) + 1}.{secrets.randbelow(256)}.{secrets.randbelow(256)}.1"
        connection.request("GET", "/api/indicators", headers={"X-Forwarded-For": made_up})
        return base_url, connection.getresponse().status
    finally:
        connection.close()


def test_one_client_gets_the_limit_once_across_servers_and_workers(two_servers):
    targets = [two_servers[index % 2].base_url for index in range(REQUESTS)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(status, targets))
    assert Counter(code for _, code in answers) == {200: LIMIT, 429: REQUESTS - LIMIT}, two_servers[0].log_tail()
    served = Counter(server for server, code in answers if code == 200)
    assert len(served) == 2  # both servers answered, and counted together
