"""Changes to surveys, answers, themes and consent. Each runs its check and its change in one transaction.

Building, publishing, analysing and exporting are audited like every other change. Answers are not:
an anonymous respondent is nobody, and an audit event (with its address and time) is exactly the link
between a person and their answers that the design leaves out. Agreeing to be contacted, and
withdrawing, are recorded without the address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import F, Max
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify

from coproduce.accounts.models import Organisation, OrganisationKind
from coproduce.audit.context import Actor
from coproduce.audit.models import AuditAction
from coproduce.audit.record import record
from coproduce.core.actions import Action, ActionRefused
from coproduce.forum.actions import CreateYouSaidItem
from coproduce.forum.models import SourceKind
from coproduce.rules import themes as theme_rules
from coproduce.surveys import embeddings, flow, policy, selectors
from coproduce.surveys.builtin import BUILTINS, PRIVACY_NOTICE, YES_NO
from coproduce.surveys.models import (
    AUDIENCE_GROUP,
    Answer,
    ContactConsent,
    Group,
    Option,
    PlanStage,
    Question,
    QuestionKind,
    Response,
    Section,
    SubmissionWindow,
    Survey,
    SurveyAnalyst,
    SurveyStatus,
    Template,
    Theme,
    ThemeStatus,
    ThemeTag,
)
from coproduce.surveys.policy import Permission, SurveyAccess

log = logging.getLogger(__name__)

WITHDRAW_SALT = "coproduce.surveys.withdraw-consent"
RESERVED_SLUGS = frozenset({"withdraw", "new"})


def withdraw_token(consent: ContactConsent) -> str:
    return signing.dumps(str(consent.pk), salt=WITHDRAW_SALT)


def consent_from_token(token: str) -> ContactConsent:
    try:
        consent_id = signing.loads(token, salt=WITHDRAW_SALT)
    except signing.BadSignature:
        raise Http404 from None
    consent = ContactConsent.objects.filter(pk=consent_id).first()
    if consent is None:
        raise Http404
    return consent


def _slug_for(title: str) -> str:
    base = slugify(title)[:60].strip("-") or "survey"
    while True:
        slug = f"{base}-{secrets.token_hex(3)}"
        if not Survey.objects.filter(slug=slug).exists():
            return slug


# Building surveys.


def copy_builtin(survey: Survey, template: str) -> None:
    """Put the questions of a built-in survey into ``survey``."""
    builtin = BUILTINS.get(template)
    if builtin is None:
        Section.objects.create(survey=survey, title="Your views", position=1)
        return
    numbered: list[Question] = []
    position = 0
    for s_index, spec in enumerate(builtin.sections, start=1):
        section = Section.objects.create(survey=survey, title=spec.title, position=s_index)
        for q in spec.questions:
            position += 1
            question = Question.objects.create(
                survey=survey,
                section=section,
                position=position,
                kind=q.kind,
                text=q.text,
                hint=q.hint,
                easy_text=q.easy_text,
                symbol=q.symbol,
                required=q.required,
                measure=q.measure,
            )
            labels = YES_NO if q.kind == QuestionKind.YES_NO else q.options
            _save_options(question, list(labels))
            if q.show_if is not None:
                number, wanted = q.show_if
                parent = numbered[number - 1]
                question.show_if = parent
                question.save(update_fields=["show_if"])
                question.show_if_options.set(parent.options.filter(label__in=wanted))
            numbered.append(question)


def _save_options(question: Question, labels: list[tuple[str, str]]) -> None:
    """Options in order, updating those already there so that conditions pointing at them stay."""
    from coproduce.surveys.builtin import FACES

    existing = list(question.options.order_by("position"))
    rating = question.kind == QuestionKind.RATING
    for index, (label, easy) in enumerate(labels):
        fields = {
            "position": index + 1,
            "label": label,
            "easy_label": easy if easy != label else "",
            "score": index + 1 if rating else None,
            "symbol": FACES[index] if rating and len(labels) == len(FACES) else "",
        }
        if index < len(existing):
            option = existing[index]
            for name, value in fields.items():
                setattr(option, name, value)
            option.save()
        else:
            Option.objects.create(question=question, **fields)
    for option in existing[len(labels) :]:
        option.delete()


class CreateSurvey(Action):
    def check(self) -> None:
        area: Organisation = self.params["local_area"]
        if not policy.building_areas(self.user).filter(pk=area.pk).exists():
            raise Http404
        if self.params.get("template", Template.BLANK) not in Template.values:
            raise ActionRefused("Choose how to start", field="template")

    def perform(self) -> Survey:
        area: Organisation = self.params["local_area"]
        template = self.params.get("template") or Template.BLANK
        builtin = BUILTINS.get(template)
        title = (self.params.get("title") or "").strip() or (builtin.title if builtin else "")
        survey = Survey.objects.create(
            local_area=area,
            forum=Organisation.objects.filter(kind=OrganisationKind.FORUM, local_area=area).order_by("name").first(),
            title=title,
            slug=_slug_for(title),
            intro=builtin.intro if builtin else "",
            privacy_notice=PRIVACY_NOTICE,
            audience=self.params.get("audience") or (builtin.audience if builtin else "everyone"),
            template=template,
            created_by=self.user,
        )
        copy_builtin(survey, template)
        record(self.actor, AuditAction.CREATED, what="Started a survey", obj=survey)
        return survey


def cornerstones_survey_for(area: Organisation) -> Survey:
    """The area's open Four Cornerstones check; set up and published by the service if there is none,
    so that the check after a plan stage always has somewhere to go."""
    today = timezone.localdate()
    for survey in Survey.objects.filter(
        local_area=area, template=Template.CORNERSTONES, status=SurveyStatus.PUBLISHED
    ).order_by("-published_at"):
        if survey.is_open(today):
            return survey
    builtin = BUILTINS[Template.CORNERSTONES]
    survey = Survey.objects.create(
        local_area=area,
        forum=Organisation.objects.filter(kind=OrganisationKind.FORUM, local_area=area).order_by("name").first(),
        title=builtin.title,
        slug=_slug_for(builtin.title),
        intro=builtin.intro,
        privacy_notice=PRIVACY_NOTICE,
        audience=builtin.audience,
        template=Template.CORNERSTONES,
        status=SurveyStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    copy_builtin(survey, Template.CORNERSTONES)
    record(
        Actor.system("four-cornerstones"), AuditAction.CREATED, what="Set up the Four Cornerstones check", obj=survey
    )
    return survey


class SurveyAction(Action):
    """A change to one survey by someone whose access has been worked out."""

    permission = Permission.BUILD

    def __init__(self, actor, *, access: SurveyAccess, **params):
        super().__init__(actor, **params)
        self.access = access
        self.survey = access.survey

    def check(self) -> None:
        if not self.access.can(self.permission):
            raise Http404

    def audit(self, kind: AuditAction, what: str, obj=None) -> None:
        record(
            self.actor, kind, what=what, obj=obj if obj is not None else self.survey, actor_role=self.access.role_label
        )

    def belongs(self, obj) -> None:
        if obj is not None and obj.survey_id != self.survey.pk:
            raise Http404

    def unanswered(self) -> None:
        if self.survey.responses.exists():
            raise ActionRefused(
                "People have already answered this survey, so its questions can no longer be changed. "
                "Start a new survey to ask different questions."
            )


class EditSurvey(SurveyAction):
    FIELDS = ("title", "intro", "privacy_notice", "audience", "opens_on", "closes_on")

    def check(self) -> None:
        super().check()
        opens_on, closes_on = self.params.get("opens_on"), self.params.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            raise ActionRefused("The closing date must be the same as or after the opening date", field="closes_on")
        if self.params["audience"] != self.survey.audience:
            self.unanswered()

    def perform(self) -> Survey:
        survey = self.survey
        for name in self.FIELDS:
            value = self.params.get(name)
            setattr(survey, name, value.strip() if isinstance(value, str) else value)
        survey.updated_at = timezone.now()
        survey.save(update_fields=[*self.FIELDS, "updated_at"])
        self.audit(AuditAction.CHANGED, "Changed the details of a survey")
        return survey


class AddSection(SurveyAction):
    def check(self) -> None:
        super().check()
        self.unanswered()

    def perform(self) -> Section:
        last = self.survey.sections.aggregate(last=Max("position"))["last"] or 0
        section = Section.objects.create(survey=self.survey, title=self.params["title"].strip(), position=last + 1)
        self.audit(AuditAction.CHANGED, "Added a section to a survey", section)
        return section


class RenameSection(SurveyAction):
    def check(self) -> None:
        super().check()
        self.belongs(self.params["section"])

    def perform(self) -> Section:
        section: Section = self.params["section"]
        section.title = self.params["title"].strip()
        section.save(update_fields=["title"])
        self.audit(AuditAction.CHANGED, "Renamed a section of a survey", section)
        return section


class SaveQuestion(SurveyAction):
    """Add a question, or change one (``question``). ``options`` are (label, simpler words) pairs;
    ``show_if_options`` are options of one earlier question that make this question appear."""

    def check(self) -> None:
        super().check()
        self.unanswered()
        question: Question | None = self.params.get("question")
        section: Section = self.params["section"]
        self.belongs(question)
        self.belongs(section)
        kind = self.params["kind"]
        options = self.params.get("options") or []
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RATING) and len(options) < 2:
            raise ActionRefused("Enter at least 2 answers to choose from, one on each line", field="options")
        conditions: list[Option] = list(self.params.get("show_if_options") or [])
        parents = {option.question_id for option in conditions}
        if len(parents) > 1:
            raise ActionRefused(
                "A question can depend on the answers to one earlier question only", field="show_if_options"
            )
        self.parent = None
        if parents:
            parent = selectors.question_in(self.survey, parents.pop())
            if question is not None and parent.pk == question.pk:
                raise ActionRefused("A question cannot depend on its own answer", field="show_if_options")
            if question is not None and not selectors.comes_before(parent, question):
                raise ActionRefused(
                    "A question can only depend on a question that comes before it", field="show_if_options"
                )
            self.parent = parent

    def perform(self) -> Question:
        p = self.params
        question: Question | None = p.get("question")
        section: Section = p["section"]
        if question is None:
            last = self.survey.questions.aggregate(last=Max("position"))["last"] or 0
            question = Question(survey=self.survey, position=last + 1)
            created = True
        else:
            created = False
            if question.section_id != section.pk:
                question.position = (self.survey.questions.aggregate(last=Max("position"))["last"] or 0) + 1
        question.section = section
        question.kind = p["kind"]
        for name in ("text", "hint", "easy_text"):
            setattr(question, name, (p.get(name) or "").strip())
        question.symbol = p.get("symbol") or ""
        question.required = bool(p.get("required"))
        question.show_if = self.parent
        question.save()
        if question.kind == QuestionKind.FREE_TEXT:
            _save_options(question, [])
        elif question.kind == QuestionKind.YES_NO:
            _save_options(question, list(YES_NO))
        else:
            _save_options(question, list(p.get("options") or []))
        question.show_if_options.set(p.get("show_if_options") or [])
        self.audit(AuditAction.CREATED if created else AuditAction.CHANGED, "Saved a survey question", question)
        return question


class RemoveQuestion(SurveyAction):
    def check(self) -> None:
        super().check()
        self.unanswered()
        self.belongs(self.params["question"])

    def perform(self) -> None:
        question: Question = self.params["question"]
        question.dependants.update(show_if=None)
        question.delete()
        self.audit(AuditAction.CHANGED, "Removed a question from a survey")


class MoveQuestion(SurveyAction):
    """Move a question up or down within its section, keeping every condition after its question."""

    def check(self) -> None:
        super().check()
        self.unanswered()
        question: Question = self.params["question"]
        self.belongs(question)
        ordered = list(self.survey.questions.filter(section_id=question.section_id).order_by("position"))
        index = [q.pk for q in ordered].index(question.pk)
        other_index = index - 1 if self.params["direction"] == "up" else index + 1
        if not 0 <= other_index < len(ordered):
            raise ActionRefused("This question cannot move further that way")
        self.other = ordered[other_index]
        first, second = sorted((question, self.other), key=lambda q: q.position)
        if second.show_if_id == first.pk:
            raise ActionRefused(
                "One of these questions is shown depending on the answer to the other, so it must stay after it"
            )

    def perform(self) -> Question:
        question: Question = self.params["question"]
        a, b = question.position, self.other.position
        Question.objects.filter(pk=question.pk).update(position=b)
        Question.objects.filter(pk=self.other.pk).update(position=a)
        question.position = b
        self.audit(AuditAction.CHANGED, "Changed the order of a survey's questions", question)
        return question


class PublishSurvey(SurveyAction):
    def check(self) -> None:
        super().check()
        if self.survey.status != SurveyStatus.DRAFT:
            raise ActionRefused("This survey has already been published")
        loaded = selectors.load(self.survey)
        if not loaded.questions:
            raise ActionRefused("Add at least one question before publishing the survey")
        for question in loaded.questions:
            if question.is_choice and len(loaded.options_of(question)) < 2:
                raise ActionRefused(f'Give "{question.text}" at least 2 answers to choose from')
        if not self.survey.privacy_notice.strip():
            raise ActionRefused("Write the privacy notice before publishing the survey")

    def perform(self) -> Survey:
        survey = self.survey
        survey.status = SurveyStatus.PUBLISHED
        survey.published_at = timezone.now()
        survey.save(update_fields=["status", "published_at"])
        self.audit(AuditAction.CHANGED, "Published a survey")
        return survey


class CloseSurvey(SurveyAction):
    def check(self) -> None:
        super().check()
        if self.survey.status != SurveyStatus.PUBLISHED:
            raise ActionRefused("Only a published survey can be closed")

    def perform(self) -> Survey:
        survey = self.survey
        survey.status = SurveyStatus.CLOSED
        survey.closed_at = timezone.now()
        if survey.closes_on is None or survey.closes_on > timezone.localdate():
            survey.closes_on = timezone.localdate()
        if survey.opens_on and survey.closes_on < survey.opens_on:
            survey.opens_on = survey.closes_on
        survey.save(update_fields=["status", "closed_at", "closes_on", "opens_on"])
        self.audit(AuditAction.CHANGED, "Closed a survey")
        return survey


# Answering: no sign-in, no audit event, a limit per connection, and one response per submission key.


class TooManySubmissions(ActionRefused):
    pass


def _window_key(address: str | None, survey: Survey, purpose: str) -> str:
    message = f"{purpose}:{survey.pk}:{address or 'unknown'}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _window_start(now: dt.datetime) -> dt.datetime:
    return now.replace(minute=0, second=0, microsecond=0)


def submissions_per_hour() -> int:
    return settings.SURVEY_SUBMISSIONS_PER_HOUR


class Throttled(Action):
    """An anonymous write that counts against its connection's limit for the survey this hour."""

    purpose = "answers"

    def throttle_check(self) -> None:
        key = _window_key(self.actor.ip_address, self.params["survey"], self.purpose)
        window = SubmissionWindow.objects.filter(key=key, window_start=_window_start(timezone.now())).first()
        if window is not None and window.count >= submissions_per_hour():
            raise TooManySubmissions(
                "We have had a lot of answers from your internet connection in the last hour. "
                "Please try again in an hour."
            )

    def throttle_count(self) -> None:
        now = timezone.now()
        key = _window_key(self.actor.ip_address, self.params["survey"], self.purpose)
        window, _ = SubmissionWindow.objects.get_or_create(key=key, window_start=_window_start(now))
        SubmissionWindow.objects.filter(pk=window.pk).update(count=F("count") + 1)
        SubmissionWindow.objects.filter(window_start__lt=_window_start(now) - dt.timedelta(days=1)).delete()


class SubmitResponse(Throttled):
    """Save one person's answers. Sending the same answers twice (the same ``submission_key``) saves
    them once. A filled-in honeypot field is thanked and ignored. Returns the response, or None."""

    def check(self) -> None:
        survey: Survey = self.params["survey"]
        self.existing = Response.objects.filter(submission_key=self.params["submission_key"]).first()
        if self.existing is not None:
            return
        if not survey.is_open():
            raise ActionRefused("This survey is closed, so your answers could not be sent")
        self.throttle_check()
        if self.params.get("honeypot"):
            return
        group = self.params.get("group") or AUDIENCE_GROUP.get(survey.audience)
        if group not in Group.values:
            raise ActionRefused("Tell us who you are before sending your answers")
        if self.params.get("stage") and self.params["stage"] not in PlanStage.values:
            raise Http404
        self.loaded = selectors.load(survey)
        self.answers = flow.clean(self.loaded, self.params.get("answers") or {})
        if flow.missing(self.loaded, self.answers):
            raise ActionRefused("Answer every question that is not marked as optional before sending your answers")
        self.group = group

    def perform(self) -> Response | None:
        if self.existing is not None:
            return self.existing
        self.throttle_count()
        if self.params.get("honeypot"):
            log.info("A survey submission filled in the honeypot field and was ignored")
            return None
        survey: Survey = self.params["survey"]
        response = Response.objects.create(
            survey=survey,
            submitted_on=timezone.localdate(),
            group=self.group,
            stage=self.params.get("stage") or "",
            easy=bool(self.params.get("easy")),
            submission_key=self.params["submission_key"],
        )
        rows = []
        for question in flow.shown(self.loaded, self.answers):
            value = self.answers.get(str(question.pk))
            if question.kind == QuestionKind.FREE_TEXT:
                if flow.is_answered(question, value):
                    rows.append(Answer(response=response, question=question, text=value.strip()[:5000]))
                continue
            valid = {str(option.pk): option for option in self.loaded.options_of(question)}
            picked = [valid[v] for v in sorted(flow.chosen(value)) if v in valid]
            if question.is_exclusive:
                picked = picked[:1]
            rows.extend(Answer(response=response, question=question, option=option) for option in picked)
        Answer.objects.bulk_create(rows)
        return response


class GiveConsent(Throttled):
    """Someone agrees to be contacted. Kept apart from any answers; recorded without their address."""

    purpose = "consent"

    def check(self) -> None:
        survey: Survey = self.params["survey"]
        if survey.status == SurveyStatus.DRAFT:
            raise Http404
        self.throttle_check()
        if not self.params.get("honeypot") and not (self.params.get("email") or self.params.get("phone")):
            raise ActionRefused("Enter an email address or a phone number so that we can contact you", field="email")

    def perform(self) -> ContactConsent | None:
        self.throttle_count()
        if self.params.get("honeypot"):
            return None
        survey: Survey = self.params["survey"]
        consent = ContactConsent.objects.create(
            local_area=survey.local_area,
            survey=survey,
            name=(self.params.get("name") or "").strip(),
            email=(self.params.get("email") or "").strip().lower(),
            phone=(self.params.get("phone") or "").strip(),
            way=self.params.get("way") or "any",
        )
        unnamed = Actor(user=None, ip_address=None, request_id=self.actor.request_id)
        record(unnamed, AuditAction.CREATED, what="Someone agreed to be contacted about a survey", obj=consent)
        if consent.email:
            consent_id = str(consent.pk)
            transaction.on_commit(lambda: _enqueue_consent_email(consent_id))
        return consent


def _enqueue_consent_email(consent_id: str) -> None:
    from coproduce.surveys.tasks import send_consent_confirmation

    try:
        send_consent_confirmation.enqueue(consent_id)
    except Exception:  # the consent is saved; the email is a courtesy
        log.exception("Could not queue the confirmation for consent %s", consent_id)


class WithdrawConsent(Action):
    """Withdrawing (with the link) removes the contact details at once; the row stays to show when."""

    def check(self) -> None:
        if self.params["consent"].withdrawn_on is not None:
            raise ActionRefused("You have already withdrawn. We will not contact you.")

    def perform(self) -> ContactConsent:
        consent: ContactConsent = self.params["consent"]
        consent.name = consent.email = consent.phone = ""
        consent.withdrawn_on = timezone.localdate()
        consent.save(update_fields=["name", "email", "phone", "withdrawn_on"])
        unnamed = Actor(user=None, ip_address=None, request_id=self.actor.request_id)
        record(unnamed, AuditAction.CHANGED, what="Someone withdrew their agreement to be contacted", obj=consent)
        return consent


# Analysts: named by the forum coordinator.


class AppointAnalyst(Action):
    def check(self) -> None:
        area: Organisation = self.params["local_area"]
        if not policy.contact_areas(self.user).filter(pk=area.pk).exists():
            raise Http404
        email = self.params["email"].strip().lower()
        self.person = get_user_model().objects.with_email(email).filter(is_active=True).first()
        if self.person is None:
            raise ActionRefused(
                "There is no Coproduce account with this email address. They need an account first", field="email"
            )
        if SurveyAnalyst.objects.current().filter(local_area=area, user=self.person).exists():
            raise ActionRefused("This person is already an analyst for this area", field="email")

    def perform(self) -> SurveyAnalyst:
        analyst = SurveyAnalyst.objects.create(
            local_area=self.params["local_area"], user=self.person, appointed_by=self.user
        )
        record(
            self.actor,
            AuditAction.ACCESS_CHANGED,
            what="Named a survey analyst",
            obj=analyst,
            actor_role="Forum coordinator",
        )
        return analyst


class EndAnalyst(Action):
    def check(self) -> None:
        analyst: SurveyAnalyst = self.params["analyst"]
        if not policy.contact_areas(self.user).filter(pk=analyst.local_area_id).exists():
            raise Http404

    def perform(self) -> SurveyAnalyst:
        analyst: SurveyAnalyst = self.params["analyst"]
        analyst.ended_on = timezone.localdate() - dt.timedelta(days=1)
        analyst.save(update_fields=["ended_on"])
        record(
            self.actor,
            AuditAction.ACCESS_CHANGED,
            what="Ended a survey analyst's role",
            obj=analyst,
            actor_role="Forum coordinator",
        )
        return analyst


# Themes in free-text answers.


class SuggestThemes(SurveyAction):
    """Group the answers to one free-text question into suggested themes (``rules/themes.py``).

    Suggestions not yet reviewed are replaced; accepted, renamed and merged themes are kept.
    """

    permission = Permission.ANALYSE

    def check(self) -> None:
        super().check()
        question: Question = self.params["question"]
        self.belongs(question)
        if not question.is_free_text:
            raise Http404

    def perform(self) -> int:
        question: Question = self.params["question"]
        answers = list(
            Answer.objects.filter(question=question).exclude(text="").order_by("id").values_list("id", "text")
        )
        Theme.objects.filter(survey=self.survey, question=question, status=ThemeStatus.SUGGESTED).delete()
        found = theme_rules.suggest_themes([text for _, text in answers], embed=embeddings.embedder())
        now = timezone.now()
        for suggestion in found.themes:
            theme = Theme.objects.create(
                survey=self.survey,
                question=question,
                name=suggestion.name[:150],
                words=list(suggestion.words),
                status=ThemeStatus.SUGGESTED,
                created_by=self.user,
                created_at=now,
            )
            ThemeTag.objects.bulk_create(
                [
                    ThemeTag(answer_id=answers[i][0], theme=theme, suggested=True, tagged_at=now)
                    for i in suggestion.members
                ],
                ignore_conflicts=True,
            )
        self.audit(AuditAction.CHANGED, f"Asked for suggested themes ({found.k} suggested)", question)
        return found.k


class ReviewTheme(SurveyAction):
    """Accept a suggested theme (perhaps with a new name), merge it into another, or reject it."""

    permission = Permission.ANALYSE
    DECISIONS = ("accept", "merge", "reject")

    def check(self) -> None:
        super().check()
        theme: Theme = self.params["theme"]
        self.belongs(theme)
        decision = self.params["decision"]
        if decision not in self.DECISIONS:
            raise ActionRefused("Choose what to do with this theme", field="decision")
        if decision == "merge":
            into: Theme | None = self.params.get("into")
            if into is None:
                raise ActionRefused("Choose the theme to merge it into", field="into")
            self.belongs(into)
            if into.pk == theme.pk or into.status in (ThemeStatus.REJECTED, ThemeStatus.MERGED):
                raise ActionRefused("Choose another theme that has not been rejected or merged", field="into")
        name = (self.params.get("name") or "").strip()
        if (
            name
            and Theme.objects.filter(survey=self.survey, name__iexact=name)
            .exclude(pk=theme.pk)
            .exclude(status__in=(ThemeStatus.REJECTED, ThemeStatus.MERGED))
            .exists()
        ):
            raise ActionRefused("There is already a theme with this name. Merge into it instead", field="name")

    def perform(self) -> Theme:
        theme: Theme = self.params["theme"]
        decision = self.params["decision"]
        name = (self.params.get("name") or "").strip()
        if decision == "accept":
            theme.status = ThemeStatus.ACCEPTED
            if name:
                theme.name = name
            what = "Accepted a theme" + (" with a new name" if name else "")
        elif decision == "merge":
            into: Theme = self.params["into"]
            already = set(ThemeTag.objects.filter(theme=into).values_list("answer_id", flat=True))
            ThemeTag.objects.filter(theme=theme).exclude(answer_id__in=already).update(theme=into)
            ThemeTag.objects.filter(theme=theme).delete()
            theme.status, theme.merged_into = ThemeStatus.MERGED, into
            what = "Merged a theme into another"
        else:
            ThemeTag.objects.filter(theme=theme).delete()
            theme.status = ThemeStatus.REJECTED
            what = "Rejected a suggested theme"
        theme.decided_by, theme.decided_at = self.user, timezone.now()
        theme.save()
        self.audit(AuditAction.CHANGED, what, theme)
        return theme


class TagAnswer(SurveyAction):
    """Set the themes of one free-text answer; ``new_theme`` adds (and accepts) a theme by name."""

    permission = Permission.ANALYSE

    def check(self) -> None:
        super().check()
        answer: Answer = self.params["answer"]
        if answer.question.survey_id != self.survey.pk or not answer.question.is_free_text:
            raise Http404
        for theme in self.params.get("themes") or []:
            self.belongs(theme)

    def perform(self) -> Answer:
        answer: Answer = self.params["answer"]
        wanted = {theme.pk: theme for theme in self.params.get("themes") or []}
        name = (self.params.get("new_theme") or "").strip()
        if name:
            theme = (
                Theme.objects.filter(survey=self.survey, name__iexact=name)
                .exclude(status__in=(ThemeStatus.REJECTED, ThemeStatus.MERGED))
                .first()
            )
            if theme is None:
                theme = Theme.objects.create(
                    survey=self.survey, question=answer.question, name=name[:150], created_by=self.user
                )
            wanted[theme.pk] = theme
        ThemeTag.objects.filter(answer=answer).exclude(theme_id__in=wanted).delete()
        have = set(ThemeTag.objects.filter(answer=answer).values_list("theme_id", flat=True))
        ThemeTag.objects.bulk_create(
            [ThemeTag(answer=answer, theme_id=pk, tagged_by=self.user) for pk in wanted if pk not in have]
        )
        ThemeTag.objects.filter(answer=answer, theme_id__in=wanted).update(suggested=False, tagged_by=self.user)
        self.audit(AuditAction.CHANGED, "Tagged a free-text answer with themes", answer)
        return answer


# "You said, we did", carrying the link back to the evidence.


class MakeYouSaidItem(SurveyAction):
    """Turn a theme (analysts) or a question's results into a "you said, we did" item, through the
    forum's own action. The item records where it came from (``source_app``, ``source_id``)."""

    def check(self) -> None:
        super().check()
        theme: Theme | None = self.params.get("theme")
        question: Question | None = self.params.get("question")
        if (theme is None) == (question is None):
            raise Http404
        if theme is not None:
            if not self.access.can(Permission.ANALYSE):
                raise Http404
            self.belongs(theme)
            if theme.status in (ThemeStatus.REJECTED, ThemeStatus.MERGED):
                raise ActionRefused("This theme was rejected or merged, so it cannot become an item")
        else:
            self.belongs(question)

    def perform(self):
        theme: Theme | None = self.params.get("theme")
        question: Question | None = self.params.get("question")
        if theme is not None:
            source_app, source_id = "surveys.theme", str(theme.pk)
            description = f'{self.survey.title}: the theme "{theme.name}"'
        else:
            number = selectors.question_number(question)
            source_app, source_id = "surveys.question", str(question.pk)
            description = f"{self.survey.title}, question {number}"
        item = CreateYouSaidItem(
            self.actor,
            local_area=self.survey.local_area,
            workstream=self.params.get("workstream"),
            title=self.params["title"],
            families_said=self.params["families_said"],
            we_will=self.params.get("we_will") or "",
            source_kind=SourceKind.SURVEY,
            source_description=description[:300],
            source_app=source_app,
            source_id=source_id,
        ).execute()
        self.audit(AuditAction.CREATED, "Turned survey results into a 'you said, we did' item", item)
        return item
