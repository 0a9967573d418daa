"""Small-number protection of every published survey figure: the one place that decides.

Pages, the API and the CSV all publish what `protect()` leaves; nothing else computes a figure
from the answers. The rule:

1. Every published aggregate rests on at least THRESHOLD (10) respondents. A figure about fewer
   is withheld ("te weinig antwoorden"): the respondent count itself, every count and share of its
   answers and its mean.
2. Figures are published for the total of a period and for the groups of ONE breakdown at a time
   (channel, age group or buurt), never for a combination of two filters: the intersection of two
   overlapping groups is not published, so it cannot be read off either.
3. The groups of a breakdown add up to the total, so withholding one small group is not enough:
   the total minus the published groups would give it back (a subgroup subtracted from a total; a
   period's total minus the other channels). Complementary suppression: as long as the withheld
   groups of a breakdown together hold 1 to 9 respondents, the smallest published group is
   withheld too. What can still be derived is then the union of the withheld groups, which rests
   on at least 10 respondents itself (or on none). Groups without an answer to the question (age
   not filled in) are a group of their own here, as the total counts them.
4. The rule applies per question, on the number of respondents who answered that question in each
   group, because people may skip a question and each question's groups add up to its own total.

5. Nothing of a period is published while it is open: only once it is closed, as one final
   release. Otherwise time differencing gives an answer away: while answers are being given,
   the published figures before and after one new (or changed) response differ by exactly that
   response, however many respondents they rest on. Closing is final (workflow.py: nothing
   reopens a period) and after it no answer is added, changed or removed (a deleted account's
   answers keep counting without the link), so the figures of a period never change once
   published. While a period is open, only the number of responses so far is shown, rounded
   down to a multiple of THRESHOLD ("fewer than 10" below it): it tells that people took part,
   never what anyone answered, and it moves only once per ten responses. What this cannot
   prevent: someone who knows all the other respondents' answers learns the last one from the
   final figures; that is the limit of any published aggregate.

Imported results (a municipality's own monitor) are cells with their own respondent count: rule 1.
They are published as imported: one release each, not a running count.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from django.utils.translation import gettext_lazy as _

from wijkkompas.surveys.workflow import PeriodStatus

THRESHOLD = 10
#: Shown in a withheld cell, and returned as the reason in the API and the CSV.
REASON = _("too few answers")
#: The reason for a combination of filters (rule 2).
COMBINATION_REASON = _("combinations of filters are not published")
#: The reason while a period is open (rule 5).
OPEN_REASON = _("results appear when the survey closes")


def published(status: str) -> bool:
    """Rule 5: a period's figures are published only once it is closed."""
    return status == PeriodStatus.CLOSED


def responses_so_far(count: int) -> int:
    """Rule 5: while a period is open, the number of its responses rounded down to a multiple of
    THRESHOLD (0 for fewer than THRESHOLD)."""
    return count // THRESHOLD * THRESHOLD


def too_few(respondents: int) -> bool:
    """Rule 1: an aggregate on fewer than THRESHOLD respondents is withheld."""
    return respondents < THRESHOLD


def withheld_groups(sizes: Mapping[Hashable, int]) -> frozenset:
    """The groups of one breakdown whose figures are withheld (rules 1 and 3).

    `sizes` holds every group of the breakdown with its number of respondents, including the
    groups with none and the group of those who did not say; together they make the total.
    """
    if too_few(sum(sizes.values())):
        return frozenset(sizes)
    withheld = {group for group, size in sizes.items() if too_few(size)}
    published = sorted((size, str(group), group) for group, size in sizes.items() if group not in withheld)
    while published and 0 < sum(sizes[group] for group in withheld) < THRESHOLD:
        withheld.add(published.pop(0)[2])
    return frozenset(withheld)
