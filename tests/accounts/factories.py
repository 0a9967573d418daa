"""Factories for accounts, organisations and roles."""

import factory
from allauth.mfa.models import Authenticator

from tests.regions.factories import RegionFactory
from wijkkompas.accounts.models import Membership, Organisation, OrganisationKind, RoleAssignment, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    public_name = ""


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.HOUSING


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    region = factory.SubFactory(RegionFactory)


def add_totp(user: User) -> Authenticator:
    """A TOTP authenticator as allauth stores one (the secret is never used in these tests)."""
    return Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
