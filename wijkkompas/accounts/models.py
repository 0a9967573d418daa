"""People who sign in: residents, professionals, staff.

An account is an e-mail address and nothing more unless its owner adds a public name: residents
need no password (they sign in with a one-time code sent by e-mail), and the platform asks for
no address, age or phone number. Roles and organisations hang on the account elsewhere in this app.
"""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
