"""Example survey periods (voorbeeld) for Bijlmer Centrum, Overvecht and Transvaalkwartier.

The answers are made up, drawn with a fixed seed so every load gives the same ones, and go through
the normal services as the demo accounts of the participation examples (the residents'
representative prepares and opens the period, the welfare professional enters the paper forms).
Transvaalkwartier gets fewer than 10 responses, so the suppression can be seen there. Results
are published only once a period is closed (suppression rule 5), so the examples are last year's
closed periods, whose results show on the survey page and on the profile next to the figures;
Bijlmer Centrum also has this year's period open, to take part in and to see that its results
wait for the close. Everything is labelled "voorbeeld" and `manage.py demo_content --remove`
takes it out.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from wijkkompas.accounts.models import User
from wijkkompas.core.demo import ExampleContent
from wijkkompas.regions.models import Region
from wijkkompas.surveys import services
from wijkkompas.surveys.models import Channel, Origin, SurveyPeriod
from wijkkompas.surveys.questionnaire import MAX_CHOICES, AgeGroup, Kind
from wijkkompas.surveys.workflow import PeriodStatus

ORGANISER = "bewonersraad@wijkkompas.example"
#: How many of the example respondents give a period's leaning answer.
LEANING_SHARE = 0.9
PROFESSIONAL = "welzijn@wijkkompas.example"


@dataclass(frozen=True)
class ExamplePeriod:
    region_code: str
    responses: int
    #: An extra question of the municipality for this period only: (wording, answers).
    extra: tuple[str, tuple[str, ...]] | None = None
    #: Still open (this year's), rather than last year's and closed.
    is_open: bool = False
    #: Answers most example respondents give (question key -> option value), so the comparison
    #: with the figures on the profile has something to say; the rest is drawn at random.
    leaning: tuple[tuple[str, str], ...] = ()


PERIODS = [
    # Bijlmer Centrum, Amsterdam: most feel safe in the evening and want better facilities first,
    # while registered crime is high and facilities are not among its weakest themes, so the
    # profile shows where residents and figures differ.
    ExamplePeriod("WK036393", 24, leaning=(("veilig_avond", "altijd"), ("veilig_overdag", "altijd"),
                                           ("eerst_beter", "voorzieningen"))),
    ExamplePeriod("WK036393", 13, is_open=True),
    ExamplePeriod("WK034403", 16, ("Ken je het nieuwe buurtteam in Overvecht?", ("Ja", "Nee", "Weet ik niet"))),
    ExamplePeriod("WK051830", 7),  # Transvaalkwartier, Den Haag: fewer than 10, so every figure is withheld
]


def load_example_periods() -> int:
    """Create the example periods with their responses; returns how many periods were made (0
    when they are there already). Areas or demo accounts that are missing are left out."""
    if not settings.DEMO_CONTENT:
        raise ImproperlyConfigured("DEMO_CONTENT is off: no example content in this deployment.")
    if SurveyPeriod.objects.filter(is_example=True).exists():
        return 0
    organiser = User.objects.filter(email=ORGANISER).first()
    professional = User.objects.filter(email=PROFESSIONAL).first()
    if organiser is None or professional is None:
        return 0
    made = 0
    with transaction.atomic():
        for example in PERIODS:
            region = Region.objects.filter(code=example.region_code).first()
            if region is not None:
                _period(example, region, organiser, professional)
                made += 1
    return made


def _period(example: ExamplePeriod, region: Region, organiser: User, professional: User) -> None:
    today = timezone.localdate()
    starts_on = today - datetime.timedelta(days=14 if example.is_open else 380)
    period = services.create_period(
        actor=organiser, region=region, title=f"Leefbaarheidspeiling {starts_on.year} (voorbeeld)",
        starts_on=starts_on, ends_on=starts_on + datetime.timedelta(days=74), is_example=True,
    )
    if example.extra:
        wording, options = example.extra
        services.add_question(actor=organiser, period=period, wording=wording, options=list(options),
                              origin=Origin.MUNICIPALITY)
    services.change_period_status(actor=organiser, period=period, to_status=PeriodStatus.OPEN)
    draw = random.Random(f"{example.region_code}-{example.is_open}")
    questions = list(period.questions.all())
    buurten = list(Region.objects.filter(pk__in=services.period_buurt_ids(period)))
    codes = services.issue_paper_codes(actor=professional, period=period, count=example.responses)
    for number, code in enumerate(codes):
        on_paper = number % 3 == 0
        services.submit_with_code(
            period=period, code=code.code,
            answers={question.key: _answer(question, draw, dict(example.leaning).get(question.key)) for question in questions},
            age_group=draw.choice(AgeGroup.values), buurt=draw.choice(buurten) if buurten else None,
            channel=Channel.PAPER if on_paper else Channel.ONLINE, entered_by=professional if on_paper else None,
            is_example=True,
        )
    if not example.is_open:
        services.change_period_status(actor=organiser, period=period, to_status=PeriodStatus.CLOSED)


def _answer(question, draw: random.Random, leaning: str | None = None) -> list[str]:
    values = question.option_values
    if leaning is not None and draw.random() < LEANING_SHARE:
        others = [value for value in values if value != leaning]
        return [leaning, *draw.sample(others, draw.randint(0, MAX_CHOICES - 1))] if question.kind == Kind.MULTI else [leaning]
    if question.kind == Kind.MULTI:
        return draw.sample(values, draw.randint(1, MAX_CHOICES))
    if question.kind == Kind.SCALE:
        return [str(min(10, max(1, round(draw.gauss(6.5, 1.5)))))]
    return [draw.choice(values)]


EXAMPLES = ExampleContent(
    name="Voorbeeldpeilingen",
    load=load_example_periods,
    remove=services.delete_example_periods,
)
