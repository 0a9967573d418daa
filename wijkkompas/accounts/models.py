"""People who sign in: residents, professionals, staff.

An account is an e-mail address and nothing more unless its owner adds a public name: residents
need no password (they sign in with a one-time code sent by e-mail), and the platform asks for
no address, age or phone number. Organisations, memberships and roles per region follow below.
"""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkompas.accounts.permissions import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("An account needs an e-mail address.")
        user = self.model(email=self.normalize_email(email), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, email: str) -> "User":
        return self.get(email=email.strip().lower())


class User(AbstractBaseUser, PermissionsMixin):
    #: Stored in lower case (save), so one address is one account whatever its spelling.
    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    public_name = models.CharField(
        _("public name"), max_length=80, blank=True,
        help_text=_("Shown with your contributions. Leave empty to appear as 'a resident'."),
    )
    email_own_contributions = models.BooleanField(
        _("e-mail about my own contributions"), default=True,
        help_text=_("An e-mail when something changes in a contribution you sent."),
    )
    email_followed = models.BooleanField(
        _("e-mail about contributions I follow"), default=True,
        help_text=_("An e-mail when something changes in a contribution you follow."),
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="Site administrator.")
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    def save(self, *args, **kwargs) -> None:
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.public_name or self.email


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "gemeente", _("municipality")
    HOUSING = "woningcorporatie", _("housing association")
    WELFARE = "welzijn", _("welfare organisation")
    POLICE = "politie", _("police")
    SCHOOL = "school", _("school")
    CARE = "zorg", _("care")
    BUSINESS = "ondernemers", _("business association")
    RESIDENTS = "bewonersorganisatie", _("residents' organisation")


class Organisation(models.Model):
    """A partner in the neighbourhood approach; contributions can be forwarded to it."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=OrganisationKind.choices)
    municipality = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="organisations",
        limit_choices_to={"level": "gemeente"},
    )
    response_days = models.PositiveSmallIntegerField(
        _("response term in days"), default=10,
        help_text=_("Days to accept and answer a contribution forwarded to this organisation."),
    )
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


class RoleAssignment(models.Model):
    """A role on a region, and so on every region below it (see permissions.roles_of).

    Written only through services.assign_role / revoke_role, which audit each change.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=32, choices=Role.choices)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="role_assignments")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="role_assignments"
    )
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "region"], name="unique_role_assignment"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.role} ({self.region_id})"
