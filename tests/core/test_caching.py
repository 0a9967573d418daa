import gzip

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from wijkkompas.core.caching import cache_per_version
from wijkkompas.core.params import matching, one_of


def make_view(version: list[str], cookie: bool = False):
    calls = []

    @cache_per_version(lambda: version[0], params={"kaart": one_of(["x", "y"]), "jaar": matching(r"\d{4}")})
    def view(request):
        calls.append(request.get_full_path())
        response = HttpResponse(f"call {len(calls)}")
        if cookie:
            response.set_cookie("visitor", "1")
        return response

    return view, calls


def test_same_version_and_address_is_served_from_the_cache():
    version = ["1"]
    view, calls = make_view(version)
    request = RequestFactory().get("/gebied/WK1/?kaart=x")
    assert view(request).content == view(request).content == b"call 1"
    assert len(calls) == 1
    view(RequestFactory().get("/gebied/WK1/?kaart=y"))
    view(RequestFactory().get("/gebied/WK1/?kaart=x", headers={"HX-Request": "true"}))
    assert len(calls) == 3


def test_the_view_and_the_key_see_only_known_valid_parameters_in_a_fixed_order():
    view, calls = make_view(["1"])
    for query in ("kaart=x&jaar=2020", "jaar=2020&kaart=x", "jaar=2020&kaart=x&utm=1", "jaar=2020&kaart=y&kaart=x"):
        view(RequestFactory().get(f"/gebied/WK1/?{query}"))
    assert calls == ["/gebied/WK1/?kaart=x&jaar=2020"]
    for index in range(50):  # made-up parameters and values: all one page
        view(RequestFactory().get(f"/gebied/WK1/?kaart=x{index}&jaar=2x{index}&p{index}=1"))
    assert calls == ["/gebied/WK1/?kaart=x&jaar=2020", "/gebied/WK1/"]


def test_head_is_answered_from_the_cache():
    view, calls = make_view(["1"])
    view(RequestFactory().get("/x/"))
    head = view(RequestFactory().head("/x/"))
    assert (head.status_code, head.content, len(calls)) == (200, b"call 1", 1)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options", "trace"])
def test_cached_views_allow_only_get_and_head(method):
    view, calls = make_view(["1"])
    response = view(getattr(RequestFactory(), method)("/x/"))
    assert (response.status_code, response["Allow"], calls) == (405, "GET, HEAD", [])


def test_a_new_data_version_renders_again():
    version = ["1"]
    view, calls = make_view(version)
    request = RequestFactory().get("/x/")
    view(request)
    version[0] = "2"
    assert view(request).content == b"call 2"


def test_responses_that_set_cookies_are_never_cached():
    view, calls = make_view(["1"], cookie=True)
    request = RequestFactory().get("/x/")
    view(request)
    view(request)
    assert len(calls) == 2


def make_large_view():
    calls = []

    @cache_per_version(lambda: "1")
    def view(request):
        calls.append(1)
        return HttpResponse("Bijlmer Centrum " * 500, content_type="text/html; charset=utf-8")

    return view, calls


def test_browsers_get_the_page_compressed_from_the_cache():
    view, calls = make_large_view()
    first = view(RequestFactory().get("/x/", headers={"Accept-Encoding": "gzip, deflate, br"}))
    second = view(RequestFactory().get("/x/", headers={"Accept-Encoding": "gzip, deflate, br"}))
    assert len(calls) == 1
    for response in (first, second):
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content) < 8000
        assert gzip.decompress(response.content) == b"Bijlmer Centrum " * 500
        assert response["Content-Type"] == "text/html; charset=utf-8"


def test_clients_without_gzip_get_the_same_page_uncompressed():
    view, calls = make_large_view()
    view(RequestFactory().get("/x/", headers={"Accept-Encoding": "gzip"}))
    plain = view(RequestFactory().get("/x/"))
    assert len(calls) == 1
    assert not plain.has_header("Content-Encoding")
    assert plain.content == b"Bijlmer Centrum " * 500
    assert int(plain["Content-Length"]) == len(plain.content)


def test_pages_with_a_csrf_token_are_never_cached():
    calls = []

    @cache_per_version(lambda: "1")
    def view(request):
        calls.append(1)
        return HttpResponse(get_token(request))

    first = view(RequestFactory().get("/formulier/"))
    second = view(RequestFactory().get("/formulier/"))
    assert len(calls) == 2 and first.content != second.content


def personal_view(version: list[str]):
    """A page that greets the visitor by name when signed in, like the site's header."""
    calls = []

    @cache_per_version(lambda: version[0])
    def view(request):
        calls.append(request)
        name = request.user.email if request.user.is_authenticated else "anonymous"
        return HttpResponse(f"hello {name}")

    return view, calls


def as_visitor(request, user=None):
    from django.contrib.auth.models import AnonymousUser

    request.user = user or AnonymousUser()
    return request


@pytest.mark.django_db
def test_a_signed_in_visitor_s_page_is_never_stored_or_served_to_another():
    from tests.accounts.factories import UserFactory

    view, calls = personal_view(["1"])
    alice = UserFactory(email="alice@example.org")
    assert view(as_visitor(RequestFactory().get("/x/"), alice)).content == b"hello alice@example.org"
    assert view(as_visitor(RequestFactory().get("/x/"))).content == b"hello anonymous"
    assert view(as_visitor(RequestFactory().get("/x/"))).content == b"hello anonymous"
    assert len(calls) == 2  # the anonymous page was cached, alice's was not
    # and a signed-in visitor is never served the cached anonymous page either
    assert view(as_visitor(RequestFactory().get("/x/"), alice)).content == b"hello alice@example.org"
    assert len(calls) == 3


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_requests_with_a_session_or_message_cookie_bypass_the_cache(cookie):
    view, calls = personal_view(["1"])
    view(as_visitor(RequestFactory().get("/x/")))
    with_cookie = RequestFactory().get("/x/")
    with_cookie.COOKIES[cookie] = "abc"
    view(as_visitor(with_cookie))
    view(as_visitor(with_cookie))
    view(as_visitor(RequestFactory().get("/x/")))
    assert len(calls) == 3  # once for the cache, twice bypassing it, and the plain visit from the cache
