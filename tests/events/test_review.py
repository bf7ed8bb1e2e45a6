"""Review decisions: who decided, when, what moved, and the history they leave."""

import pytest

from events.models import Event, EventType, Participant, Role
from events.review import ReviewError, approve_events, merge_events, reject_events, unreject_events
from events.summaries import refresh_event_summary
from tests.entities.factories import PersonFactory, country
from tests.events.factories import ArticleFactory, EventFactory, EvidenceFactory

pytestmark = pytest.mark.django_db
Status = Event.ReviewStatus


def test_approving_a_candidate_records_reviewer_time_and_history(reviewer):
    event = EventFactory()
    approve_events([event], by=reviewer)
    event.refresh_from_db()
    assert event.review_status == Status.APPROVED
    assert event.reviewed_by == reviewer
    assert event.reviewed_at is not None
    latest = event.history.latest()
    assert (latest.review_status, latest.history_user, latest.history_change_reason) == (
        Status.APPROVED,
        reviewer,
        "approved",
    )


def test_approving_leaves_already_approved_events_alone(reviewer, administrator):
    event = EventFactory()
    approve_events([event], by=administrator)
    assert approve_events([event], by=reviewer) == []
    event.refresh_from_db()
    assert event.reviewed_by == administrator


@pytest.mark.parametrize("status", [Status.REJECTED, Status.MERGED])
def test_approving_a_rejected_or_merged_event_needs_an_unreject(reviewer, status):
    survivor = EventFactory()
    event = EventFactory(review_status=status, merged_into=survivor if status == Status.MERGED else None)
    with pytest.raises(ReviewError, match="un-reject"):
        approve_events([event, survivor], by=reviewer)
    survivor.refresh_from_db()
    assert survivor.review_status == Status.CANDIDATE  # all or nothing


def test_rejecting_keeps_the_reason_as_note_and_in_history(reviewer):
    event = EventFactory()
    reject_events([event], by=reviewer, reason="  Same shipment as #12, misread date. ")
    event.refresh_from_db()
    assert event.review_status == Status.REJECTED
    assert event.review_note == "Same shipment as #12, misread date."
    assert event.history.latest().history_change_reason == "rejected: Same shipment as #12, misread date."


def test_rejecting_without_a_reason_is_refused(reviewer):
    event = EventFactory()
    with pytest.raises(ReviewError, match="reason"):
        reject_events([event], by=reviewer, reason="  ")
    event.refresh_from_db()
    assert event.review_status == Status.CANDIDATE


def test_unrejecting_returns_the_event_to_candidates_and_then_it_can_be_approved(reviewer):
    event = EventFactory()
    reject_events([event], by=reviewer, reason="wrong")
    unreject_events([event], by=reviewer)
    event.refresh_from_db()
    assert event.review_status == Status.CANDIDATE
    approve_events([event], by=reviewer)
    event.refresh_from_db()
    assert event.review_status == Status.APPROVED
    reasons = list(event.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons[-3:] == ["rejected: wrong", "un-rejected", "approved"]


def test_unrejecting_a_candidate_is_refused(reviewer):
    with pytest.raises(ReviewError):
        unreject_events([EventFactory()], by=reviewer)


def test_merge_moves_evidence_and_participants_to_the_survivor(reviewer):
    survivor = EventFactory(participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]}, items=["rockets"])
    other = EventFactory(
        participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"], Role.INTERMEDIARY: ["CHN"]},
        items=["artillery shells"],
        confidence=0.95,
    )
    shared_article = ArticleFactory()
    EvidenceFactory(event=survivor, article=shared_article)
    EvidenceFactory(event=other, article=shared_article)  # the same sentence: kept once
    EvidenceFactory(event=other)  # a second source

    merge_events(survivor, [other], by=reviewer)

    survivor.refresh_from_db()
    other.refresh_from_db()
    assert sorted(survivor.participants.values_list("role", "country_id")) == [
        ("intermediary", "CHN"),
        ("recipient", "RUS"),
        ("supplier", "PRK"),
    ]
    assert survivor.evidence.count() == 2
    assert survivor.source_count == 2
    assert survivor.items == ["rockets", "artillery shells"]
    assert survivor.confidence == 0.95
    assert survivor.summary == "North Korea → Russia via China: rockets, artillery shells"
    assert other.review_status == Status.MERGED
    assert other.merged_into == survivor
    assert other.reviewed_by == reviewer
    assert not other.participants.exists()
    assert not other.evidence.exists()


def test_merge_writes_history_for_events_and_moved_participants(reviewer):
    survivor = EventFactory()
    other = EventFactory(participants={Role.SUPPLIER: ["IRN"], Role.RECIPIENT: ["RUS"]})
    merge_events(survivor, [other], by=reviewer)
    assert other.history.latest().history_change_reason == f"merged into #{survivor.pk}"
    assert other.history.latest().history_user == reviewer
    assert survivor.history.latest().history_change_reason == f"merged #{other.pk} into this event"
    moved = Participant.history.filter(country_id="IRN").latest()
    assert (moved.event_id, moved.history_user) == (survivor.pk, reviewer)
    # The duplicate recipient (Russia) was deleted, and that is recorded too.
    assert Participant.history.filter(country_id="RUS", history_type="-").get().history_user == reviewer


def test_merge_repoints_events_merged_earlier_so_no_chains_form(reviewer):
    survivor, middle, earlier = EventFactory(), EventFactory(), EventFactory()
    merge_events(middle, [earlier], by=reviewer)
    merge_events(survivor, [middle], by=reviewer)
    earlier.refresh_from_db()
    assert earlier.merged_into == survivor


def test_merging_events_of_different_types_is_refused(reviewer):
    transfer = EventFactory()
    imposition = EventFactory(event_type=EventType.SANCTIONS_IMPOSITION, participants={Role.IMPOSER: ["USA"]})
    with pytest.raises(ReviewError, match="same type"):
        merge_events(transfer, [imposition], by=reviewer)


def test_merging_a_rejected_event_is_refused(reviewer):
    survivor, rejected = EventFactory(), EventFactory(review_status=Status.REJECTED)
    with pytest.raises(ReviewError):
        merge_events(survivor, [rejected], by=reviewer)


def test_merge_needs_two_events(reviewer):
    event = EventFactory()
    with pytest.raises(ReviewError):
        merge_events(event, [event], by=reviewer)


def test_summary_names_participants_by_role_and_items():
    event = EventFactory(
        participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]}, items=["artillery shells", "rockets"]
    )
    event.summary = ""
    assert refresh_event_summary(event) == "North Korea → Russia: artillery shells, rockets"
    assert Event.objects.get(pk=event.pk).summary == "North Korea → Russia: artillery shells, rockets"


def test_summary_of_a_sanctions_imposition_names_imposer_and_target():
    event = EventFactory(event_type=EventType.SANCTIONS_IMPOSITION, participants={}, items=[])
    Participant.objects.create(event=event, role=Role.IMPOSER, country=country("USA"))
    Participant.objects.create(event=event, role=Role.TARGET, person=PersonFactory(name="Kim Yo Jong"))
    assert refresh_event_summary(event) == "United States sanctions Kim Yo Jong"
