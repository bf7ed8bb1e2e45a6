"""The review screen in Chromium at 1280x800: the evidence and the decision in the first screen, and
a run through the queue by keyboard alone (approve, reject with a reason, skip, save and next)."""

import pytest
from django.contrib.auth.models import Group, User

from events.models import Event, Participant, Role
from events.reviewers import REVIEWERS_GROUP
from tests.browser import press_access_key, save_screenshot
from tests.entities.factories import PersonFactory, country
from tests.events.factories import ArticleFactory, EventFactory, EvidenceFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long reviewer passphrase"
VIEWPORT = {"width": 1280, "height": 800}
Status = Event.ReviewStatus

# Paragraphs long enough that the screen shows them shortened around the evidence sentence.
LEAD = (
    "SEOUL — Officials in three capitals spent the week comparing satellite images, customs records and "
    "intercepted shipping manifests, and several of them said the picture that emerged was consistent with "
    "what analysts had suspected for months about the rail link across the border and the port at Rajin. "
)
TAIL = (
    " The ministry declined to say how many trains had made the trip, and a spokesman in Moscow said the "
    "reports were not worth commenting on. Independent researchers who track the route said they would "
    "publish their own count of the wagons later in the month, once the cloud cover had cleared."
)


def candidate(summary: str, sentences: list[str], **participants) -> Event:
    event = EventFactory(
        summary=summary,
        items=["artillery shells", "rockets", "ballistic missiles"],
        participants=participants or {Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]},
        source_count=len(sentences),
    )
    for number, sentence in enumerate(sentences):
        text = f"{LEAD}{sentence}{TAIL}"
        EvidenceFactory(
            event=event,
            article=ArticleFactory(text=text, title=f"Rail shipments under watch, part {number + 1}"),
            sentence=sentence,
            start_char=len(LEAD),
            end_char=len(LEAD) + len(sentence),
        )
    return event


@pytest.fixture
def queue() -> list[Event]:
    """Four candidates, newest last; the newest has three roles, a named person and two sources."""
    oldest = candidate("Iran → Russia: drones", ["Iran sent drones to Russia, the report said."])
    second = candidate("Belarus → Russia: trucks", ["Belarus sent military trucks to Russia."])
    third = candidate("North Korea → Syria: rockets", ["North Korea shipped rockets to Syria, officials said."])
    newest = candidate(
        "North Korea → Russia via China: artillery shells, rockets, ballistic missiles",
        [
            "North Korea has shipped artillery shells, rockets and ballistic missiles to Russia by rail "
            "through China, the defence ministry said on Tuesday.",
            "Pyongyang sent the shipments to Moscow in at least ten trains, a second official said.",
        ],
        **{Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"], Role.INTERMEDIARY: ["CHN"]},
    )
    Participant.objects.create(
        event=newest,
        event_type=newest.event_type,
        role=Role.SUPPLIER,
        person=PersonFactory(name="Kim Jong Un", nationality=country("PRK")),
    )
    return [oldest, second, third, newest]


@pytest.fixture
def reviewer_page(live_server, browser):
    reviewer = User.objects.create_user("rita", password=PASSWORD, is_staff=True)
    reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "rita")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    yield page
    context.close()


def change_url(live_server, event: Event) -> str:
    return f"{live_server.url}/admin/events/event/{event.pk}/change/"


def unseen_in_first_screen(page, selectors: list[str]) -> list[str]:
    """The selectors whose elements are not wholly inside the viewport of the unscrolled page."""
    assert page.evaluate("window.scrollY") == 0
    unseen = []
    for selector in selectors:
        box = page.locator(selector).first.bounding_box()
        inside = box is not None and box["y"] >= 0 and box["x"] >= 0
        if not inside or box["y"] + box["height"] > VIEWPORT["height"] or box["x"] + box["width"] > VIEWPORT["width"]:
            unseen.append(selector)
    return unseen


FIRST_SCREEN = [
    ".review-facts",
    ".review-roles",
    ".review-evidence >> nth=0",
    ".review-evidence >> nth=-1",
    "#id_review_note",
    "#review-buttons input[name=_reject]",
    "#review-buttons input[name=_savenext]",
]


def test_evidence_and_decision_buttons_are_in_the_first_screen(live_server, reviewer_page, queue):
    page = reviewer_page
    newest = queue[-1]
    page.goto(change_url(live_server, newest))
    assert page.locator(".review-evidence").count() == 2
    assert unseen_in_first_screen(page, [*FIRST_SCREEN, "#review-buttons input[name=_approve]"]) == []
    save_screenshot(page, "review-screen")


def test_a_reviewer_approves_rejects_and_moves_on_by_keyboard_alone(live_server, reviewer_page, queue):
    page = reviewer_page
    oldest, second, third, newest = queue
    page.goto(change_url(live_server, newest))

    press_access_key(page, "a")  # approve: the next candidate opens
    page.wait_for_url(change_url(live_server, third))
    assert "is now approved" in page.locator(".messagelist").inner_text()
    assert unseen_in_first_screen(page, FIRST_SCREEN) == []  # with the message above

    press_access_key(page, "r")  # reject without a reason: the cursor goes to the note
    assert page.evaluate("document.activeElement.id") == "id_review_note"
    assert page.url == change_url(live_server, third)
    page.keyboard.type("Same shipment as an earlier report.")
    press_access_key(page, "r")
    page.wait_for_url(change_url(live_server, second))

    press_access_key(page, "j")  # skip
    page.wait_for_url(change_url(live_server, oldest))
    press_access_key(page, "n")  # save and next: the newest candidate left
    page.wait_for_url(change_url(live_server, second))

    statuses = {event.pk: (event.review_status, event.review_note) for event in Event.objects.all()}
    assert statuses == {
        newest.pk: (Status.APPROVED, ""),
        third.pk: (Status.REJECTED, "Same shipment as an earlier report."),
        second.pk: (Status.CANDIDATE, ""),
        oldest.pk: (Status.CANDIDATE, ""),
    }
    assert Event.objects.get(pk=newest.pk).reviewed_by.username == "rita"
