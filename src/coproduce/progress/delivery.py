"""Provision delivered against promised, for one child's plan: the plan's provision items and the sessions
recorded for them, handed to the pure rule (``coproduce.rules.delivery``) and back as plain tallies.

Nothing here checks access: the selectors call it with records they have already been allowed to read,
and the actions and the daily check call it for items they already hold.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from coproduce.plans.models import Plan, Provision
from coproduce.progress.models import DeliveryRecord, DeliverySettings, MissedReason
from coproduce.rules import delivery as rule
from coproduce.statutory.charts import Chart, bar_chart


def threshold_for(council_id) -> int:
    settings = DeliverySettings.objects.filter(council_id=council_id).first()
    return settings.shortfall_percent if settings else rule.DEFAULT_THRESHOLD


def promise_of(provision: Provision) -> rule.Promise | None:
    return rule.promise(provision.frequency, provision.duration)


def starts_on(provision: Provision, plan: Plan) -> dt.date | None:
    """From when the provision is owed: the day the plan was made final, or the item's own later start."""
    if plan.finalised_on is None:
        return None
    return max(d for d in (plan.finalised_on, provision.start_date) if d)


def as_rule_record(entry: DeliveryRecord) -> rule.Record:
    if entry.delivered:
        return rule.Record(entry.on, rule.Kind.DELIVERED, entry.minutes or 0)
    if entry.reason == MissedReason.CLOSED:
        return rule.Record(entry.on, rule.Kind.CLOSED, until=entry.until)
    if entry.reason == MissedReason.CHILD_AWAY:
        return rule.Record(entry.on, rule.Kind.EXCUSED)
    return rule.Record(entry.on, rule.Kind.MISSED)


def shortfall_now(provision: Provision, *, today: dt.date | None = None) -> tuple[rule.Tally, int] | None:
    """The item's last four weeks if less than the council's threshold was delivered, with the threshold."""
    promised = promise_of(provision)
    plan = provision.plan
    starts = starts_on(provision, plan)
    if promised is None or starts is None:
        return None
    threshold = threshold_for(plan.child.responsible_council_id)
    records = [as_rule_record(entry) for entry in DeliveryRecord.objects.filter(provision=provision)]
    found = rule.shortfall(promised, records, today or timezone.localdate(), threshold=threshold, starts_on=starts)
    return (found, threshold) if found else None


@dataclasses.dataclass
class ItemDelivery:
    """One provision item: what it promises, and what was delivered each week and term."""

    provision: Provision
    number: int
    promise: rule.Promise | None
    starts_on: dt.date | None
    records: list[DeliveryRecord]
    last_four: rule.Tally | None
    threshold: int
    weeks: list[rule.Tally] = dataclasses.field(default_factory=list)
    terms: list[rule.Tally] = dataclasses.field(default_factory=list)
    week_chart: Chart | None = None
    term_chart: Chart | None = None
    shortfall: object = None  # the open Shortfall record, if any

    @property
    def short(self) -> bool:
        return self.last_four is not None and self.last_four.below(self.threshold)


def _short_label(period: rule.Period) -> str:
    if period.label.startswith("Week beginning"):
        return f"{period.start.day} {period.start:%B}"
    return period.label.replace(" term", "")


def _chart(chart_id: str, title: str, tallies: Iterable[rule.Tally]) -> Chart:
    rows = []
    for tally in tallies:
        rows.append((_short_label(tally.period), tally.percent, tally.percent_text))
    return bar_chart(chart_id, title, rows)


def item_delivery(
    provision: Provision,
    number: int,
    plan: Plan,
    records: list[DeliveryRecord],
    *,
    threshold: int,
    today: dt.date,
    since: dt.date | None = None,
    detail: bool = False,
) -> ItemDelivery:
    """One item's delivery. ``detail`` adds this term's weeks and every term since ``since`` (or since
    the plan was made final), each with a chart."""
    promised = promise_of(provision)
    starts = starts_on(provision, plan)
    rule_records = [as_rule_record(entry) for entry in records]
    window = rule.shortfall_window(today)
    last_four = rule.tally(promised, window, rule_records, starts_on=starts) if promised and starts else None
    item = ItemDelivery(provision, number, promised, starts, records, last_four, threshold)
    if not detail or promised is None or starts is None:
        return item
    term = rule.term_of(today)
    item.weeks = [
        rule.tally(promised, week, rule_records, starts_on=starts, ends_on=today)
        for week in rule.weeks(max(term.start, starts), today)
    ]
    first = max(starts, since) if since else starts
    item.terms = [
        rule.tally(promised, period, rule_records, starts_on=starts, ends_on=today)
        for period in rule.terms(first, today)
    ]
    item.week_chart = _chart(
        f"chart-weeks-{number}",
        f"Provision {number}: delivered as a share of promised, each week this term",
        item.weeks,
    )
    item.term_chart = _chart(
        f"chart-terms-{number}", f"Provision {number}: delivered as a share of promised, each term", item.terms
    )
    return item
