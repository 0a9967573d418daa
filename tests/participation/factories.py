"""Factories for participation: an area (gemeente > wijk > buurt with a square boundary), contributions, staff.

Codes start with GM98/WK98/BU98, a range the real CBS data and other factories do not use.
"""

import factory

from tests.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory, add_totp
from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.accounts.models import RoleAssignment
from wijkkompas.accounts.permissions import Role
from wijkkompas.participation.models import Contribution, ContributionEvent, EventKind, Kind
from wijkkompas.participation.workflow import Status
from wijkkompas.regions.models import Level

#: The buurt's boundary: a square of about 700 by 1100 m around (5.1, 52.1), with a square hole.
SQUARE = [[5.095, 52.095], [5.105, 52.095], [5.105, 52.105], [5.095, 52.105], [5.095, 52.095]]
HOLE = [[5.099, 52.099], [5.1005, 52.099], [5.1005, 52.1005], [5.099, 52.1005], [5.099, 52.099]]
INSIDE = (52.097, 5.097)  # latitude, longitude
IN_HOLE = (52.0995, 5.0995)
OUTSIDE = (52.2, 5.2)


def make_area(number: int = 1):
    """A gemeente with one wijk and one buurt (with a boundary), linked through RegionYear parents."""
    code = f"{number % 100:02d}"
    gemeente = RegionFactory(code=f"GM98{code}", level=Level.MUNICIPALITY, name=f"Testgemeente 98{code}")
    wijk = RegionFactory(code=f"WK98{code}01", level=Level.DISTRICT, name=f"Testwijk 98{code}",
                         municipality_code=gemeente.code)
    buurt = RegionFactory(code=f"BU98{code}0101", level=Level.NEIGHBOURHOOD, name=f"Testbuurt 98{code}",
                          municipality_code=gemeente.code)
    RegionYearFactory(region=gemeente)
    RegionYearFactory(region=wijk, parent=gemeente)
    RegionYearFactory(region=buurt, parent=wijk, geometry={"type": "Polygon", "coordinates": [SQUARE, HOLE]})
    return gemeente, wijk, buurt


def staff(role: Role, region, *, organisation=None, mfa: bool = False):
    """An account with `role` on `region` (and a TOTP authenticator when the role needs one)."""
    user = UserFactory()
    RoleAssignment.objects.create(user=user, role=role, region=region, organisation=organisation)
    if organisation is not None:
        MembershipFactory(user=user, organisation=organisation)
    if mfa:
        add_totp(user)
    return user


class ContributionFactory(factory.django.DjangoModelFactory):
    """A contribution as submitted online, with its first trail event."""

    class Meta:
        model = Contribution
        skip_postgeneration_save = True

    kind = Kind.IDEA
    title = factory.Sequence(lambda n: f"Idee nummer {n}")
    text = "Meer bankjes in het park zodat ouderen kunnen uitrusten."
    theme = "leefbaarheid"
    region = factory.LazyFunction(lambda: make_area()[2])
    author = factory.SubFactory(UserFactory)

    @factory.post_generation
    def submitted(contribution, create, extracted, **kwargs):
        if create and extracted is not False:
            ContributionEvent.objects.create(contribution=contribution, kind=EventKind.SUBMITTED,
                                             to_status=Status.RECEIVED, actor=contribution.author)


__all__ = ["ContributionFactory", "OrganisationFactory", "UserFactory", "make_area", "staff"]
