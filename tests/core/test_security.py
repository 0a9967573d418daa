"""Security headers on every response, and nothing loaded from another origin."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/api/docs", "/zoeken/?q=x"])
def test_pages_send_a_strict_content_security_policy(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"


def test_api_docs_load_their_scripts_from_our_own_static_files(client):
    html = client.get("/api/docs").content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(source.startswith("/static/") for source in sources), sources


@pytest.mark.parametrize("address", ["/zoeken/?q=%00", "/gebied/GM%000344/", "/landelijk/?kaart=a%00"])
def test_a_nul_character_in_a_page_address_is_refused(client, address):
    assert client.get(address).status_code == 400
