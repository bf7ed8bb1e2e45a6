"""The event form as a review screen: what to decide on and the decision first, escaped; metadata lower down."""

import datetime
import html
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import timezone

from entities.models import SanctionsMatch
from events.admin.forms import ItemLinesField
from events.highlighting import PASSAGE_CONTEXT_CHARS, event_passages
from events.models import Event, Evidence, Role
from tests.entities.factories import PersonFactory, SanctionsEntryFactory, VesselFactory, country
from tests.events.factories import ArticleFactory, EventFactory, EvidenceFactory

pytestmark = pytest.mark.django_db


def change_url(event: Event) -> str:
    return reverse("admin:events_event_change", args=[event.pk])


@pytest.fixture
def reviewing(client, reviewer):
    client.force_login(reviewer)
    return client


def evidence_for(event: Event, text: str, sentence: str, **article) -> Evidence:
    start = text.index(sentence)
    return EvidenceFactory(
        event=event,
        article=ArticleFactory(text=text, **article),
        sentence=sentence,
        start_char=start,
        end_char=start + len(sentence),
    )


def roles_text(page: str) -> str:
    """The review screen's roles as plain text: "supplier North Korea recipient Russia"."""
    roles = page[page.index('<dl class="review-roles">') : page.index("</dl>")]
    roles = re.sub(r"<[^>]+>", "", re.sub(r"</?(dl|div|dt|dd)\b[^>]*>", " ", roles))
    return " ".join(html.unescape(roles).split())


def test_the_screen_opens_with_status_roles_and_evidence_cited_by_title_publisher_and_date(reviewing):
    event = EventFactory(participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]}, items=["rockets"])
    evidence_for(
        event,
        "North Korea sent rockets to Russia.",
        "North Korea sent rockets to Russia.",
        title="Rockets by rail",
        publisher="Example Wire",
        published=datetime.date(2022, 9, 6),
    )
    page = reviewing.get(change_url(event)).content.decode()
    screen = page[page.index('class="review-screen"') : page.index('id="fieldset-0-0-heading"')]
    assert '<span class="review-badge review-candidate">candidate</span>' in screen
    assert roles_text(page) == "supplier North Korea recipient Russia items rockets"
    assert '<mark class="evidence">' in screen
    assert ">Rockets by rail</a>" in screen
    assert ", Example Wire</span>" in screen and ", 6 Sep 2022</span>" in screen
    assert 'name="_approve"' in screen and 'name="_reject"' in screen and 'name="_savenext"' in screen
    assert 'name="review_note"' in screen  # the reason for a rejection is written beside the buttons


def test_an_article_without_title_publisher_or_date_is_cited_without_empty_parts(reviewing):
    event = EventFactory()
    evidence = evidence_for(
        event, "Shells went by rail.", "Shells went by rail.", title="", publisher="", published=None
    )
    page = reviewing.get(change_url(event)).content.decode()
    citation = page[page.index('<cite class="article-citation">') : page.index("</cite>")]
    assert f">Untitled article #{evidence.article.pk}</a>" in citation
    assert "article-publisher" not in citation and "article-date" not in citation
    assert "(," not in page and ", ," not in page


def test_article_text_title_and_names_on_the_screen_are_escaped(reviewing):
    event = EventFactory(participants={Role.SUPPLIER: ["PRK"]})
    person = PersonFactory(name="Kim <img src=x onerror=alert(1)>")
    event.participants.create(event_type=event.event_type, role=Role.RECIPIENT, person=person)
    text = "Intro.\nAn <script>alert(1)</script> note: North Korea sent shells. Then <b>more</b>."
    evidence_for(
        event,
        text,
        "North Korea sent shells.",
        title="<i>Title</i>",
        publisher="<u>Wire</u>",
    )
    page = reviewing.get(change_url(event)).content.decode()
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Then &lt;b&gt;more&lt;/b&gt;." in page
    assert "&lt;i&gt;Title&lt;/i&gt;" in page and "&lt;u&gt;Wire&lt;/u&gt;" in page
    assert '<span class="role-actor role-person" title="person">Kim &lt;img src=x onerror=alert(1)&gt;' in page


def test_roles_name_people_with_their_nationality_vessels_with_their_flag_and_who_is_sanctioned(reviewing):
    event = EventFactory(participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]})
    kim = PersonFactory(name="Kim Yo Jong", nationality=country("PRK"))
    event.participants.create(event_type=event.event_type, role=Role.SUPPLIER, person=kim)
    ship = VesselFactory(name="Angara", flag=country("RUS"))
    event.participants.create(event_type=event.event_type, role=Role.CARRIER, vessel=ship)
    entry = SanctionsEntryFactory(list_name="UN SC Consolidated", name="KIM YO JONG")
    SanctionsMatch.objects.create(
        person=kim, entry=entry, score=0.97, state=SanctionsMatch.State.CONFIRMED, reviewed_at=timezone.now()
    )
    page = reviewing.get(change_url(event)).content.decode()
    assert roles_text(page) == (
        "supplier North Korea, Kim Yo Jong (North Korea) sanctioned: UN SC Consolidated "
        "recipient Russia carrier Angara (Russia) items artillery shells"
    )


def test_the_decision_comes_before_the_editable_fields_and_the_metadata_after_the_participants(reviewing):
    event = EventFactory()
    page = reviewing.get(change_url(event)).content.decode()
    order = [
        'class="review-evidence-list"',
        'name="_approve"',
        'name="certainty"',
        'id="participants-group"',
        ">Review record<",
        ">Extraction<",
    ]
    positions = [page.index(marker) for marker in order]
    assert positions == sorted(positions)


def test_enter_in_a_field_saves_and_stays_rather_than_deciding(reviewing):
    """The browser submits with the form's first submit button when Enter is pressed in a field."""
    event = EventFactory()
    page = reviewing.get(change_url(event)).content.decode()
    form = page[page.index('id="event_form"') :]
    first_button = form[form.index('type="submit"') :]
    assert first_button.startswith('type="submit" name="_continue"')


def test_the_other_events_of_the_same_article_are_linked_with_their_status(reviewing):
    article = ArticleFactory(text="North Korea sent shells to Russia. Iran sent drones to Russia.")
    event = EventFactory()
    EvidenceFactory(event=event, article=article, sentence="North Korea sent shells to Russia.", end_char=34)
    other = EventFactory(participants={Role.SUPPLIER: ["IRN"], Role.RECIPIENT: ["RUS"]}, summary="Iran → Russia")
    EvidenceFactory(event=other, article=article, sentence="Iran sent drones to Russia.", start_char=35, end_char=62)
    unrelated = EventFactory(summary="Unrelated → Elsewhere")
    page = reviewing.get(change_url(event)).content.decode()
    aside = page[page.index('class="review-other-events"') :]
    assert f'<a href="{change_url(other)}">Iran → Russia</a>' in aside
    assert change_url(unrelated) not in aside  # (it is the next candidate: the Skip link names it)
    assert f'<a href="{change_url(event)}">' not in aside


def test_items_are_edited_one_per_line_and_stored_as_a_list(reviewing):
    event = EventFactory(participants={Role.SUPPLIER: ["PRK"]}, items=["rockets", "artillery shells"])
    page = reviewing.get(change_url(event)).content.decode()
    assert ">\nrockets\nartillery shells</textarea>" in page
    data = {
        "certainty": event.certainty,
        "event_date": event.event_date.isoformat(),
        "date_precision": event.date_precision,
        "items": "  rockets \n\nRockets\n155 mm  shells\n",
        "quantity": "",
        "review_note": "",
        "participants-TOTAL_FORMS": "0",
        "participants-INITIAL_FORMS": "0",
    }
    response = reviewing.post(change_url(event), data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.items == ["rockets", "155 mm shells"]


def test_a_user_who_may_only_view_sees_no_decision_buttons(client):
    viewer = User.objects.create_user("vera", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_event"))
    client.force_login(viewer)
    event = EventFactory(review_note="Checked against the ministry's statement.")
    page = client.get(change_url(event)).content.decode()
    assert 'name="_approve"' not in page and 'name="_continue"' not in page
    assert "Checked against the ministry&#x27;s statement." in page


def test_a_long_paragraph_is_shortened_around_the_evidence_sentence():
    sentence = "North Korea sent shells to Russia."
    before, after = "word " * 200, " more" * 200
    event = EventFactory()
    evidence_for(event, before + sentence + after, sentence)
    [passage] = event_passages(event)
    assert passage.text[passage.sentence.start : passage.sentence.end] == sentence
    assert passage.text.startswith("… word") and passage.text.endswith("more …")
    assert len(passage.text) <= len(sentence) + 2 * (PASSAGE_CONTEXT_CHARS + 2)
    assert [passage.text[m.start : m.end] for m in passage.mentions] == ["North Korea", "Russia"]


def test_a_merged_event_links_the_event_it_went_into_and_offers_only_unreject(reviewing):
    survivor = EventFactory(review_status=Event.ReviewStatus.APPROVED)
    merged = EventFactory(review_status=Event.ReviewStatus.MERGED, merged_into=survivor, participants={})
    page = reviewing.get(change_url(merged)).content.decode()
    screen = page[page.index('class="review-screen"') : page.index('id="fieldset-0-0-heading"')]
    assert f'<a href="{change_url(survivor)}">merged into #{survivor.pk}</a>' in screen
    assert f"they moved to #{survivor.pk} with the merge" in screen
    assert 'name="_unreject"' in screen and 'name="_approve"' not in screen and 'name="_reject"' not in screen
    assert "Alt+U</kbd> un-reject" in screen and "Alt+A" not in screen


def test_pending_evidence_is_marked_and_links_to_where_it_is_decided(reviewing):
    event = EventFactory(review_status=Event.ReviewStatus.APPROVED)
    evidence = evidence_for(event, "More shells went by rail.", "More shells went by rail.")
    Evidence.objects.filter(pk=evidence.pk).update(review_state=Evidence.ReviewState.PENDING)
    page = reviewing.get(change_url(event)).content.decode()
    link = f"/admin/events/evidence/?event__id__exact={event.pk}&amp;review_state__exact=pending"
    assert f'href="{link}"' in page and ">evidence pending</a>" in page
    listed = reviewing.get(html.unescape(link)).content.decode()
    assert "More shells went by rail." in listed


def test_unchanged_item_lines_as_a_browser_sends_them_are_not_a_change():
    field = ItemLinesField()
    assert field.prepare_value(["rockets", "155 mm shells"]) == "rockets\n155 mm shells"
    assert not field.has_changed(["rockets", "155 mm shells"], "rockets\r\n155 mm shells\r\n")
    assert field.has_changed(["rockets"], "rockets\r\ndrones")


def test_officials_show_what_they_do_about_the_event_and_the_country_they_serve(reviewing):
    event = EventFactory(participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]})
    envoy = PersonFactory(name="Ivan Petrov", nationality=None)
    event.participants.create(
        event_type=event.event_type,
        role=Role.OFFICIAL,
        person=envoy,
        capacity="source",
        stance="denies",
        official_country=country("RUS"),
    )
    page = reviewing.get(change_url(event)).content.decode()
    assert "official Ivan Petrov (source, denies, Russia)" in roles_text(page)
