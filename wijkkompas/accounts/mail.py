"""SMTP settings from the environment (EMAIL_URL, or EMAIL_HOST and friends); see settings.py."""

from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SCHEMES = {"smtp": (False, 25), "smtp+tls": (True, 587), "submission": (True, 587), "smtp+ssl": (False, 465), "smtps": (False, 465)}


def smtp_settings(url: str, environ: Mapping[str, str]) -> dict:
    """Django's EMAIL_* settings for the SMTP backend."""
    if url:
        parts = urlsplit(url)
        if parts.scheme not in SCHEMES or not parts.hostname:
            raise ImproperlyConfigured("EMAIL_URL must look like smtp://user:password@host:587 (or smtp+ssl://...).")
        use_tls, default_port = SCHEMES[parts.scheme]
        use_ssl = parts.scheme in {"smtp+ssl", "smtps"}
        port = parts.port or default_port
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname,
            "EMAIL_PORT": port,
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_TLS": use_tls or (port == 587 and not use_ssl),
            "EMAIL_USE_SSL": use_ssl,
            "EMAIL_TIMEOUT": 10,
        }
    flag = lambda name: environ.get(name, "0").strip().lower() in {"1", "true", "yes", "on"}  # noqa: E731
    if flag("EMAIL_USE_TLS") and flag("EMAIL_USE_SSL"):
        raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": environ["EMAIL_HOST"],
        "EMAIL_PORT": int(environ.get("EMAIL_PORT", "25")),
        "EMAIL_HOST_USER": environ.get("EMAIL_HOST_USER", ""),
        "EMAIL_HOST_PASSWORD": environ.get("EMAIL_HOST_PASSWORD", ""),
        "EMAIL_USE_TLS": flag("EMAIL_USE_TLS"),
        "EMAIL_USE_SSL": flag("EMAIL_USE_SSL"),
        "EMAIL_TIMEOUT": 10,
    }
