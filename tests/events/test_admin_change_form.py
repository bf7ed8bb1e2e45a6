"""The event form: decisions by button, the next candidate, participants, evidence and history."""

import pytest
from django.urls import reverse

from events.models import Event, Role
from events.review import approve_events
from tests.events.factories import ArticleFactory, EventFactory, EvidenceFactory

pytestmark = pytest.mark.django_db
Status = Event.ReviewStatus


def change_url(event: Event) -> str:
    return reverse("admin:events_event_change", args=[event.pk])


def form_data(event: Event, **changes) -> dict:
    """What the change form posts for the event as it is, plus changes (and button names)."""
    data = {
        "certainty": event.certainty,
        "event_date": event.event_date.isoformat() if event.event_date else "",
        "date_precision": event.date_precision,
        "items": "\n".join(event.items),  # one item per line
        "quantity": event.quantity,
        "review_note": event.review_note,
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
    }
    participants = list(event.participants.order_by("pk"))
    data |= {"participants-TOTAL_FORMS": str(len(participants)), "participants-INITIAL_FORMS": str(len(participants))}
    for i, p in enumerate(participants):
        data |= {
            f"participants-{i}-id": str(p.pk),
            f"participants-{i}-event": str(event.pk),
            f"participants-{i}-role": p.role,
            f"participants-{i}-country": p.country_id or "",
            f"participants-{i}-person": p.person_id or "",
            f"participants-{i}-organization": p.organization_id or "",
        }
    return data | changes


@pytest.fixture
def reviewing(client, reviewer):
    client.force_login(reviewer)
    return client


def test_approve_button_approves_and_opens_the_next_candidate(reviewing, reviewer):
    older = EventFactory()
    event = EventFactory()
    response = reviewing.post(change_url(event), form_data(event, _approve="Approve"))
    assert response.status_code == 302
    assert response["Location"] == change_url(older)
    event.refresh_from_db()
    assert (event.review_status, event.reviewed_by) == (Status.APPROVED, reviewer)


def test_last_candidate_leads_back_to_the_list(reviewing):
    event = EventFactory()
    response = reviewing.post(change_url(event), form_data(event, _approve="Approve"))
    assert response["Location"] == reverse("admin:events_event_changelist")


def test_reject_button_uses_the_review_note_as_reason(reviewing):
    event = EventFactory()
    reviewing.post(change_url(event), form_data(event, review_note="Not a transfer: a denial.", _reject="Reject"))
    event.refresh_from_db()
    assert event.review_status == Status.REJECTED
    assert event.history.latest().history_change_reason == "rejected: Not a transfer: a denial."


def test_reject_button_without_a_note_keeps_the_event_and_says_why(reviewing):
    event = EventFactory()
    response = reviewing.post(change_url(event), form_data(event, _reject="Reject"), follow=True)
    event.refresh_from_db()
    assert event.review_status == Status.CANDIDATE
    assert "A reason is required" in response.content.decode()


def test_approving_a_rejected_event_from_the_form_needs_unreject_first(reviewing):
    event = EventFactory(review_status=Status.REJECTED)
    page = reviewing.get(change_url(event)).content.decode()
    assert 'name="_approve"' not in page
    assert 'name="_unreject"' in page
    reviewing.post(change_url(event), form_data(event, _approve="Approve"))
    event.refresh_from_db()
    assert event.review_status == Status.REJECTED
    reviewing.post(change_url(event), form_data(event, _unreject="Un-reject"))
    event.refresh_from_db()
    assert event.review_status == Status.CANDIDATE


def test_save_and_next_keeps_the_status_and_moves_on(reviewing):
    older = EventFactory()
    event = EventFactory()
    response = reviewing.post(change_url(event), form_data(event, quantity="2 million", _savenext="Save"))
    assert response["Location"] == change_url(older)
    event.refresh_from_db()
    assert (event.quantity, event.review_status) == ("2 million", Status.CANDIDATE)


def test_page_links_to_the_next_candidate_with_an_access_key(reviewing):
    older = EventFactory()
    event = EventFactory()
    page = reviewing.get(change_url(event)).content.decode()
    assert f'href="{change_url(older)}" class="button" accesskey="j"' in page
    assert 'accesskey="a"' in page


def test_adding_a_participant_updates_the_summary(reviewing):
    event = EventFactory(participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]}, items=["rockets"])
    data = form_data(event)
    data |= {
        "participants-TOTAL_FORMS": "3",
        "participants-2-event": str(event.pk),
        "participants-2-role": Role.INTERMEDIARY,
        "participants-2-country": "CHN",
    }
    response = reviewing.post(change_url(event), data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.summary == "North Korea → Russia via China: rockets"


def test_a_role_that_does_not_fit_the_event_type_is_a_form_error(reviewing):
    event = EventFactory(participants={Role.SUPPLIER: ["PRK"]})
    data = form_data(event) | {"participants-0-role": Role.VIOLATOR}
    response = reviewing.post(change_url(event), data)
    assert response.status_code == 200
    assert (
        "Roles for arms transfer events: supplier, recipient, intermediary, carrier, official."
        in response.content.decode()
    )


def test_evidence_is_shown_marked_inside_its_paragraph_escaped(reviewing):
    text = "Intro line.\nAn <b>official</b> said North Korea shipped shells. More text.\nNext paragraph."
    article = ArticleFactory(text=text)
    sentence = "North Korea shipped shells."
    start = text.index(sentence)
    evidence = EvidenceFactory(article=article, sentence=sentence, start_char=start, end_char=start + len(sentence))
    page = reviewing.get(change_url(evidence.event)).content.decode()
    assert (
        '<blockquote class="evidence-context">An &lt;b&gt;official&lt;/b&gt; said <mark class="evidence">'
        '<span class="entity entity-country" title="country">North Korea</span> shipped shells.</mark>'
        " More text.</blockquote>"
    ) in page
    assert reverse("admin:events_article_change", args=[article.pk]) in page


def test_history_page_shows_who_decided(reviewing, reviewer):
    event = EventFactory()
    approve_events([event], by=reviewer)
    page = reviewing.get(reverse("admin:events_event_history", args=[event.pk])).content.decode()
    assert "rita" in page
    assert "approved" in page


def test_reverting_to_an_old_version_is_refused(reviewing, reviewer):
    event = EventFactory()
    first = event.history.earliest()
    approve_events([event], by=reviewer)
    url = reverse("admin:events_event_simple_history", args=[event.pk, first.history_id])
    assert reviewing.post(url, form_data(event)).status_code == 403
    event.refresh_from_db()
    assert event.review_status == Status.APPROVED


def test_next_candidate_stays_within_the_filtered_list(reviewing):
    korean_older = EventFactory(participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]})
    EventFactory(participants={Role.SUPPLIER: ["IRN"], Role.RECIPIENT: ["RUS"]})
    korean = EventFactory(participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]})
    filters = "?_changelist_filters=country%3DPRK"
    response = reviewing.post(change_url(korean) + filters, form_data(korean, _approve="Approve"))
    assert response["Location"] == change_url(korean_older) + filters
    response = reviewing.post(change_url(korean_older) + filters, form_data(korean_older, _approve="Approve"))
    assert response["Location"] == reverse("admin:events_event_changelist") + "?country=PRK"
