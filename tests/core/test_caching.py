from django.http import HttpResponse
from django.test import RequestFactory

from wijkkompas.core.caching import cache_per_version


def make_view(version: list[str], cookie: bool = False):
    calls = []

    @cache_per_version(lambda: version[0])
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
