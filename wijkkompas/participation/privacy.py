"""Participation's entries in the register of personal data (accounts/privacy.py), and its hooks
for a person's data export and for deleting an account: contributions stay public with their
trail, without the person's name."""

from django.utils.translation import gettext_lazy as _

from wijkkompas.accounts.privacy import PersonalData
from wijkkompas.participation.models import Contribution, ContributionEvent, Follow, Reaction, Report, Support

closed_plus_year = _("Until 365 days after the contribution is closed; then the link to the person is removed.")
PERSONAL_DATA = [
    PersonalData(Contribution, ("author", "title", "text", "place_description", "latitude", "longitude", "photo"),
                 _("To show your contribution in public, answer it and tell you what became of it."), closed_plus_year),
    PersonalData(Contribution, ("entered_by",),
                 _("To know which professional recorded what residents said in a conversation."), closed_plus_year),
    PersonalData(ContributionEvent, ("actor", "public_text"),
                 _("The public trail of what became of a contribution, and who did what (visible to staff only)."),
                 _("The trail is kept; a deleted account is removed from it.")),
    PersonalData(Support, ("user",), _("To count each person's support once."),
                 _("Until you withdraw it; after deleting your account it counts without your name.")),
    PersonalData(Follow, ("user",), _("To send you news about the contribution."),
                 _("Until you stop following, delete your account or the contribution is anonymised.")),
    PersonalData(Reaction, ("author", "text"), _("To show your reaction with the contribution."), closed_plus_year),
    PersonalData(Report, ("reporter", "handled_by", "text"), _("To let moderators handle a report."),
                 closed_plus_year),
]


def export_participation(user) -> dict:
    """Everything a person wrote, entered, supported, followed or reported."""
    def contribution(item: Contribution) -> dict:
        return {
            "id": item.pk, "kind": item.kind, "title": item.title, "text": item.text, "theme": item.theme,
            "region": item.region.code, "latitude": item.latitude, "longitude": item.longitude,
            "place_description": item.place_description, "channel": item.channel, "status": item.status,
            "created_at": item.created_at.isoformat(), "satisfied": item.satisfied,
            "trail": [
                {"kind": event.kind, "to_status": event.to_status, "public_text": event.public_text,
                 "created_at": event.created_at.isoformat()}
                for event in item.events.filter(is_public=True)
            ],
        }

    own = Contribution.objects.filter(author=user).select_related("region")
    entered = Contribution.objects.filter(entered_by=user).select_related("region")
    return {
        "contributions": [contribution(item) for item in own],
        "assisted_input_entered": [contribution(item) for item in entered],
        "reactions": [{"contribution": item.contribution_id, "text": item.text, "created": item.created.isoformat()}
                      for item in Reaction.objects.filter(author=user)],
        "supports": list(Support.objects.filter(user=user).values_list("contribution_id", flat=True)),
        "follows": list(Follow.objects.filter(user=user).values_list("contribution_id", flat=True)),
        "reports": [{"contribution": item.contribution_id, "reaction": item.reaction_id, "reason": item.reason,
                     "text": item.text} for item in Report.objects.filter(reporter=user)],
    }


def anonymise_participation(user) -> None:
    """Unlink the person; what they wrote stays public, without their name. Supports stay on the
    anonymised account so that counts do not change."""
    ContributionEvent.objects.filter(actor=user).forget_actors()
    Contribution.objects.filter(author=user).update(author=None)
    Contribution.objects.filter(entered_by=user).update(entered_by=None)
    Reaction.objects.filter(author=user).update(author=None)
    Report.objects.filter(reporter=user).update(reporter=None)
    Follow.objects.filter(user=user).delete()


EXPORTERS = {"participation": export_participation}
ANONYMISERS = [anonymise_participation]
