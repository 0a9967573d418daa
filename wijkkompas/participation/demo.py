"""Load and remove the example participation content of demo_data.py.

Every example goes through the normal services, as the demo account its step names, so the
trails obey the state machine, the permissions and the outbox like real ones. Loading is
idempotent: with example content present it does nothing. Removal takes out the example
contributions with their trails, the demo organisations and their roles, and anonymises the demo
accounts (the append-only audit log keeps pointing at them, as it does for any deleted account).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from wijkkompas.accounts.models import Membership, Organisation, RoleAssignment, User
from wijkkompas.accounts.services import assign_role, delete_account, revoke_role
from wijkkompas.core.demo import ExampleContent
from wijkkompas.participation import services
from wijkkompas.participation.demo_data import AREAS, DEMO_ACCOUNTS, ORGANISATIONS, ExampleArea, ExampleContribution, Step
from wijkkompas.participation.models import Contribution
from wijkkompas.regions.models import Region

DEMO_EMAIL_DOMAIN = "@wijkkompas.example"


@dataclass
class DemoWorld:
    accounts: dict[str, User]
    #: Per area code: organisation key -> Organisation.
    organisations: dict[str, dict[str, Organisation]]


def example_content_present() -> bool:
    return Contribution.objects.filter(is_example=True).exists()


def load_example_content() -> int:
    """Create the demo accounts, organisations and example contributions; returns how many
    contributions were made (0 when example content is there already). Areas whose region is not
    in the database are left out."""
    if not settings.DEMO_CONTENT:
        raise ImproperlyConfigured("DEMO_CONTENT is off: no example content in this deployment.")
    if example_content_present():
        return 0
    areas = [area for area in AREAS if Region.objects.filter(code=area.region_code).exists()]
    with transaction.atomic():
        world = DemoWorld(accounts=_accounts(), organisations={})
        for area in areas:
            world.organisations[area.region_code] = _organisations_and_roles(area, world.accounts)
        made = 0
        for area in areas:
            region = Region.objects.get(code=area.region_code)
            for example in area.contributions:
                contribution = _submit(example, region, world)
                for step in example.trail:
                    _take(step, contribution, region, world)
                made += 1
    return made


def remove_example_content() -> int:
    """Remove everything load_example_content made; returns how many contributions went."""
    with transaction.atomic():
        removed = services.delete_example_content()
        for assignment in RoleAssignment.objects.filter(user__email__endswith=DEMO_EMAIL_DOMAIN).select_related("user", "region"):
            revoke_role(actor=None, user=assignment.user, role=assignment.role, region=assignment.region)
        Organisation.objects.filter(name__in=_organisation_names()).delete()
        for user in User.objects.filter(email__endswith=DEMO_EMAIL_DOMAIN):
            delete_account(user=user)
    return removed


def _accounts() -> dict[str, User]:
    accounts = {}
    for key, (email, public_name, _role, _organisation) in DEMO_ACCOUNTS.items():
        user, _created = User.objects.get_or_create(email=email, defaults={"public_name": public_name})
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        accounts[key] = user
    return accounts


def _organisations_and_roles(area: ExampleArea, accounts: dict[str, User]) -> dict[str, Organisation]:
    municipality = Region.objects.get(code=area.municipality_code)
    region = Region.objects.get(code=area.region_code)
    organisations = {}
    for key, _note in area.organisations:
        kind, name = ORGANISATIONS[key]
        organisations[key], _created = Organisation.objects.get_or_create(
            name=name.format(gemeente=municipality.name), kind=kind, defaults={"municipality": municipality},
        )
    for account_key, (_email, _name, role, organisation_key) in DEMO_ACCOUNTS.items():
        if role == "bewoner":
            continue
        # The professional of the welfare organisation also answers for the police in the demo,
        # so one account shows the whole forwarding journey.
        member_of = [organisation_key] + (["politie"] if account_key == "professional" else [])
        for member_key in member_of:
            if member_key in organisations:
                Membership.objects.get_or_create(user=accounts[account_key], organisation=organisations[member_key])
        on_region = municipality if role in {"beheerder", "moderator"} else region
        assign_role(actor=None, user=accounts[account_key], role=role, region=on_region,
                    organisation=organisations.get(organisation_key))
    return organisations


def _organisation_names() -> set[str]:
    names = set()
    for area in AREAS:
        municipality = Region.objects.filter(code=area.municipality_code).first()
        if municipality:
            names |= {ORGANISATIONS[key][1].format(gemeente=municipality.name) for key, _note in area.organisations}
    return names


def _submit(example: ExampleContribution, region: Region, world: DemoWorld) -> Contribution:
    fields = dict(region=region, kind=example.kind, title=example.title, text=example.text, theme=example.theme,
                  place_description=example.place_description, is_example=True)
    if not example.channel:
        return services.submit_contribution(author=world.accounts["bewoner"], **fields)
    return services.record_assisted_input(
        entered_by=world.accounts["professional"], channel=example.channel, residents_count=example.residents_count,
        conversation_date=timezone.localdate() - datetime.timedelta(days=example.days_ago), consent_asked=True,
        **fields,
    )


def _take(step: Step, contribution: Contribution, region: Region, world: DemoWorld) -> None:
    actor = world.accounts[step.actor]
    match step.action:
        case "support":
            services.support(user=actor, contribution=contribution)
        case "react":
            services.react(author=actor, contribution=contribution, text=step.text)
        case "follow":
            services.follow(user=actor, contribution=contribution)
        case "status":
            organisation = world.organisations[region.code].get(step.organisation) if step.organisation else None
            services.change_status(actor=actor, contribution=contribution, to_status=step.status,
                                   public_text=step.text, reason_category=step.reason_category,
                                   organisation=organisation)
        case "accept":
            services.accept_forwarded(actor=actor, contribution=contribution)
        case "answer":
            services.answer_forwarded(actor=actor, contribution=contribution, public_text=step.text)
        case "rate":
            services.rate_answer(user=actor, contribution=contribution, satisfied=step.satisfied)
        case "reopen":
            services.request_reopen(user=actor, contribution=contribution, reason=step.text)
        case _:
            raise ValueError(f"Unknown demo step {step.action!r}.")
    contribution.refresh_from_db()


EXAMPLES = ExampleContent(
    name="Voorbeeldinbreng (bijdragen)",
    load=load_example_content,
    remove=remove_example_content,
)
