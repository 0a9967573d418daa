"""The write path: lifecycle with its append-only history, one response per person or code,
changing until the period closes, paper entry with its channel, versioned extra questions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction

from tests.accounts.factories import UserFactory
from tests.surveys.factories import make_survey_area, manager, open_period, professional
from wijkkompas.surveys import selectors, services
from wijkkompas.surveys.models import AppendOnlyError, Channel, Origin, PeriodEvent, Response
from wijkkompas.surveys.workflow import PeriodStatus, TransitionError

pytestmark = pytest.mark.django_db


def test_lifecycle_draft_open_closed_with_history_and_no_way_back():
    area = make_survey_area()
    boss = manager(area.gemeente)
    period = open_period(area.wijk, actor=boss, opened=False)
    assert period.status == PeriodStatus.DRAFT and period.questions.count() == 10
    services.change_period_status(actor=boss, period=period, to_status=PeriodStatus.OPEN)
    services.change_period_status(actor=boss, period=period, to_status=PeriodStatus.CLOSED)
    with pytest.raises(TransitionError):
        services.change_period_status(actor=boss, period=period, to_status=PeriodStatus.OPEN)
    history = list(PeriodEvent.objects.filter(period=period).values_list("from_status", "to_status"))
    assert history == [("", "concept"), ("concept", "open"), ("open", "gesloten")]
    event = PeriodEvent.objects.filter(period=period).last()
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        PeriodEvent.objects.filter(period=period).delete()


def test_the_database_refuses_to_rewrite_the_history():
    area = make_survey_area()
    period = open_period(area.wijk)
    with pytest.raises(DatabaseError), transaction.atomic():
        PeriodEvent.objects.filter(period=period)._raw_delete(PeriodEvent.objects.db)
    with pytest.raises(DatabaseError), transaction.atomic():
        type(period).objects.filter(pk=period.pk).update(is_example=True)


def test_a_resident_may_not_manage_a_survey():
    area = make_survey_area()
    with pytest.raises(PermissionDenied):
        services.create_period(actor=UserFactory(), region=area.wijk, title="x", starts_on=datetime.date(2026, 1, 1),
                               ends_on=datetime.date(2026, 2, 1))


def test_one_response_per_account_changeable_until_closed():
    area = make_survey_area()
    boss = manager(area.gemeente)
    period = open_period(area.wijk, actor=boss)
    resident = UserFactory()
    services.submit_response(respondent=resident, period=period, answers={"rapportcijfer": ["4"]}, age_group="25_44",
                             buurt=area.buurt_a)
    services.submit_response(respondent=resident, period=period, answers={"rapportcijfer": ["9"],
                                                                          "eerst_beter": ["wonen", "veiligheid"]})
    response = Response.objects.get(period=period)
    assert sorted(response.answers.values_list("value", flat=True)) == ["9", "veiligheid", "wonen"]
    assert response.age_group == "" and response.buurt is None
    services.change_period_status(actor=boss, period=period, to_status=PeriodStatus.CLOSED)
    with pytest.raises(ValidationError) as refused:
        services.submit_response(respondent=resident, period=period, answers={"rapportcijfer": ["1"]})
    assert "niet open" in str(refused.value)


@pytest.mark.parametrize("answers, field", [
    ({"rapportcijfer": ["11"]}, "rapportcijfer"),
    ({"veilig_avond": ["altijd", "nooit"]}, "veilig_avond"),
    ({"eerst_beter": ["wonen", "veiligheid", "energie", "onderwijs"]}, "eerst_beter"),
    ({}, "__all__"),
])
def test_answers_outside_the_options_are_refused(answers, field):
    area = make_survey_area()
    period = open_period(area.buurt_a)
    with pytest.raises(ValidationError) as refused:
        services.submit_response(respondent=UserFactory(), period=period, answers=answers)
    assert field in refused.value.message_dict
    assert not Response.objects.filter(period=period).exists()


def test_paper_codes_once_per_code_and_entered_by_a_professional_with_channel():
    area = make_survey_area()
    period = open_period(area.wijk)
    worker = professional(area.gemeente)
    first, second = services.issue_paper_codes(actor=worker, period=period, count=2)
    assert first.code != second.code and len(first.code) == 8
    services.submit_with_code(period=period, code=first.code.lower(), answers={"woning": ["tevreden"]})
    services.submit_with_code(period=period, code=f"{first.code[:4]}-{first.code[4:]}", answers={"woning": ["ontevreden"]},
                              channel=Channel.PAPER, entered_by=worker)
    services.submit_with_code(period=period, code=second.code, answers={"woning": ["tevreden"]},
                              channel=Channel.CONVERSATION, entered_by=worker)
    responses = Response.objects.filter(period=period).order_by("pk")
    assert [(item.channel, item.entered_by_id) for item in responses] == [
        (Channel.PAPER, worker.pk), (Channel.CONVERSATION, worker.pk)]
    with pytest.raises(ValidationError):
        services.submit_with_code(period=period, code="NOTACODE", answers={"woning": ["tevreden"]})
    with pytest.raises(PermissionDenied):
        services.submit_with_code(period=period, code=second.code, answers={"woning": ["tevreden"]},
                                  channel=Channel.PAPER, entered_by=UserFactory())


def test_an_extra_question_belongs_to_its_period_and_keeps_its_version_while_the_wording_stays():
    area = make_survey_area()
    boss = manager(area.gemeente)
    spring = open_period(area.wijk, actor=boss, title="Voorjaar", opened=False)
    autumn = open_period(area.wijk, actor=boss, title="Najaar", opened=False)
    winter = open_period(area.wijk, actor=boss, title="Winter", opened=False)
    asked = services.add_question(actor=boss, period=spring, wording="Gebruik je het nieuwe buurthuis?",
                                  options=["Ja", "Nee"], origin=Origin.MUNICIPALITY)
    again = services.add_question(actor=boss, period=autumn, wording="Gebruik je het nieuwe buurthuis?",
                                  options=["Ja", "Nee"], origin=Origin.MUNICIPALITY, key=asked.key)
    changed = services.add_question(actor=boss, period=winter, wording="Kom je in het nieuwe buurthuis?",
                                    options=["Ja", "Nee"], origin=Origin.MUNICIPALITY, key=asked.key)
    assert again.pk == asked.pk
    assert (changed.key, changed.version) == (asked.key, 2)
    assert asked in spring.questions.all() and asked in autumn.questions.all()
    assert asked not in winter.questions.all()
    services.change_period_status(actor=boss, period=spring, to_status=PeriodStatus.OPEN)
    with pytest.raises(ValidationError):
        services.add_question(actor=boss, period=spring, wording="Te laat?", options=["Ja", "Nee"],
                              origin=Origin.MUNICIPALITY)
    for period in (autumn, winter):
        services.change_period_status(actor=boss, period=period, to_status=PeriodStatus.OPEN)
    compared = {question.pk: [period.title for period, _result in items] for question, items in selectors.trend(region=area.wijk)}
    assert compared[asked.pk] == ["Voorjaar", "Najaar"]
    assert changed.pk not in compared


def test_a_deleted_account_leaves_its_answers_counting_without_its_name():
    from wijkkompas.accounts.services import delete_account
    from wijkkompas.surveys.privacy import export_surveys

    area = make_survey_area()
    boss = manager(area.gemeente)
    period = open_period(area.buurt_a, actor=boss)
    resident = UserFactory()
    services.submit_response(respondent=resident, period=period, answers={"rapportcijfer": ["8"]})
    assert export_surveys(resident)[0]["answers"] == [{"question": "rapportcijfer", "value": "8"}]
    delete_account(user=boss)
    delete_account(user=resident)
    response = Response.objects.get(period=period)
    assert response.respondent is None and response.answers.count() == 1
    assert not PeriodEvent.objects.filter(period=period, actor__isnull=False).exists()
    assert PeriodEvent.objects.filter(period=period).count() == 2


def test_a_code_sent_by_someone_signed_in_is_refused_but_a_professional_may_enter_it():
    area = make_survey_area()
    period = open_period(area.buurt_a)
    worker = professional(area.gemeente)
    (code,) = services.issue_paper_codes(actor=worker, period=period, count=1)
    with pytest.raises(ValidationError) as refused:
        services.submit_with_code(period=period, code=code.code, answers={"rapportcijfer": ["5"]}, signed_in=UserFactory())
    assert not hasattr(refused.value, "error_dict") and not period.responses.exists()  # not about the code field
    services.submit_with_code(period=period, code=code.code, answers={"rapportcijfer": ["5"]}, channel="papier",
                              entered_by=worker, signed_in=worker)
    assert period.responses.get().paper_code == code
