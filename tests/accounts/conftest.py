"""Areas and staff for the tests of managing roles and organisations."""

from types import SimpleNamespace

import pytest

from tests.accounts.factories import RoleAssignmentFactory, UserFactory, add_totp
from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.accounts.permissions import Role
from wijkkompas.regions.models import Level


@pytest.fixture
def world(db):
    """Gemeente GM9941 with a wijk and a buurt, gemeente GM9942 beside it, and their staff:
    a manager of each (with TOTP), a manager of GM9941 without TOTP, a professional of GM9941,
    a site administrator (with TOTP) and a resident."""
    gemeente = RegionFactory(code="GM9941", name="Testgemeente Noord")
    wijk = RegionFactory(code="WK994101", level=Level.DISTRICT, name="Testwijk Centrum")
    buurt = RegionFactory(code="BU99410101", level=Level.NEIGHBOURHOOD, name="Testbuurt Plein")
    RegionYearFactory(region=wijk, parent=gemeente)
    RegionYearFactory(region=buurt, parent=wijk)
    other = RegionFactory(code="GM9942", name="Testgemeente Zuid")

    def staff(email, role=None, region=gemeente, totp=True, **fields):
        user = UserFactory(email=email, **fields)
        if role:
            RoleAssignmentFactory(user=user, role=role, region=region)
        if totp:
            add_totp(user)
        return user

    return SimpleNamespace(
        gemeente=gemeente, wijk=wijk, buurt=buurt, other=other,
        manager=staff("beheer-noord@example.org", Role.MANAGER),
        other_manager=staff("beheer-zuid@example.org", Role.MANAGER, region=other),
        manager_without_totp=staff("beheer-zonder@example.org", Role.MANAGER, totp=False),
        professional=staff("prof-noord@example.org", Role.PROFESSIONAL),
        administrator=staff("site@example.org", is_superuser=True, is_staff=True),
        resident=UserFactory(email="bewoner-noord@example.org"),
    )
