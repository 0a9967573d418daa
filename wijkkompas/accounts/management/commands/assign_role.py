from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from wijkkompas.accounts import services
from wijkkompas.accounts.models import Organisation, User
from wijkkompas.accounts.permissions import Role
from wijkkompas.regions.selectors import region_by_code


class Command(BaseCommand):
    help = "Give an account a role on a region (and every region below it), or take it away; audited."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("role", choices=[role.value for role in Role])
        parser.add_argument("region", help="CBS code, e.g. GM0363")
        parser.add_argument("--organisation", type=int, help="id of the organisation the role is held for")
        parser.add_argument("--revoke", action="store_true", help="take the role away")

    def handle(self, *args, email: str, role: str, region: str, organisation: int | None, revoke: bool, **options):
        user = User.objects.filter(email=email.strip().lower()).first()
        area = region_by_code(code=region)
        if user is None or area is None:
            raise CommandError(f"No account {email!r}." if user is None else f"No region {region!r}.")
        if revoke:
            done = services.revoke_role(actor=None, user=user, role=Role(role), region=area)
            self.stdout.write("Role taken away." if done else "The account did not hold that role there.")
            return
        partner = Organisation.objects.filter(pk=organisation).first() if organisation else None
        if organisation and partner is None:
            raise CommandError(f"No organisation {organisation}.")
        try:
            services.assign_role(actor=None, user=user, role=Role(role), region=area, organisation=partner)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"{user.email} is {role} in {area.name} and every area below it.")
