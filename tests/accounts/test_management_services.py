"""Managing organisations and members goes through services that check the right on the
organisation's municipality and audit each change; roles are covered in test_roles.py."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.accounts.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory
from wijkkompas.accounts import selectors, services
from wijkkompas.accounts.models import Membership, Organisation, OrganisationKind
from wijkkompas.accounts.permissions import Role
from wijkkompas.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _create(actor, municipality, **fields):
    values = {"name": "Welzijn Noord", "kind": OrganisationKind.WELFARE, "response_days": 14,
              "contact_email": "info@welzijn.example", **fields}
    return services.organisation_create(actor=actor, municipality=municipality, **values)


def test_a_manager_creates_an_organisation_in_their_municipality_and_it_is_audited(world):
    organisation = _create(world.manager, world.gemeente)
    assert (organisation.name, organisation.municipality, organisation.response_days) == (
        "Welzijn Noord", world.gemeente, 14,
    )
    event = AuditEvent.objects.get(action="organisation.create")
    assert (event.actor, event.target, event.region) == (world.manager, f"organisation:{organisation.pk}", world.gemeente)
    assert event.details == {"name": "Welzijn Noord", "kind": "welzijn", "response_days": 14, "municipality": "GM9941"}


@pytest.mark.parametrize("who", ["other_manager", "manager_without_totp", "professional", "resident"])
def test_others_cannot_create_an_organisation_there(world, who):
    with pytest.raises(PermissionDenied):
        _create(getattr(world, who), world.gemeente)
    assert not Organisation.objects.filter(name="Welzijn Noord").exists()
    assert not AuditEvent.objects.filter(action="organisation.create").exists()


def test_only_site_administrators_manage_an_organisation_without_a_municipality(world):
    with pytest.raises(PermissionDenied):
        _create(world.manager, None)
    national = _create(world.administrator, None, name="Politie Nederland", kind=OrganisationKind.POLICE)
    with pytest.raises(PermissionDenied):
        services.membership_add(actor=world.manager, organisation=national, user=world.resident)


def test_the_model_s_rules_hold(world):
    with pytest.raises(ValidationError) as error:
        _create(world.manager, world.gemeente, kind="kerk", contact_email="geen adres")
    assert set(error.value.error_dict) == {"kind", "contact_email"}


def test_an_update_is_audited_with_what_changed_but_not_the_contact_address(world):
    organisation = OrganisationFactory(municipality=world.gemeente, response_days=10, contact_email="")
    services.organisation_update(actor=world.manager, organisation=organisation, name=organisation.name,
                                 response_days=5, contact_email=" wijk@corporatie.example ")
    organisation.refresh_from_db()
    assert (organisation.response_days, organisation.contact_email) == (5, "wijk@corporatie.example")
    event = AuditEvent.objects.get(action="organisation.update")
    assert event.details["changed"] == ["response_days", "contact_email"]
    assert "wijk@corporatie.example" not in str(event.details)
    services.organisation_update(actor=world.manager, organisation=organisation, response_days=5)
    assert AuditEvent.objects.filter(action="organisation.update").count() == 1  # nothing changed: no event


def test_no_one_moves_an_organisation_into_or_out_of_another_s_municipality(world):
    ours = OrganisationFactory(municipality=world.gemeente)
    theirs = OrganisationFactory(municipality=world.other)
    with pytest.raises(PermissionDenied):
        services.organisation_update(actor=world.manager, organisation=ours, municipality=world.other)
    with pytest.raises(PermissionDenied):
        services.organisation_update(actor=world.manager, organisation=theirs, municipality=world.gemeente)
    with pytest.raises(PermissionDenied):
        services.organisation_update(actor=world.other_manager, organisation=ours, name="Overgenomen")
    assert Organisation.objects.get(pk=ours.pk).municipality == world.gemeente
    assert Organisation.objects.get(pk=theirs.pk).municipality == world.other


def test_members_are_added_and_removed_once_and_each_change_is_audited(world):
    organisation = OrganisationFactory(municipality=world.gemeente)
    member = UserFactory()
    services.membership_add(actor=world.manager, organisation=organisation, user=member)
    services.membership_add(actor=world.manager, organisation=organisation, user=member)
    assert Membership.objects.filter(organisation=organisation).count() == 1
    assert services.membership_remove(actor=world.manager, organisation=organisation, user=member)
    assert not services.membership_remove(actor=world.manager, organisation=organisation, user=member)
    events = AuditEvent.objects.filter(target=f"user:{member.pk}")
    assert [(event.action, event.actor, event.details) for event in events] == [
        ("membership.add", world.manager, {"organisation": organisation.pk}),
        ("membership.remove", world.manager, {"organisation": organisation.pk}),
    ]
    with pytest.raises(PermissionDenied):
        services.membership_add(actor=world.other_manager, organisation=organisation, user=member)


def test_a_manager_manages_their_areas_and_those_within_only_with_a_second_factor(world):
    assert selectors.managed_region_ids(user=world.manager) == {world.gemeente.pk, world.wijk.pk, world.buurt.pk}
    assert selectors.managed_region_ids(user=world.manager_without_totp) == set()
    assert selectors.managed_region_ids(user=world.professional) == set()
    assert selectors.managed_region_ids(user=world.administrator) is None
    RoleAssignmentFactory(user=world.other_manager, role=Role.MANAGER, region=world.wijk)
    assert selectors.managed_region_ids(user=world.other_manager) == {
        world.other.pk, world.wijk.pk, world.buurt.pk,
    }
