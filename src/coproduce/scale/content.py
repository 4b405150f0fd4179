"""The words of the generated plans: for each primary type of need, a need, an outcome, a target and
quantified provision, written as a case officer would; and the shared health, social care and family
words. Nothing names a real person; children's names are put in by the generator."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NeedText:
    broad_area: str
    need: str
    outcome: str
    target: str
    levels: tuple[str, str, str, str, str]  # -2 .. +2
    provision: str
    deliverer: str
    training: str
    frequency: str
    duration: str
    group: str
    where: str


def _levels(base: str) -> tuple[str, str, str, str, str]:
    return (
        f"Does not yet {base}, even with an adult's help.",
        f"Can {base} with an adult's help most of the time.",
        f"Can {base} on their own most days.",
        f"Can {base} on their own every day.",
        f"Can {base} on their own and helps a friend to do it.",
    )


BY_NEED: dict[str, NeedText] = {
    "ASD": NeedText(
        "communication_interaction",
        "Finds changes to routine very hard and becomes distressed in noisy, busy places such as the dining "
        "hall. Takes language literally and needs time to process spoken instructions.",
        "Will manage changes to the school day calmly, using a visual timetable, by the end of the school year.",
        "Use the visual timetable to move between activities",
        _levels("move between activities using the visual timetable"),
        "Structured teaching of social communication using a social communication programme",
        "Teaching assistant",
        "Trained in autism-friendly approaches by the autism outreach team",
        "3 times a week",
        "30 minutes",
        "1:1",
        "In a quiet room at the start of the school day",
    ),
    "SLCN": NeedText(
        "communication_interaction",
        "Understands instructions of only two key words and finds it hard to put words in order to make a "
        "sentence, so cannot yet tell adults what happened or what is wanted.",
        "Will follow three-part instructions in class and use sentences of five words by the end of the year.",
        "Follow a three-part instruction in class",
        _levels("follow a three-part instruction"),
        "Speech and language therapy programme on understanding and using sentences",
        "Speech and language therapist",
        "HCPC registered speech and language therapist",
        "once a week",
        "45 minutes",
        "1:1",
        "In school, during the morning",
    ),
    "SEMH": NeedText(
        "semh",
        "Becomes anxious when work feels hard and leaves the classroom without telling an adult; finds it "
        "hard to name feelings or ask for help.",
        "Will tell a trusted adult when feeling anxious and stay in lessons with support by the end of the year.",
        "Tell a trusted adult before leaving a lesson",
        _levels("tell a trusted adult when anxious"),
        "Sessions with the school counsellor on recognising and managing anxiety",
        "School counsellor",
        "BACP registered counsellor",
        "once a week",
        "50 minutes",
        "1:1",
        "In the counselling room, on the same afternoon each week",
    ),
    "MLD": NeedText(
        "cognition_learning",
        "Reads and works with numbers about three years below others of the same age and needs new ideas "
        "broken into small steps with a lot of repetition.",
        "Will read a book at the next reading level aloud with few errors by the end of the school year.",
        "Read a book at the next reading level",
        _levels("read a book at the next reading level"),
        "Precision teaching of reading and number facts",
        "Teaching assistant",
        "Trained in precision teaching by the educational psychology service",
        "4 times a week",
        "20 minutes",
        "1:2",
        "In class, during the literacy lesson",
    ),
    "SLD": NeedText(
        "cognition_learning",
        "Has a severe learning difficulty and needs adult support for most everyday tasks, including "
        "dressing, eating and moving around the school.",
        "Will take part in getting ready for lunch with less help from an adult by the end of the year.",
        "Get ready for lunch with less help",
        _levels("get ready for lunch"),
        "A personal care and independence programme",
        "Teaching assistant",
        "Trained in moving and handling and personal care",
        "5 times a week",
        "30 minutes",
        "1:1",
        "At school, before lunch",
    ),
    "PD": NeedText(
        "sensory_physical",
        "Uses a wheelchair and has limited movement in both hands, so finds writing and using equipment "
        "tiring and slow.",
        "Will record work using a laptop with switch access by the end of the year.",
        "Record work on the laptop using the switch",
        _levels("record work on the laptop"),
        "Occupational therapy programme on hand function and access to a laptop",
        "Occupational therapist",
        "HCPC registered occupational therapist",
        "once a week",
        "45 minutes",
        "1:1",
        "In school, in the therapy room",
    ),
    "SPLD": NeedText(
        "cognition_learning",
        "Has dyslexia: reads slowly and inaccurately and finds spelling and writing down ideas very hard.",
        "Will write a paragraph of five sentences with help from a spelling tool by the end of the year.",
        "Write a paragraph of five sentences",
        _levels("write a paragraph of five sentences"),
        "A structured, multi-sensory literacy programme",
        "Specialist teacher",
        "Holds a level 7 qualification in specific learning difficulties",
        "twice a week",
        "30 minutes",
        "1:1",
        "In school, during the morning",
    ),
    "HI": NeedText(
        "sensory_physical",
        "Has a moderate hearing loss in both ears and misses much of what is said in a noisy classroom.",
        "Will check understanding by asking for repetition in class by the end of the year.",
        "Ask an adult to repeat what was missed",
        _levels("ask for repetition when something is missed"),
        "Teaching by a qualified teacher of the deaf and checks of hearing aids and the radio aid",
        "Qualified teacher of the deaf",
        "Holds the mandatory qualification for teachers of the deaf",
        "once a week",
        "60 minutes",
        "1:1",
        "In school",
    ),
    "PMLD": NeedText(
        "cognition_learning",
        "Has profound and multiple learning difficulties and communicates through facial expression, "
        "sounds and body movement.",
        "Will make a choice between two objects by looking at one, by the end of the year.",
        "Choose between two objects by looking",
        _levels("choose between two objects"),
        "Intensive interaction and sensory sessions",
        "Teaching assistant",
        "Trained in intensive interaction",
        "5 times a week",
        "20 minutes",
        "1:1",
        "In the sensory room, each morning",
    ),
    "OTH": NeedText(
        "sensory_physical",
        "Has a medical condition that causes tiredness and frequent absence, and falls behind with work.",
        "Will catch up on missed work with a weekly plan agreed with the form tutor by the end of the term.",
        "Follow the weekly catch-up plan",
        _levels("follow the weekly catch-up plan"),
        "Catch-up teaching of missed work",
        "Teacher",
        "Qualified teacher",
        "twice a week",
        "30 minutes",
        "1:2",
        "In the learning support base",
    ),
    "VI": NeedText(
        "sensory_physical",
        "Has a severe vision impairment and needs print enlarged to 24 point and a magnifier to read.",
        "Will use the magnifier and enlarged texts independently in all lessons by the end of the year.",
        "Use the magnifier without being reminded",
        _levels("use the magnifier"),
        "Teaching by a qualified teacher of the visually impaired, and habilitation training",
        "Qualified teacher of the visually impaired",
        "Holds the mandatory qualification for teachers of the visually impaired",
        "once a week",
        "60 minutes",
        "1:1",
        "In school",
    ),
    "MSI": NeedText(
        "sensory_physical",
        "Has a combined hearing and vision loss and needs a consistent intervenor to access learning.",
        "Will use object cues to anticipate the next activity by the end of the year.",
        "Use an object cue to show the next activity",
        _levels("use an object cue"),
        "Support from an intervenor trained in multi-sensory impairment",
        "Intervenor",
        "Holds a qualification in multi-sensory impairment",
        "5 times a week",
        "60 minutes",
        "1:1",
        "Throughout the school day",
    ),
}

HEALTH_NEED = "Has asthma and uses an inhaler before physical activity; needs an up-to-date health care plan."
HEALTH_PROVISION = (
    "Review of the health care plan with the school nurse",
    "School nurse",
    "Registered nurse",
    "once a term",
    "30 minutes",
    "1:1",
    "In school",
)
CARE_NEED = "The family needs regular breaks from caring, as the child needs support through the night."
CARE_PROVISION = (
    "Short breaks at the local short breaks centre",
    "Short breaks worker",
    "Trained in personal care",
    "once a month",
    "6 hours",
    "1:3",
    "At the short breaks centre, on a Saturday",
)

CHILD_VIEWS = (
    "I like drawing and playing football with my friends. I don't like it when it's loud.",
    "I'm good at computers and I know a lot about trains.",
    "I like it when people explain things slowly and show me.",
    "I want to have more friends at school.",
)
PARENT_VIEWS = (
    "They are kind and funny and work really hard, even when school is tiring.",
    "We want them to feel safe and happy at school and to make friends.",
    "They do best with a calm adult they know and a clear routine.",
)
ASPIRATIONS = (
    "I want to work with animals when I grow up.",
    "I want to go to college and learn to cook.",
    "I want to be a footballer or a builder.",
    "I want to live with my friends one day.",
)
FAMILY_COMMENTS = (
    "Please say how many minutes a week this is, not just 'regular'.",
    "This does not mention that things are much harder in the afternoons.",
    "Can the therapist talk to us after each block of sessions?",
    "We would like the plan to say who we contact if this does not happen.",
)
DECISION_REASONS = (
    "Added to the plan as suggested.",
    "Changed the wording with the family at the meeting.",
    "The advice does not support this; we will look again at the review.",
)
REVIEW_WORKING = "Settled in class and the sessions are happening most weeks."
REVIEW_NOT_WORKING = "Afternoons are still hard, and sessions were missed when staff were away."
REVIEW_CHANGE = "Cover for the sessions when staff are away, and a new target for the afternoons."
