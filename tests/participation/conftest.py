import pytest

from tests.participation.factories import OrganisationFactory, make_area, staff
from wijkkompas.accounts.permissions import Role


@pytest.fixture
def area():
    """(gemeente, wijk, buurt)."""
    return make_area()


@pytest.fixture
def buurt(area):
    return area[2]


@pytest.fixture
def organisation(area):
    return OrganisationFactory(municipality=area[0], response_days=10)


@pytest.fixture
def professional(area):
    return staff(Role.PROFESSIONAL, area[0])


@pytest.fixture
def org_member(area, organisation):
    """A professional of the organisation things get forwarded to."""
    return staff(Role.PROFESSIONAL, area[0], organisation=organisation)


@pytest.fixture
def moderator(area):
    return staff(Role.MODERATOR, area[0], mfa=True)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
