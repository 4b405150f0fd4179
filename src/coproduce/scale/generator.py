"""A realistic council at any size, for the benchmark and the query-count tests.

``seed_council(plans=25_000, seed=1)`` makes a council with its schools, health and social care bodies, case
officers with 200 or more children each, families and teams, plans with linked needs, outcomes and
provision, comments and decisions, every stage of the statutory clock, progress targets, ratings and
delivery, a parent carer forum with workstreams, meetings and decisions, a survey with responses, and the
audit trail of all of it. Ages and primary needs follow England's published figures
(``coproduce.scale.statistics``; sources in ``docs/scale-data.md``).

It writes in batches (``scale.insert``: COPY on PostgreSQL): no actions, no signals, no per-row queries,
so 25,000 plans take minutes. The same seed and the same day give the same data, identifiers included.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import time
import uuid
import zlib
from collections.abc import Callable

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from coproduce.accounts.models import Organisation, OrganisationKind, StaffPosition, User
from coproduce.audit.models import AuditAction, AuditEvent
from coproduce.forum import models as forum
from coproduce.plans import models as plans
from coproduce.plans.portable import PROVISION_FIELDS
from coproduce.plans.portable import document as portable_document
from coproduce.progress import models as progress
from coproduce.rules import delivery as delivery_rules
from coproduce.rules.checker import check_plan
from coproduce.rules.checker.portable import plan_input_from_portable
from coproduce.rules.identifiers import upn_check_letter
from coproduce.rules.plan_sections import PFA_FROM_YEAR
from coproduce.rules.school_years import year_group
from coproduce.scale import content, statistics
from coproduce.scale.insert import insert, row
from coproduce.statutory import models as statutory
from coproduce.statutory.clock import Process, build_clock
from coproduce.statutory.selectors import derive_stage
from coproduce.surveys import models as surveys
from coproduce.surveys.actions import copy_builtin
from coproduce.surveys.demo import CHANGE_ANSWERS, WELL_ANSWERS
from coproduce.teams.models import INVITING_ROLES, Child, Stage, TeamMembership, TeamRole

DEFAULT_COUNCIL = "Oakshire County Council"
DEFAULT_PASSWORD = "coproduce seed password"
BATCH = 500  # children built and written at a time
INSERT_BATCH = 2000

GIVEN = [
    "Oliver",
    "Amelia",
    "Noah",
    "Isla",
    "Leo",
    "Ava",
    "Arthur",
    "Mia",
    "Muhammad",
    "Ivy",
    "George",
    "Freya",
    "Harry",
    "Lily",
    "Oscar",
    "Florence",
    "Archie",
    "Sophia",
    "Henry",
    "Willow",
    "Theo",
    "Grace",
    "Jack",
    "Evie",
    "Charlie",
    "Ella",
    "Freddie",
    "Poppy",
    "Alfie",
    "Emily",
    "Ethan",
    "Ruby",
    "Jacob",
    "Zara",
    "Finley",
    "Aisha",
    "Joshua",
    "Hannah",
    "Samuel",
    "Maya",
    "Reuben",
    "Layla",
    "Adam",
    "Priya",
    "Kai",
    "Amira",
    "Yusuf",
    "Nia",
    "Tomasz",
    "Olivia",
]
FAMILY = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Patel",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Thomas",
    "Clarke",
    "Jackson",
    "Wood",
    "Harris",
    "Edwards",
    "Turner",
    "Martin",
    "Cooper",
    "Hill",
    "Ward",
    "Hughes",
    "Moore",
    "Clark",
    "King",
    "Harrison",
    "Lewis",
    "Baker",
    "Lee",
    "Allen",
    "Morris",
    "Khan",
    "Scott",
    "Watson",
    "Davis",
    "Parker",
    "James",
    "Bennett",
    "Young",
    "Phillips",
    "Richardson",
    "Mitchell",
    "Bailey",
    "Carter",
    "Cook",
    "Singh",
    "Shaw",
    "Bell",
    "Collins",
    "Morgan",
    "Kelly",
    "Begum",
    "Miller",
    "Cox",
    "Hussain",
    "Marshall",
    "Simpson",
    "Price",
    "Anderson",
    "Adams",
    "Wilkinson",
    "Ali",
    "Ahmed",
    "Foster",
    "Ellis",
    "Murphy",
    "Chapman",
    "Mason",
    "Gray",
    "Richards",
    "Webb",
    "Griffiths",
    "Hunt",
    "Palmer",
    "Campbell",
    "Holmes",
    "Mills",
    "Rogers",
    "Barnes",
    "Knight",
    "Matthews",
    "Barker",
    "Powell",
    "Stevens",
    "Kaur",
    "Fisher",
    "Butler",
    "Dixon",
    "Russell",
    "Harvey",
    "Pearson",
    "Graham",
    "Okafor",
]


@dataclasses.dataclass
class SeedResult:
    council: Organisation
    plans: int
    children: int
    seconds: float
    manager: User
    case_officers: list[User]
    coordinator: User
    workstream_ids: list
    survey_id: object
    password: str


class AlreadySeeded(Exception):
    pass


def council_exists(name: str = DEFAULT_COUNCIL) -> bool:
    return Organisation.objects.filter(name=name, kind=OrganisationKind.LOCAL_AUTHORITY).exists()


class _Ids:
    """Identifiers drawn from the seeded generator, so the same seed gives the same ids."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def __call__(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)


class Generator:
    def __init__(
        self,
        *,
        plans: int,
        seed: int,
        today: dt.date,
        council_name: str,
        password: str,
        say: Callable[[str], None],
    ):
        self.n_plans = plans
        self.rng = random.Random(seed)  # noqa: S311 (made-up data, not security)
        # Identifiers depend on the council too, so two councils seeded alike do not clash.
        self.new_id = _Ids(random.Random(seed * 7919 + zlib.crc32(council_name.encode())))  # noqa: S311
        self.today = today
        self.council_name = council_name
        self.prefix = slugify(council_name.replace("County Council", "").replace("Council", "")) or "council"
        self.password_hash = make_password(password)
        self.password = password
        self.say = say
        self.now = dt.datetime.combine(today, dt.time(17, 0), tzinfo=dt.UTC)
        self.audit: list[AuditEvent] = []
        self.email_counter: dict[str, int] = {}
        self.check_cache: dict = {}

    # --- helpers --------------------------------------------------------------------------------------
    def at(self, day: dt.date, hour: int | None = None) -> dt.datetime:
        hour = self.rng.randrange(8, 18) if hour is None else hour
        return dt.datetime.combine(day, dt.time(hour, self.rng.randrange(60)), tzinfo=dt.UTC)

    def days_ago(self, low: int, high: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(low, high))

    def person(self, kind: str, full_name: str, joined: dt.date) -> User:
        number = self.email_counter[kind] = self.email_counter.get(kind, 0) + 1
        return User(
            id=self.new_id(),
            email=f"{self.prefix}-{kind}-{number}@example.org",
            full_name=full_name,
            password=self.password_hash,
            date_joined=self.at(joined),
        )

    def name(self) -> tuple[str, str]:
        return self.rng.choice(GIVEN), self.rng.choice(FAMILY)

    def event(self, day, action, what, *, actor=None, role="", child_id=None, obj_type="", obj_id="") -> None:
        self.audit.append(
            row(
                AuditEvent,
                occurred_at=day if isinstance(day, dt.datetime) else self.at(day),
                actor_id=actor.pk if actor is not None else None,
                actor_role=role[:100],
                action=action,
                child_id=child_id,
                object_type=obj_type,
                object_id=str(obj_id) if obj_id else "",
                what=what[:200],
                request_id="seed",
            )
        )

    def flush_audit(self) -> None:
        insert(AuditEvent, self.audit)
        self.audit = []

    # --- the council and its people ---------------------------------------------------------------------
    def organisations(self) -> None:
        n = self.n_plans
        council = Organisation(id=self.new_id(), name=self.council_name, kind=OrganisationKind.LOCAL_AUTHORITY)
        council.save()
        self.council = council
        area = self.council_name.replace(" County Council", "").replace(" Council", "")

        def org(name: str, kind: str) -> Organisation:
            return Organisation(id=self.new_id(), name=f"{name} ({area})", kind=kind, local_area=council)

        # Schools of realistic size: about 20 children with plans in a mainstream school, 90 in a special
        # school, 120 at a college.
        self.primary = [org(f"{s} Primary School", OrganisationKind.SETTING) for s in self._places(max(2, n // 60))]
        self.secondary = [org(f"{s} Academy", OrganisationKind.SETTING) for s in self._places(max(2, n // 110))]
        self.special = [org(f"{s} Special School", OrganisationKind.SETTING) for s in self._places(max(1, n // 90))]
        self.colleges = [org(f"{s} College", OrganisationKind.SETTING) for s in self._places(max(1, n // 150))]
        self.nurseries = [org(f"{s} Nursery", OrganisationKind.SETTING) for s in self._places(max(1, n // 80))]
        self.health = [org("Community Children's Health Services", OrganisationKind.HEALTH)]
        self.health.append(org("Child and Adolescent Mental Health Services", OrganisationKind.HEALTH))
        self.care = org("Children's Social Care, Disabled Children's Team", OrganisationKind.SOCIAL_CARE)
        self.iass = org("SENDIAS Service", OrganisationKind.IASS)
        self.forum_org = org("Parent Carer Forum", OrganisationKind.FORUM)
        self.settings = self.primary + self.secondary + self.special + self.colleges + self.nurseries
        everything = [*self.settings, *self.health, self.care, self.iass, self.forum_org]
        Organisation.objects.bulk_create(everything, batch_size=INSERT_BATCH)
        statutory.SettingIdentifier.objects.bulk_create(
            [
                statutory.SettingIdentifier(organisation=s, urn=f"{100000 + i:06d}")
                for i, s in enumerate(self.settings)
                if s not in self.colleges
            ]
            + [
                statutory.SettingIdentifier(organisation=c, ukprn=f"{10000000 + i:08d}")
                for i, c in enumerate(self.colleges)
            ],
            batch_size=INSERT_BATCH,
        )

    def _places(self, count: int) -> list[str]:
        stems = [
            "Ashford",
            "Beech",
            "Brook",
            "Castle",
            "Chapel",
            "Church",
            "Cliff",
            "Elm",
            "Fairfield",
            "Forest",
            "Green",
            "Hawthorn",
            "Heath",
            "Highfield",
            "Hill",
            "Kings",
            "Lake",
            "Lime",
            "Manor",
            "Meadow",
            "Mill",
            "Moor",
            "Oak",
            "Orchard",
            "Park",
            "Queens",
            "Ridge",
            "River",
            "Rose",
            "Stone",
            "Vale",
            "Victoria",
            "Water",
            "Well",
            "Westfield",
            "Willow",
            "Wood",
        ] + ["St Mary's", "St John's"]
        names = []
        for i in range(count):
            stem = stems[i % len(stems)]
            names.append(stem if i < len(stems) else f"{stem} {i // len(stems) + 1}")
        return names

    def staff(self) -> None:
        n = self.n_plans
        start = self.today - dt.timedelta(days=3 * 365)
        users: list[User] = []
        positions: list[StaffPosition] = []

        def staff_member(kind, org, title, *, caseload=False, audit=False) -> User:
            user = self.person(kind, " ".join(self.name()), start)
            users.append(user)
            positions.append(
                StaffPosition(
                    id=self.new_id(),
                    user=user,
                    organisation=org,
                    job_title=title,
                    caseload_access=caseload,
                    audit_access=audit,
                    started_on=start,
                )
            )
            return user

        self.manager = staff_member("manager", self.council, "SEND service manager", caseload=True, audit=True)
        officers = max(1, -(-n // statistics.CASELOAD_PER_OFFICER))
        self.case_officers = [staff_member("officer", self.council, "EHC case officer") for _ in range(officers)]
        self.psychologists = [
            staff_member("ep", self.council, "Educational psychologist") for _ in range(max(1, n // 600))
        ]
        self.sencos = {s.pk: staff_member("senco", s, "SENCo") for s in self.settings}
        self.health_staff = [
            staff_member("health", self.health[i % 2], "Speech and language therapist") for i in range(max(1, n // 400))
        ]
        self.social_workers = [
            staff_member("social-worker", self.care, "Social worker") for _ in range(max(1, n // 800))
        ]
        self.iass_advisers = [staff_member("iass", self.iass, "IASS adviser") for _ in range(max(1, n // 1500))]
        self.coordinator = staff_member("coordinator", self.forum_org, "Forum coordinator")
        User.objects.bulk_create(users, batch_size=INSERT_BATCH)
        StaffPosition.objects.bulk_create(positions, batch_size=INSERT_BATCH)
        progress.DeliverySettings.objects.create(council=self.council, changed_by=self.manager, changed_at=self.now)
        forum.ForumCoordinator.objects.create(
            id=self.new_id(), forum=self.forum_org, user=self.coordinator, started_on=start
        )
        for user in users:
            self.event(
                self.at(start),
                AuditAction.CREATED,
                "Added a staff account",
                actor=self.manager,
                obj_type="user",
                obj_id=user.pk,
            )

    # --- children, teams, plans -----------------------------------------------------------------------
    def children(self) -> None:
        extra = max(1, round(self.n_plans * 0.06))  # requests and assessments with no plan yet
        total = self.n_plans + extra
        kinds = ["plan"] * self.n_plans + ["no_plan"] * extra
        self.rng.shuffle(kinds)
        self.parents_for_forum: list[User] = []
        started = time.monotonic()
        done = 0
        for offset in range(0, total, BATCH):
            self._batch(kinds[offset : offset + BATCH], offset)
            done += len(kinds[offset : offset + BATCH])
            made = sum(1 for k in kinds[:done] if k == "plan")
            self.say(f"  {made:,} of {self.n_plans:,} plans ({time.monotonic() - started:.0f} s)")

    def _setting_for(self, age: int) -> Organisation | None:
        placement = self.rng.choices(
            list(statistics.PLACEMENT_PERCENT), weights=list(statistics.PLACEMENT_PERCENT.values())
        )[0]
        if age < 5:
            return self.rng.choice(self.nurseries)
        if placement == "special":
            return self.rng.choice(self.special)
        if age >= 16 or placement == "further_education":
            if age >= 19 and self.rng.random() < 0.2:
                return None
            return self.rng.choice(self.colleges if age >= 16 else self.secondary)
        if placement == "other" and self.rng.random() < 0.3:
            return None
        return self.rng.choice(self.primary if age <= 10 else self.secondary)

    def _batch(self, kinds: list[str], offset: int) -> None:
        rows: dict[str, list] = {
            name: []
            for name in [
                "users",
                "children",
                "memberships",
                "assessments",
                "advice",
                "reviews",
                "disagreements",
                "sen_needs",
                "summaries",
                "plans",
                "views",
                "aspirations",
                "needs",
                "outcomes",
                "provision",
                "outcome_needs",
                "outcome_aspirations",
                "provision_outcomes",
                "provision_needs",
                "plan_advice",
                "comments",
                "agreements",
                "versions",
                "checks",
                "schedules",
                "targets",
                "check_ins",
                "ratings",
                "delivery",
                "shortfalls",
                "review_views",
                "review_contributions",
            ]
        }
        need_codes, need_weights = statistics.need_weights()
        ages, age_weights = statistics.age_weights()
        for index, kind in enumerate(kinds):
            number = offset + index
            officer = self.case_officers[number % len(self.case_officers)]
            age = self.rng.choices(ages, weights=age_weights)[0]
            dob = self.today - dt.timedelta(days=age * 365 + self.rng.randrange(365) + age // 4)
            given, family = self.name()
            setting = self._setting_for(age)
            child = Child(
                id=self.new_id(),
                given_name=given,
                family_name=family,
                date_of_birth=dob,
                responsible_council=self.council,
                setting=setting,
                upn=self._upn(number),
                nhs_number="",
            )
            primary = self.rng.choices(need_codes, weights=need_weights)[0]
            rows["sen_needs"].append(row(statutory.SenNeed, child=child, sen_type=primary, rank=1))
            if self.rng.random() < 0.35:
                second = self.rng.choice([c for c in need_codes if c != primary])
                rows["sen_needs"].append(row(statutory.SenNeed, child=child, sen_type=second, rank=2))
            process = self._plan_process(child, rows) if kind == "plan" else self._request_process(child, rows)
            first_day = process.assessments[0].received_on - dt.timedelta(days=7)
            child.created_at = child.updated_at = self.at(first_day)
            child.stage = derive_stage(process, Stage.REQUEST)
            rows["children"].append(child)
            self.event(
                child.created_at,
                AuditAction.CREATED,
                "Added a child's record",
                actor=officer,
                role="Council case officer",
                child_id=child.pk,
                obj_type="child",
                obj_id=child.pk,
            )
            team = self._team(child, age, setting, officer, first_day, rows)
            clock = build_clock(process, self.today)
            nxt = clock.next_required(self.today)
            rows["summaries"].append(
                row(
                    statutory.ClockSummary,
                    child=child,
                    next_due_on=nxt.due if nxt else None,
                    next_key=nxt.reminder_key if nxt else "",
                    next_owner=nxt.owner_label[:200] if nxt else "",
                    next_what=nxt.task[:200] if nxt else "",
                    open_count=sum(1 for o in clock.obligations if o.met_on is None and o.counts_for_caseload),
                    updated_at=self.now,
                )
            )
            for assessment in process.assessments:
                self._step_events(child, officer, assessment)
            for review in process.reviews:
                if review.decided_on:
                    self.event(
                        review.decided_on,
                        AuditAction.CHANGED,
                        "Recorded the annual review decision",
                        actor=officer,
                        role="Council case officer",
                        child_id=child.pk,
                        obj_type="annualreview",
                        obj_id=review.pk,
                    )
            if kind == "plan":
                self._plan(child, age, primary, process, team, officer, rows)
            # Looked at by the officer and the family now and then.
            for _ in range(self.rng.randint(1, 3)):
                self.event(
                    self.days_ago(0, 90),
                    AuditAction.VIEWED,
                    "Looked at the child's record",
                    actor=officer,
                    role="Council case officer",
                    child_id=child.pk,
                    obj_type="child",
                    obj_id=child.pk,
                )
            self.event(
                self.days_ago(0, 60),
                AuditAction.VIEWED,
                "Looked at the plan",
                actor=team["parent"],
                role="Parent or carer",
                child_id=child.pk,
                obj_type="child",
                obj_id=child.pk,
            )
        self._write(rows)

    def _upn(self, number: int) -> str:
        rest = f"{self.rng.randrange(100, 999)}2{self.rng.randrange(10**8):08d}"[:12]
        return upn_check_letter(rest) + rest

    def _write(self, rows: dict[str, list]) -> None:
        order = (
            (User, "users"),
            (Child, "children"),
            (TeamMembership, "memberships"),
            (statutory.NeedsAssessment, "assessments"),
            (statutory.AdviceRequest, "advice"),
            (statutory.AnnualReview, "reviews"),
            (statutory.Disagreement, "disagreements"),
            (statutory.SenNeed, "sen_needs"),
            (statutory.ClockSummary, "summaries"),
            (plans.Plan, "plans"),
            (plans.View, "views"),
            (plans.Aspiration, "aspirations"),
            (plans.Need, "needs"),
            (plans.Outcome, "outcomes"),
            (plans.Provision, "provision"),
            (plans.Outcome.needs.through, "outcome_needs"),
            (plans.Outcome.aspirations.through, "outcome_aspirations"),
            (plans.Provision.outcomes.through, "provision_outcomes"),
            (plans.Provision.needs.through, "provision_needs"),
            (plans.Advice, "plan_advice"),
            (plans.Comment, "comments"),
            (plans.Agreement, "agreements"),
            (plans.PlanVersion, "versions"),
            (plans.PlanCheck, "checks"),
            (progress.CheckInSchedule, "schedules"),
            (progress.Target, "targets"),
            (progress.CheckIn, "check_ins"),
            (progress.Rating, "ratings"),
            (progress.DeliveryRecord, "delivery"),
            (progress.Shortfall, "shortfalls"),
            (progress.ReviewView, "review_views"),
            (progress.ReviewContribution, "review_contributions"),
        )
        for model, name in order:
            insert(model, rows[name])
        self.flush_audit()

    # --- the statutory process ----------------------------------------------------------------------------
    def _assessment(self, child: Child, received: dt.date, **fields) -> statutory.NeedsAssessment:
        requested_by = self.rng.choices(
            [statutory.RequestedBy.PARENT, statutory.RequestedBy.SCHOOL, statutory.RequestedBy.YOUNG_PERSON],
            weights=[55, 42, 3],
        )[0]
        return statutory.NeedsAssessment(
            id=self.new_id(),
            child=child,
            requested_by=requested_by,
            received_on=received,
            created_at=self.at(received),
            **fields,
        )

    def _advice(self, child, assessment, sent: dt.date, *, received: bool, rows) -> list:
        requests = []
        for kind, organisation in (
            (statutory.AdviceKind.EDUCATIONAL, child.setting),
            (statutory.AdviceKind.PSYCHOLOGICAL, self.council),
            (statutory.AdviceKind.MEDICAL, self.health[0]),
        ):
            back = sent + dt.timedelta(days=self.rng.randint(14, 49))
            requests.append(
                statutory.AdviceRequest(
                    id=self.new_id(),
                    assessment=assessment,
                    child=child,
                    kind=kind,
                    organisation=organisation,
                    sent_on=sent,
                    received_on=back if received and back <= self.today else None,
                    created_at=self.at(sent),
                )
            )
        rows["advice"].extend(requests)
        return requests

    def _weeks_to_issue(self) -> int:
        """Weeks from request to final plan: 46.4% within the 20 weeks, as in England in 2024."""
        if self.rng.random() < statistics.WITHIN_20_WEEKS:
            return self.rng.randint(16, 20)
        return self.rng.randint(21, 40)

    def _plan_process(self, child: Child, rows) -> Process:
        earliest = child.date_of_birth + dt.timedelta(days=2 * 365)
        stage = self.rng.choices(["draft", "consultation", "final"], weights=[4, 4, 92])[0]
        if stage == "final":
            oldest = min(8 * 365, max(60, (self.today - earliest).days))
            issued = self.today - dt.timedelta(days=self.rng.randint(40, oldest))
            received = issued - dt.timedelta(weeks=self._weeks_to_issue(), days=self.rng.randint(0, 6))
        elif stage == "consultation":
            received = self.days_ago(15 * 7, 19 * 7)
        else:
            received = self.days_ago(8 * 7, 13 * 7)
        decided = received + dt.timedelta(days=self.rng.randint(28, 44))
        assessment = self._assessment(child, received, decision=statutory.AssessDecision.YES, decided_on=decided)
        advice = self._advice(child, assessment, decided + dt.timedelta(days=2), received=True, rows=rows)
        reviews: list[statutory.AnnualReview] = []
        if stage == "consultation":
            assessment.draft_served_on = self.days_ago(3, 14)
        if stage == "final":
            assessment.draft_served_on = issued - dt.timedelta(days=self.rng.randint(16, 30))
            assessment.outcome = statutory.Outcome.ISSUE
            assessment.outcome_on = issued
            reviews = self._reviews(child, issued)
        rows["assessments"].append(assessment)
        rows["reviews"].extend(reviews)
        return Process(
            assessments=[assessment],
            advice={assessment.pk: advice},
            exceptions={},
            reviews=reviews,
            transfers=[],
            disagreements=[],
            young_person=child.is_young_person(self.today),
            young_person_from=child.young_person_from,
        )

    def _reviews(self, child: Child, issued: dt.date) -> list[statutory.AnnualReview]:
        reviews = []
        last = issued
        while True:
            due = last + dt.timedelta(days=365)
            if due > self.today + dt.timedelta(days=70):
                break
            late = self.rng.random() < 0.25
            meeting = (
                due
                - dt.timedelta(days=self.rng.randint(5, 40))
                + (dt.timedelta(days=self.rng.randint(20, 90)) if late else dt.timedelta())
            )
            review = statutory.AnnualReview(
                id=self.new_id(), child=child, last_plan_on=last, created_at=self.at(last + dt.timedelta(days=300))
            )
            reviews.append(review)
            if meeting > self.today - dt.timedelta(days=10):
                # Under way: the meeting is coming up (or has just been); nothing decided yet.
                review.invited_on = min(self.today, meeting - dt.timedelta(days=14))
                review.created_at = self.at(review.invited_on)
                break
            review.meeting_on = meeting
            review.invited_on = meeting - dt.timedelta(days=self.rng.randint(14, 21))
            review.report_on = meeting + dt.timedelta(days=self.rng.randint(3, 14))
            review.decided_on = review.report_on + dt.timedelta(days=self.rng.randint(2, 28))
            if self.rng.random() < 0.12:
                review.decision = statutory.ReviewDecision.AMEND
                review.amendment_notice_on = review.decided_on
                amended = review.decided_on + dt.timedelta(days=self.rng.randint(30, 80))
                if amended <= self.today:
                    review.amended_plan_on = amended
                else:
                    break  # being amended now
            else:
                review.decision = statutory.ReviewDecision.MAINTAIN
            last = review.decided_on
        return reviews

    def _request_process(self, child: Child, rows) -> Process:
        kind = self.rng.choices(["request", "assessment", "refused"], weights=[2, 1, 1])[0]
        disagreements = []
        if kind == "request":
            assessment = self._assessment(child, self.days_ago(1, 40))
            advice = {}
        elif kind == "assessment":
            received = self.days_ago(43, 60)
            decided = received + dt.timedelta(days=self.rng.randint(28, 42))
            assessment = self._assessment(child, received, decision=statutory.AssessDecision.YES, decided_on=decided)
            advice = {assessment.pk: self._advice(child, assessment, decided, received=False, rows=rows)}
        else:
            received = self.days_ago(60, 300)
            decided = received + dt.timedelta(days=self.rng.randint(30, 50))
            assessment = self._assessment(child, received, decision=statutory.AssessDecision.NO, decided_on=decided)
            advice = {}
            if self.rng.random() < 0.3:
                disagreements.append(
                    statutory.Disagreement(
                        id=self.new_id(),
                        child=child,
                        assessment=assessment,
                        about=statutory.DisagreementAbout.NOT_ASSESS,
                        decision_letter_on=decided,
                        mediation_requested_on=decided + dt.timedelta(days=self.rng.randint(10, 50)),
                        created_at=self.at(decided),
                    )
                )
        rows["assessments"].append(assessment)
        rows["disagreements"].extend(disagreements)
        return Process(
            assessments=[assessment],
            advice=advice,
            exceptions={},
            reviews=[],
            transfers=[],
            disagreements=disagreements,
            young_person=child.is_young_person(self.today),
            young_person_from=child.young_person_from,
        )

    def _step_events(self, child, officer, a: statutory.NeedsAssessment) -> None:
        def step(day, what):
            if day:
                self.event(
                    day,
                    AuditAction.CHANGED,
                    what,
                    actor=officer,
                    role="Council case officer",
                    child_id=child.pk,
                    obj_type="needsassessment",
                    obj_id=a.pk,
                )

        step(a.received_on, "Recorded a request for an EHC needs assessment")
        step(a.decided_on, "Recorded the decision whether to assess")
        step(a.draft_served_on, "Recorded that the draft plan was sent")
        step(a.outcome_on, "Recorded that the final plan was issued")

    # --- the team ---------------------------------------------------------------------------------------
    def _team(self, child, age, setting, officer, joined: dt.date, rows) -> dict:
        when = self.at(joined)
        parents = [self.person("parent", f"{self.rng.choice(GIVEN)} {child.family_name}", joined)]
        if self.rng.random() < 0.55:
            parents.append(self.person("parent", f"{self.rng.choice(GIVEN)} {child.family_name}", joined))
        rows["users"].extend(parents)
        members = [(p, TeamRole.PARENT_CARER, None, None) for p in parents]
        members.append((officer, TeamRole.CASE_OFFICER, self.council, None))
        young = None
        if age >= 14 and self.rng.random() < 0.4:
            young = self.person("young-person", child.legal_name, joined)
            rows["users"].append(young)
            members.append((young, TeamRole.YOUNG_PERSON, None, officer))
        senco = self.sencos.get(setting.pk) if setting else None
        if senco:
            members.append((senco, TeamRole.SENCO, setting, officer))
        if self.rng.random() < 0.45:
            members.append((self.rng.choice(self.health_staff), TeamRole.HEALTH, self.health[0], officer))
        if self.rng.random() < 0.25:
            members.append(
                (self.rng.choice(self.psychologists), TeamRole.EDUCATIONAL_PSYCHOLOGIST, self.council, officer)
            )
        if self.rng.random() < 0.12:
            members.append((self.rng.choice(self.social_workers), TeamRole.SOCIAL_WORKER, self.care, officer))
        if self.rng.random() < 0.05:
            members.append((self.rng.choice(self.iass_advisers), TeamRole.IASS_ADVISER, self.iass, parents[0]))
        for user, role, organisation, added_by in members:
            rows["memberships"].append(
                row(
                    TeamMembership,
                    id=self.new_id(),
                    child=child,
                    user=user,
                    role=role,
                    organisation=organisation,
                    can_invite=role in INVITING_ROLES,
                    added_by=added_by if role != TeamRole.CASE_OFFICER else None,
                    joined_at=when,
                )
            )
            self.event(
                when,
                AuditAction.JOINED,
                "Joined the team",
                actor=user,
                role=TeamRole(role).label,
                child_id=child.pk,
                obj_type="teammembership",
            )
        if self.rng.random() < 0.03:
            self.parents_for_forum.append(parents[0])
        return {"parent": parents[0], "senco": senco, "young": young, "members": members}

    # --- the plan -----------------------------------------------------------------------------------------
    def _plan(self, child, age, primary, process: Process, team, officer, rows) -> None:
        assessment = process.assessments[0]
        words = content.BY_NEED[primary]
        parent, senco = team["parent"], team["senco"]
        writer = senco or officer
        writer_role = "SENCo or teacher" if senco else "Council case officer"
        start = assessment.decided_on + dt.timedelta(days=self.rng.randint(30, 60))
        start = min(start, self.today)
        created = self.at(start)
        if assessment.outcome_on:
            amending = any(
                r.decision == statutory.ReviewDecision.AMEND and not r.amended_plan_on for r in process.reviews
            )
            stage = plans.PlanStage.AMENDING if amending else plans.PlanStage.FINAL
        elif assessment.draft_served_on:
            stage = plans.PlanStage.CONSULTATION
        else:
            stage = plans.PlanStage.DRAFT
        amended = [r.amended_plan_on for r in process.reviews if r.amended_plan_on]
        plan = row(
            plans.Plan,
            id=self.new_id(),
            child=child,
            stage=stage,
            draft_served_on=assessment.draft_served_on,
            finalised_on=max(amended) if amended else assessment.outcome_on,
            placement=child.setting.name if child.setting else "",
            personal_budget="",
            version_number=1,
            created_at=created,
            updated_at=created,
        )
        rows["plans"].append(plan)
        self.event(
            created,
            AuditAction.CREATED,
            "Started the plan",
            actor=officer,
            role="Council case officer",
            child_id=child.pk,
            obj_type="plan",
            obj_id=plan.pk,
        )

        def contribution(model, author, role, attributed, position, **fields):
            item = row(
                model,
                id=self.new_id(),
                plan=plan,
                author=author,
                attributed_to=attributed,
                author_role=role,
                position=position,
                created_at=created,
                updated_at=created,
                **fields,
            )
            self.event(
                created,
                AuditAction.CREATED,
                f"Added to the plan: {model._meta.verbose_name}",
                actor=author,
                role=role,
                child_id=child.pk,
                obj_type=model._meta.model_name,
                obj_id=item.pk,
            )
            return item

        parent_name = f"{parent.full_name} (parent)"
        views = [
            contribution(
                plans.View,
                writer,
                writer_role,
                child.legal_name,
                1,
                whose=plans.Whose.CHILD,
                topic=plans.ViewTopic.IMPORTANT,
                text=self.rng.choice(content.CHILD_VIEWS),
                method=plans.Method.DICTATED,
                helped_by=f"{writer.full_name} wrote down their words",
                pictures=[],
            ),
            contribution(
                plans.View,
                parent,
                "Parent or carer",
                parent_name,
                2,
                whose=plans.Whose.PARENT,
                topic=plans.ViewTopic.LIKE_ADMIRE,
                text=self.rng.choice(content.PARENT_VIEWS),
                method=plans.Method.OWN_WORDS,
                helped_by="",
                pictures=[],
            ),
        ]
        aspirations = [
            contribution(
                plans.Aspiration,
                writer,
                writer_role,
                child.legal_name,
                1,
                whose=plans.Whose.CHILD,
                text=self.rng.choice(content.ASPIRATIONS),
                method=plans.Method.DICTATED,
                helped_by=f"{writer.full_name} wrote down their words",
            )
        ]
        needs = [
            contribution(
                plans.Need,
                officer,
                "Council case officer",
                officer.full_name,
                1,
                section="B",
                broad_area=words.broad_area,
                text=words.need,
            )
        ]
        year = year_group(child.date_of_birth, self.today)
        outcomes = [
            contribution(
                plans.Outcome,
                officer,
                "Council case officer",
                officer.full_name,
                1,
                text=words.outcome,
                timeframe="by the end of the school year",
                pfa_area="employment" if year >= PFA_FROM_YEAR else "",
            )
        ]
        provision = [
            contribution(
                plans.Provision,
                officer,
                "Council case officer",
                officer.full_name,
                1,
                section="F",
                what=words.provision,
                deliverer_role=words.deliverer,
                deliverer_training=words.training,
                frequency=words.frequency,
                duration=words.duration,
                group_size=words.group,
                where_when=words.where,
            )
        ]
        links = {
            "on": [(outcomes[0], needs[0])],
            "oa": [(outcomes[0], aspirations[0])],
            "po": [(provision[0], outcomes[0])],
            "pn": [(provision[0], needs[0])],
        }
        extras = []
        if self.rng.random() < 0.35:
            extras.append(("C", content.HEALTH_NEED, "G", content.HEALTH_PROVISION, "health"))
        if self.rng.random() < 0.12:
            extras.append(("D", content.CARE_NEED, "H2", content.CARE_PROVISION, "independent_living"))
        for n, (need_section, need_text, prov_section, prov, pfa) in enumerate(extras, start=2):
            need = contribution(
                plans.Need,
                officer,
                "Council case officer",
                officer.full_name,
                n,
                section=need_section,
                broad_area="",
                text=need_text,
            )
            outcome = contribution(
                plans.Outcome,
                officer,
                "Council case officer",
                officer.full_name,
                n,
                text="Will stay well and take part in all of the school day, with their "
                "health and care needs met, over the next year.",
                timeframe="over the next year",
                pfa_area=pfa if year >= PFA_FROM_YEAR else "",
            )
            item = contribution(
                plans.Provision,
                officer,
                "Council case officer",
                officer.full_name,
                n,
                section=prov_section,
                **dict(zip(PROVISION_FIELDS, prov, strict=True)),
            )
            needs.append(need)
            outcomes.append(outcome)
            provision.append(item)
            links["on"].append((outcome, need))
            links["po"].append((item, outcome))
            links["pn"].append((item, need))
        received = assessment.decided_on + dt.timedelta(days=40)
        advice = [
            contribution(
                plans.Advice,
                officer,
                "Council case officer",
                officer.full_name,
                1,
                title="Educational psychology advice",
                given_by="Educational psychologist",
                received_on=min(received, self.today),
                summary="Advice on learning and communication.",
            )
        ]
        rows["views"].extend(views)
        rows["aspirations"].extend(aspirations)
        rows["needs"].extend(needs)
        rows["outcomes"].extend(outcomes)
        rows["provision"].extend(provision)
        rows["plan_advice"].extend(advice)
        rows["outcome_needs"].extend(row(plans.Outcome.needs.through, outcome=o, need=n) for o, n in links["on"])
        rows["outcome_aspirations"].extend(
            row(plans.Outcome.aspirations.through, outcome=o, aspiration=a) for o, a in links["oa"]
        )
        rows["provision_outcomes"].extend(
            row(plans.Provision.outcomes.through, provision=p, outcome=o) for p, o in links["po"]
        )
        rows["provision_needs"].extend(row(plans.Provision.needs.through, provision=p, need=n) for p, n in links["pn"])

        # Comments from the family on the draft, and what became of them.
        if stage != plans.PlanStage.DRAFT:
            served = assessment.draft_served_on
            for _ in range(self.rng.choice((0, 1, 1, 2))):
                target = self.rng.choice(provision)
                decided = stage != plans.PlanStage.CONSULTATION or self.rng.random() < 0.3
                comment = row(
                    plans.Comment,
                    id=self.new_id(),
                    plan=plan,
                    section=target.section,
                    item_kind="provision",
                    item_id=target.pk,
                    item_label=target.what[:200],
                    kind=plans.CommentKind.COMMENT,
                    author=parent,
                    author_role="Parent or carer",
                    from_family=True,
                    text=self.rng.choice(content.FAMILY_COMMENTS),
                    created_at=self.at(served + dt.timedelta(days=self.rng.randint(1, 12))),
                )
                if decided:
                    comment.decision = self.rng.choices(
                        [plans.Decision.ACCEPTED, plans.Decision.ACCEPTED_WITH_CHANGES, plans.Decision.NOT_ACCEPTED],
                        weights=[50, 35, 15],
                    )[0]
                    comment.decision_reason = self.rng.choice(content.DECISION_REASONS)
                    comment.decided_by = officer
                    comment.decided_at = comment.created_at + dt.timedelta(days=self.rng.randint(1, 10))
                rows["comments"].append(comment)
                self.event(
                    comment.created_at,
                    AuditAction.CREATED,
                    "Commented on the plan",
                    actor=parent,
                    role="Parent or carer",
                    child_id=child.pk,
                    obj_type="comment",
                    obj_id=comment.pk,
                )
            for section in ("B", "E", "F"):
                position = self.rng.choices(
                    [plans.Position.AGREE, plans.Position.PARTLY, plans.Position.DISAGREE], weights=[70, 22, 8]
                )[0]
                rows["agreements"].append(
                    row(
                        plans.Agreement,
                        id=self.new_id(),
                        plan=plan,
                        section=section,
                        person=parent,
                        person_role="Parent or carer",
                        position=position,
                        reason="" if position == plans.Position.AGREE else "Some of it is not quite right yet.",
                        plan_version=1,
                        recorded_at=self.at(served + dt.timedelta(days=self.rng.randint(1, 14))),
                    )
                )

        document = self._portable(child, plan, views, aspirations, needs, outcomes, provision, advice, links)
        rows["versions"].append(
            row(
                plans.PlanVersion,
                plan=plan,
                number=1,
                stage=stage,
                created_at=created,
                created_by=officer,
                created_by_role="Council case officer",
                what="The plan as written with the family",
                content=document,
            )
        )
        codes = self._check(primary, extras, year, document)
        rows["checks"].append(
            row(plans.PlanCheck, plan=plan, version_number=1, finding_count=len(codes), codes=codes, checked_at=created)
        )
        if plan.finalised_on:
            self._progress(child, plan, outcomes, provision, team, officer, process, rows, words)

    def _portable(self, child, plan, views, aspirations, needs, outcomes, provision, advice, links) -> dict:
        """The plan in the portable format, made by the same function as ``plans.portable.export_plan``, with
        the links between items read from memory instead of the database."""
        pairs = {
            ("outcome", "needs"): links["on"],
            ("outcome", "aspirations"): links["oa"],
            ("provision", "outcomes"): links["po"],
            ("provision", "needs"): links["pn"],
        }
        kind = {id(o): "outcome" for o in outcomes} | {id(p): "provision" for p in provision}

        def linked(item, name):
            return [other for mine, other in pairs[kind[id(item)], name] if mine is item]

        data, _ = portable_document(
            child,
            plan,
            views=views,
            aspirations=aspirations,
            needs=needs,
            outcomes=outcomes,
            provision=provision,
            advice=advice,
            linked=linked,
        )
        return data

    def _check(self, primary, extras, year, document) -> list[str]:
        """The plan checker's codes. Plans made from the same words get the same findings, so each kind of
        plan is checked once."""
        key = (
            primary,
            tuple(e[0] for e in extras),
            year >= PFA_FROM_YEAR,
            bool(document["placement"]),
            len(document["views"]),
        )
        if key not in self.check_cache:
            self.check_cache[key] = [f.code for f in check_plan(plan_input_from_portable(document))]
        return list(self.check_cache[key])

    # --- progress between reviews -------------------------------------------------------------------------
    def _progress(self, child, plan, outcomes, provision, team, officer, process, rows, words) -> None:
        parent, senco = team["parent"], team["senco"]
        rater = senco or officer
        rows["schedules"].append(
            row(
                progress.CheckInSchedule,
                child=child,
                every=delivery_rules.Every.TERM,
                changed_by=officer,
                changed_at=self.at(plan.finalised_on),
            )
        )
        if self.rng.random() < 0.7:
            target = row(
                progress.Target,
                id=self.new_id(),
                child=child,
                outcome=outcomes[0],
                text=words.target,
                by_when="by the end of the summer term",
                weight=progress.Weight.USUAL,
                much_less=words.levels[0],
                less=words.levels[1],
                expected=words.levels[2],
                more=words.levels[3],
                much_more=words.levels[4],
                written_with=f"The child, {parent.full_name} and {rater.full_name}",
                author=rater,
                author_role="SENCo or teacher" if senco else "Council case officer",
                position=1,
                created_at=self.at(plan.finalised_on + dt.timedelta(days=14)),
            )
            rows["targets"].append(target)
            this_term = delivery_rules.term_of(self.today)
            last_term = delivery_rules.term_of(this_term.start - dt.timedelta(days=1))
            for term, day in ((last_term, last_term.end - dt.timedelta(days=14)), (this_term, self.today)):
                if day < plan.finalised_on:
                    continue
                check_in = row(
                    progress.CheckIn,
                    id=self.new_id(),
                    child=child,
                    starts_on=term.start,
                    ends_on=term.end,
                    label=term.label,
                )
                rows["check_ins"].append(check_in)
                for person, kind, role in (
                    (parent, progress.RaterKind.PARENT, "Parent or carer"),
                    (rater, progress.RaterKind.SCHOOL, "SENCo or teacher"),
                ):
                    level = self.rng.choices([-2, -1, 0, 1, 2], weights=[8, 25, 40, 20, 7])[0]
                    rows["ratings"].append(
                        row(
                            progress.Rating,
                            id=self.new_id(),
                            target=target,
                            check_in=check_in,
                            level=level,
                            rater_kind=kind,
                            rater_key=str(person.pk),
                            attributed_to=person.full_name,
                            rater_role=role,
                            entered_by=person,
                            created_at=self.at(day),
                        )
                    )
                    self.event(
                        day,
                        AuditAction.CREATED,
                        "Rated progress",
                        actor=person,
                        role=role,
                        child_id=child.pk,
                        obj_type="rating",
                    )
        # Sessions of the first provision item over the last eight weeks.
        item = provision[0]
        promise = delivery_rules.promise(item.frequency, item.duration)
        per_week = min(5, int(promise.frequency.sessions_per_week)) if promise else 1
        minutes = promise.minutes if promise and promise.minutes else 30
        monday = delivery_rules.monday_of(self.today) - dt.timedelta(days=7 * 8)
        short = self.rng.random() < 0.06
        while monday < delivery_rules.monday_of(self.today):
            if monday >= plan.finalised_on:
                for session in range(per_week):
                    day = monday + dt.timedelta(days=session)
                    delivered = self.rng.random() < (0.5 if short else 0.93)
                    rows["delivery"].append(
                        row(
                            progress.DeliveryRecord,
                            id=self.new_id(),
                            child=child,
                            provision=item,
                            provision_what=item.what,
                            delivered=delivered,
                            on=day,
                            minutes=minutes if delivered else None,
                            delivered_by=item.deliverer_role if delivered else "",
                            reason="" if delivered else progress.MissedReason.STAFF_AWAY,
                            recorded_by=rater,
                            recorded_by_role="SENCo or teacher",
                            recorded_at=self.at(day, 16),
                        )
                    )
            monday += dt.timedelta(days=7)
        self.event(
            self.days_ago(0, 7),
            AuditAction.CREATED,
            "Recorded sessions delivered",
            actor=rater,
            role="SENCo or teacher",
            child_id=child.pk,
            obj_type="deliveryrecord",
        )
        if short and plan.finalised_on < self.today - dt.timedelta(days=35):
            window = delivery_rules.shortfall_window(self.today)
            rows["shortfalls"].append(
                row(
                    progress.Shortfall,
                    id=self.new_id(),
                    child=child,
                    provision=item,
                    window_start=window.start,
                    window_end=window.end,
                    percent=50,
                    threshold=progress.DeliverySettings._meta.get_field("shortfall_percent").default,
                    delivered_text=f"{minutes * per_week * 2} of {minutes * per_week * 4} minutes",
                    found_at=self.now,
                )
            )
        # Evidence for a review under way.
        open_review = next((r for r in process.reviews if r.is_open and not r.decided_on), None)
        if open_review is not None:
            day = self.days_ago(0, 10)
            rows["review_views"].append(
                row(
                    progress.ReviewView,
                    id=self.new_id(),
                    child=child,
                    annual_review=open_review,
                    whose=plans.Whose.CHILD,
                    topic=plans.ViewTopic.IMPORTANT,
                    text=self.rng.choice(content.CHILD_VIEWS),
                    method=plans.Method.DICTATED,
                    helped_by=f"{rater.full_name} wrote down their words",
                    attributed_to=child.legal_name,
                    author=rater,
                    author_role="SENCo or teacher",
                    created_at=self.at(day),
                )
            )
            for person, role in ((parent, "Parent or carer"), (rater, "SENCo or teacher")):
                rows["review_contributions"].append(
                    row(
                        progress.ReviewContribution,
                        id=self.new_id(),
                        child=child,
                        annual_review=open_review,
                        working=content.REVIEW_WORKING,
                        not_working=content.REVIEW_NOT_WORKING,
                        change=content.REVIEW_CHANGE,
                        author=person,
                        author_role=role,
                        created_at=self.at(day),
                    )
                )

    # --- the forum ----------------------------------------------------------------------------------------
    def forum(self) -> None:
        start = self.today - dt.timedelta(days=2 * 365)
        reps = self.parents_for_forum or []
        forum.ForumMember.objects.bulk_create(
            [
                forum.ForumMember(
                    id=self.new_id(),
                    forum=self.forum_org,
                    user=user,
                    joined_on=start,
                    may_contact=self.rng.random() < 0.6,
                    contact_choice_on=start,
                )
                for user in reps
            ],
            batch_size=INSERT_BATCH,
        )
        names = (
            ("SEND Partnership Board", forum.WorkstreamKind.BOARD),
            ("Preparing for adulthood", forum.WorkstreamKind.WORKSTREAM),
            ("The local offer", forum.WorkstreamKind.WORKSTREAM),
            ("EHC plan quality", forum.WorkstreamKind.WORKSTREAM),
            ("Short breaks", forum.WorkstreamKind.WORKSTREAM),
            ("Emotional wellbeing and mental health", forum.WorkstreamKind.WORKSTREAM),
        )
        workstreams, members, meetings, attendance, decisions, ratings, actions, you_said = (
            [],
            [],
            [],
            [],
            [],
            [],
            [],
            [],
        )
        for index, (name, kind) in enumerate(names):
            ws = forum.Workstream(
                id=self.new_id(),
                forum=self.forum_org,
                local_area=self.council,
                kind=kind,
                name=name,
                purpose=f"Families and the council design {name.lower()} together.",
                chair=self.manager if index == 0 else self.coordinator,
                created_by=self.coordinator,
                created_at=self.at(start),
            )
            workstreams.append(ws)
            people = [(self.coordinator, forum.MemberRole.PARENT_REP, "Parent carer forum")]
            people += [(p, forum.MemberRole.PARENT_REP, "Parent carer forum") for p in reps[index::6][:6]]
            people += [(o, forum.MemberRole.COUNCIL_OFFICER, "") for o in (self.manager, *self.case_officers[:2])]
            people += [(self.health_staff[0], forum.MemberRole.PRACTITIONER, "Health")]
            ws_members = [
                forum.Member(
                    id=self.new_id(),
                    workstream=ws,
                    user=u,
                    role=r,
                    mandate=m,
                    started_on=start,
                    added_by=self.coordinator,
                )
                for u, r, m in people
            ]
            members.extend(ws_members)
            for month in range(12, -1, -1):
                held = self.today - dt.timedelta(days=30 * month + 5) + dt.timedelta(days=35 if month == 0 else 0)
                past = held < self.today
                meeting = forum.Meeting(
                    id=self.new_id(),
                    workstream=ws,
                    title=f"{name}: {held:%B %Y}",
                    held_on=held,
                    place="Council offices and online",
                    agenda="Actions from last time\nUpdates\nAny other business",
                    minutes="We discussed the updates and agreed the actions below." if past else "",
                    minutes_status=forum.MinutesStatus.AGREED
                    if past and month > 1
                    else (forum.MinutesStatus.CIRCULATED if past else forum.MinutesStatus.NONE),
                    minutes_version=1 if past else 0,
                    minutes_circulated_on=held + dt.timedelta(days=5) if past else None,
                    minutes_agreed_on=held + dt.timedelta(days=30) if past and month > 1 else None,
                    created_by=self.coordinator,
                    created_at=self.at(held - dt.timedelta(days=20)),
                )
                meetings.append(meeting)
                if not past:
                    continue
                attendance.extend(
                    forum.Attendance(
                        id=self.new_id(),
                        meeting=meeting,
                        member=m,
                        status=self.rng.choices(
                            [
                                forum.AttendanceStatus.PRESENT,
                                forum.AttendanceStatus.APOLOGIES,
                                forum.AttendanceStatus.ABSENT,
                            ],
                            weights=[80, 15, 5],
                        )[0],
                    )
                    for m in ws_members
                )
                decision = forum.Decision(
                    id=self.new_id(),
                    workstream=ws,
                    meeting=meeting,
                    title=f"Agreed changes to {name.lower()}",
                    what="The group agreed to change how information is shared with families.",
                    decided_by=f"The {name} group",
                    decided_on=held,
                    evidence="The forum's survey of families.",
                    families_views="Families asked for clearer information and quicker replies.",
                    family_involvement="Parent representatives wrote the proposal with officers.",
                    recorded_by=self.coordinator,
                    recorded_at=self.at(held),
                )
                decisions.append(decision)
                for side, by in (
                    (forum.RatingSide.FAMILIES, self.coordinator),
                    (forum.RatingSide.COUNCIL, self.manager),
                ):
                    ratings.append(
                        forum.LadderRating(
                            id=self.new_id(),
                            decision=decision,
                            side=side,
                            rung=self.rng.randint(4, 7),
                            rated_by=by,
                            rated_at=self.at(held),
                        )
                    )
                done = month > 2
                actions.append(
                    forum.WorkAction(
                        id=self.new_id(),
                        workstream=ws,
                        decision=decision,
                        what="Write to families about the change.",
                        owner=self.manager,
                        due_on=held + dt.timedelta(days=45),
                        status=forum.ActionStatus.DONE if done else forum.ActionStatus.IN_PROGRESS,
                        completed_on=held + dt.timedelta(days=40) if done else None,
                        created_by=self.coordinator,
                        created_at=self.at(held),
                        updated_at=self.at(held),
                    )
                )
            you_said.append(
                forum.YouSaidItem(
                    id=self.new_id(),
                    local_area=self.council,
                    workstream=ws,
                    title=f"Families on {name.lower()}",
                    families_said="Families told us information was hard to find.",
                    we_will="We will publish clearer information and check with families.",
                    owner="SEND service",
                    status=forum.YouSaidStatus.HEARD,
                    published=index % 2 == 0,
                    created_by=self.coordinator,
                    created_at=self.at(start),
                    updated_at=self.at(start),
                )
            )
        for model, objs in (
            (forum.Workstream, workstreams),
            (forum.Member, members),
            (forum.Meeting, meetings),
            (forum.Attendance, attendance),
            (forum.Decision, decisions),
            (forum.LadderRating, ratings),
            (forum.WorkAction, actions),
            (forum.YouSaidItem, you_said),
        ):
            model.objects.bulk_create(objs, batch_size=INSERT_BATCH)
        for d in decisions:
            self.event(
                d.recorded_at,
                AuditAction.CREATED,
                "Recorded a decision",
                actor=self.coordinator,
                role="Forum coordinator",
                obj_type="decision",
                obj_id=d.pk,
            )
        self.workstream_ids = [w.pk for w in workstreams]
        self.flush_audit()

    # --- a survey ---------------------------------------------------------------------------------------
    def survey(self) -> None:
        opens = self.today - dt.timedelta(days=150)
        closes = self.today - dt.timedelta(days=30)
        survey = surveys.Survey.objects.create(
            id=self.new_id(),
            local_area=self.council,
            forum=self.forum_org,
            title=f"Your experience of co-production, {self.today.year}",
            slug=f"{self.prefix}-experience-{self.today.year}",
            intro="",
            privacy_notice="",
            audience=surveys.Audience.EVERYONE,
            template=surveys.Template.EXPERIENCE,
            status=surveys.SurveyStatus.CLOSED,
            opens_on=opens,
            closes_on=closes,
            published_at=self.at(opens),
            closed_at=self.at(closes),
            created_by=self.coordinator,
            created_at=self.at(opens - dt.timedelta(days=10)),
            updated_at=self.at(closes),
        )
        copy_builtin(survey, surveys.Template.EXPERIENCE)
        questions = list(survey.questions.order_by("position").prefetch_related("options", "show_if_options"))
        responses, answers = [], []
        free = {0: list(WELL_ANSWERS), 1: [c for _, c in CHANGE_ANSWERS]}
        groups = [surveys.Group.PARENT, surveys.Group.PRACTITIONER, surveys.Group.YOUNG_PERSON, surveys.Group.OTHER]
        count = max(40, self.n_plans // 25)
        for _ in range(count):
            response = surveys.Response(
                id=self.new_id(),
                survey=survey,
                submitted_on=opens + dt.timedelta(days=self.rng.randrange((closes - opens).days + 1)),
                group=self.rng.choices(groups, weights=[70, 18, 8, 4])[0],
                submission_key=self.new_id(),
            )
            responses.append(response)
            chosen: dict = {}
            free_seen = 0
            for question in questions:
                options = list(question.options.all())
                if question.show_if_id is not None:
                    wanted = {o.pk for o in question.show_if_options.all()}
                    if not (chosen.get(question.show_if_id, set()) & wanted):
                        continue
                if question.kind == surveys.QuestionKind.FREE_TEXT:
                    pool = free[min(free_seen, 1)]
                    free_seen += 1
                    if self.rng.random() < 0.5:
                        answers.append(
                            surveys.Answer(
                                id=self.new_id(), response=response, question=question, text=self.rng.choice(pool)
                            )
                        )
                    continue
                if question.kind == surveys.QuestionKind.MULTIPLE:
                    picked = [o for o in options if self.rng.random() < 0.4] or options[:1]
                else:
                    weights = [1 + i for i in range(len(options))] if question.kind == "rating" else None
                    picked = [self.rng.choices(options, weights=weights)[0]]
                chosen[question.pk] = {o.pk for o in picked}
                answers.extend(
                    surveys.Answer(id=self.new_id(), response=response, question=question, option=o) for o in picked
                )
        surveys.Response.objects.bulk_create(responses, batch_size=INSERT_BATCH)
        surveys.Answer.objects.bulk_create(answers, batch_size=INSERT_BATCH)
        surveys.SurveyAnalyst.objects.create(
            id=self.new_id(),
            local_area=self.council,
            user=self.manager,
            started_on=opens,
            appointed_by=self.coordinator,
        )
        self.event(
            survey.created_at,
            AuditAction.CREATED,
            "Started a survey",
            actor=self.coordinator,
            role="Forum coordinator",
            obj_type="survey",
            obj_id=survey.pk,
        )
        self.survey_id = survey.pk
        self.flush_audit()


def seed_council(
    *,
    plans: int,
    seed: int = 1,
    today: dt.date | None = None,
    council_name: str = DEFAULT_COUNCIL,
    password: str = DEFAULT_PASSWORD,
    say: Callable[[str], None] = lambda _: None,
) -> SeedResult:
    """Make a council with ``plans`` EHC plans (and about 6% more children at the request stage).

    Raises ``AlreadySeeded`` if a council of that name is already there. All or nothing: one transaction.
    """
    if plans < 1:
        raise ValueError("Seed at least one plan")
    started = time.monotonic()
    today = today or timezone.localdate()
    with transaction.atomic():
        if council_exists(council_name):
            raise AlreadySeeded(council_name)
        gen = Generator(plans=plans, seed=seed, today=today, council_name=council_name, password=password, say=say)
        say(f"Seeding {council_name}: {plans:,} plans, seed {seed}, as on {today:%d %B %Y}")
        gen.organisations()
        gen.staff()
        say(f"  {len(gen.settings)} schools and colleges, {len(gen.case_officers)} case officers")
        gen.flush_audit()
        gen.children()
        gen.forum()
        gen.survey()
        children = Child.objects.filter(responsible_council=gen.council).count()
    return SeedResult(
        council=gen.council,
        plans=plans,
        children=children,
        seconds=time.monotonic() - started,
        manager=gen.manager,
        case_officers=gen.case_officers,
        coordinator=gen.coordinator,
        workstream_ids=gen.workstream_ids,
        survey_id=gen.survey_id,
        password=password,
    )
