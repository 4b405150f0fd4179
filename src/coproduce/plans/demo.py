"""Plans for the demo families, written through the same actions people use, so they carry versions,
attribution and audit events. Safe to run again: a child who already has a plan is left alone."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from coproduce.audit.context import Actor
from coproduce.plans import actions
from coproduce.plans.kinds import KINDS
from coproduce.plans.models import Plan
from coproduce.teams.policy import access_for

LEO_LANGUAGE_NEED = (
    "Leo finds it hard to understand instructions with more than two parts, especially in a noisy classroom. "
    "He often waits and copies other children."
)


class _Writer:
    def __init__(self, child, people):
        self.child, self.people = child, people
        self.plan = None

    def who(self, slug):
        user = self.people[slug]
        return Actor(user=user, request_id="demo"), access_for(user, self.child)

    def add(self, slug, kind, section, **data):
        actor, access = self.who(slug)
        return actions.AddItem(
            actor, access=access, plan=self.plan, kind=KINDS[kind], section=section, data=data
        ).execute()

    def start(self):
        actor, access = self.who("olivia")
        self.plan = actions.StartPlan(actor, access=access).execute()
        return self.plan

    def provision(
        self, slug, section, what, who, often, long, *, training="", group="", where="", outcomes=(), needs=()
    ):
        return self.add(
            slug,
            "provision",
            section,
            what=what,
            deliverer_role=who,
            deliverer_training=training,
            frequency=often,
            duration=long,
            group_size=group,
            where_when=where,
            start_date=None,
            review_date=None,
            outcomes=list(outcomes),
            needs=list(needs),
        )


def _leo(w: _Writer, today: dt.date) -> None:
    w.start()
    w.add(
        "priya",
        "view",
        "A",
        whose="child",
        topic="important",
        method="dictated",
        helped_by="Priya Shah (SENCo) wrote down exactly what Leo said",
        text="I like Lego and dogs. I don't like it when everyone talks at once, it makes my head fizzy.",
        pictures=["animals", "quiet", "worried"],
    )
    w.add(
        "priya",
        "view",
        "A",
        whose="child",
        topic="support",
        method="pictures",
        helped_by="Leo chose pictures with Priya Shah",
        text="",
        pictures=["help", "quiet", "computer"],
    )
    w.add(
        "sarah",
        "view",
        "A",
        whose="parent",
        topic="like_admire",
        method="own_words",
        helped_by="",
        text="Leo is kind and funny and remembers everything about animals. He works really hard even when "
        "reading is tiring for him.",
        pictures=[],
    )
    vet = w.add(
        "priya",
        "aspiration",
        "A",
        whose="child",
        method="dictated",
        helped_by="Priya Shah wrote down Leo's words",
        text="I want to be a vet and look after dogs.",
    )
    reading_hope = w.add(
        "sarah",
        "aspiration",
        "A",
        whose="parent",
        method="own_words",
        helped_by="",
        text="That Leo can read a book on his own and enjoys it.",
    )
    language = w.add(
        "hannah",
        "need",
        "B",
        broad_area="communication_interaction",
        text=LEO_LANGUAGE_NEED,
    )
    reading = w.add(
        "priya",
        "need",
        "B",
        broad_area="cognition_learning",
        text="Leo reads at about the level expected of a child two years younger. Decoding "
        "unfamiliar words takes him a long time and tires him.",
    )
    hearing = w.add(
        "hannah", "need", "C", broad_area="", text="Leo has glue ear in both ears. His hearing varies from day to day."
    )
    follow = w.add(
        "tom",
        "outcome",
        "E",
        text="Leo will follow three-part spoken instructions in class without needing an adult to repeat them",
        timeframe="by the end of Year 6",
        pfa_area="",
        needs=[language],
        aspirations=[vet],
    )
    reads = w.add(
        "tom",
        "outcome",
        "E",
        text="Leo will read a book of his choice at home for ten minutes on his own",
        timeframe="by July 2027",
        pfa_area="",
        needs=[reading],
        aspirations=[reading_hope],
    )
    w.provision(
        "hannah",
        "F",
        "One-to-one speech and language therapy working on understanding instructions and asking for help",
        "speech and language therapist",
        "once a week",
        "30 minutes",
        group="1:1",
        where="in a quiet room at school",
        outcomes=[follow],
        needs=[language],
    )
    w.provision(
        "priya",
        "F",
        "A structured phonics reading programme",
        "teaching assistant",
        "three times a week",
        "20 minutes",
        training="trained in the programme by the SENCo",
        group="a group of no more than 4",
        outcomes=[reads],
        needs=[reading],
    )
    w.provision("priya", "F", "Access to a quiet space as appropriate", "", "", "", outcomes=[follow], needs=[language])
    w.provision(
        "hannah",
        "G",
        "Hearing review by the paediatric audiology service",
        "audiologist",
        "every six months",
        "one appointment",
        needs=[hearing],
    )
    actor, access = w.who("tom")
    advice = KINDS["advice"]
    actions.AddItem(
        actor,
        access=access,
        plan=w.plan,
        kind=advice,
        section="K",
        data={
            "title": "Educational psychology advice",
            "given_by": "Dr Tom Willis, educational psychologist",
            "received_on": today - dt.timedelta(days=40),
            "summary": "Assessment of Leo's learning and language.",
        },
    ).execute()
    officer, officer_access = w.who("olivia")
    actions.OpenConsultation(
        officer, access=officer_access, plan=w.plan, served_on=today - dt.timedelta(days=5)
    ).execute()
    sarah, sarah_access = w.who("sarah")
    quiet = w.plan.provision.get(what__startswith="Access to a quiet space")
    actions.AddComment(
        sarah,
        access=sarah_access,
        plan=w.plan,
        item=quiet,
        section="F",
        text="'As appropriate' means it might never happen. Leo needs this every day.",
        suggested_text="A quiet room with an adult he knows, for 15 minutes after lunch every school day",
    ).execute()
    answered = actions.AddComment(
        sarah,
        access=sarah_access,
        plan=w.plan,
        item=None,
        section="I",
        text="We would like Leo to stay at Riverside Primary School.",
    ).execute()
    actions.DecideComment(
        officer,
        access=officer_access,
        plan=w.plan,
        comment=answered,
        decision="accepted",
        reason="Riverside can meet Leo's needs and it is the family's preference.",
    ).execute()


def _final_plan(
    w: _Writer,
    *,
    child_words: str,
    hope: str,
    need: str,
    area: str,
    outcome: str,
    timeframe: str,
    pfa: str,
    provision: tuple,
    placement: str,
    finalised: dt.date,
    writer: str,
    extra_needs: tuple[str, ...] = (),
) -> None:
    w.start()
    w.add(
        writer,
        "view",
        "A",
        whose="child",
        topic="important",
        method="own_words",
        helped_by="",
        text=child_words,
        pictures=[],
    )
    aspiration = w.add(writer, "aspiration", "A", whose="child", method="own_words", helped_by="", text=hope)
    the_need = w.add(writer, "need", "B", broad_area=area, text=need)
    for copied in extra_needs:
        w.add(writer, "need", "B", broad_area="communication_interaction", text=copied)
    the_outcome = w.add(
        writer,
        "outcome",
        "E",
        text=outcome,
        timeframe=timeframe,
        pfa_area=pfa,
        needs=[the_need],
        aspirations=[aspiration],
    )
    what, who, often, long = provision
    w.provision(writer, "F", what, who, often, long, outcomes=[the_outcome], needs=[the_need])
    officer, access = w.who("olivia")
    actions.OpenConsultation(officer, access=access, plan=w.plan, served_on=finalised - dt.timedelta(days=20)).execute()
    actions.Finalise(officer, access=access, plan=w.plan, placement=placement, family_finished=True).execute()
    Plan.objects.filter(pk=w.plan.pk).update(finalised_on=finalised)


def load_demo_plans(people: dict, children: dict) -> int:
    """Plans for Leo (out for comment), Grace and Jordan (final). Yusuf has none yet: he is being assessed."""
    today = timezone.localdate()
    made = 0
    if not Plan.objects.filter(child=children["leo"]).exists():
        _leo(_Writer(children["leo"], people), today)
        made += 1
    if not Plan.objects.filter(child=children["grace"]).exists():
        _final_plan(
            _Writer(children["grace"], people),
            child_words="I love art and drawing manga. I get anxious in big crowds like the lunch hall.",
            hope="I want to go to college to study art and design.",
            need="Grace experiences high anxiety in busy, noisy places, which stops her eating lunch and "
            "sometimes attending lessons.",
            area="semh",
            outcome="Grace will eat lunch in school on at least four days a week and attend all her GCSE lessons",
            timeframe="by the end of Year 11",
            pfa="health",
            provision=(
                "Anxiety management sessions using a cognitive behavioural approach",
                "school counsellor",
                "once a week",
                "45 minutes",
            ),
            placement="Hillcrest Academy, a mainstream secondary academy",
            finalised=today - dt.timedelta(days=335),
            writer="mark",
            # Pasted from another child's plan, name and all: the plan check finds it.
            extra_needs=(LEO_LANGUAGE_NEED,),
        )
        made += 1
    if not Plan.objects.filter(child=children["jordan"]).exists():
        _final_plan(
            _Writer(children["jordan"], people),
            child_words="I want people to talk to me, not to my mum. I'm good with computers.",
            hope="I want a job in IT support and my own flat one day.",
            need="Jordan has dyspraxia, which makes handwriting, organisation and travelling to new places hard.",
            area="sensory_physical",
            outcome="Jordan will travel to college on their own by bus",
            timeframe="by July 2027",
            pfa="independent_living",
            provision=(
                "Independent travel training on the route to college",
                "travel trainer",
                "twice a week",
                "one hour",
            ),
            placement="Northmoor College, a general further education college",
            finalised=today - dt.timedelta(days=200),
            writer="olivia",
        )
        made += 1
    return made
