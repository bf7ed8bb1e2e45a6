"""Reviewers confirm or reject borderline matches in the admin, with both records side by side."""

import pytest
from django.contrib.admin import site
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse

from entities.admin import SanctionsMatchInline
from entities.models import Person, SanctionsMatch
from tests.entities.factories import PersonFactory, PositionFactory, SanctionsEntryFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending_match():
    person = PersonFactory(name="Kim Jung Un <b>", nationality=country("PRK"), birth_year=1984)
    entry = SanctionsEntryFactory(
        list_name="OFAC SDN",
        external_id="20157",
        name="KIM, Jong Un",
        aliases=["Kim Chong-un"],
        programmes=["DPRK3"],
        birth_dates=["1984-01-08"],
        link="https://sanctionssearch.ofac.treas.gov/Details.aspx?id=20157",
        raw={"Title": "Chairman of the Workers' Party of Korea"},
    )
    PositionFactory(person=person, title="supreme leader")
    entry.countries.add("PRK")
    return SanctionsMatch.objects.create(person=person, entry=entry, score=0.88, features={"name_similarity": 0.88})


def change_url(match):
    return reverse("admin:entities_sanctionsmatch_change", args=[match.pk])


def test_the_match_page_shows_both_records_side_by_side_escaped(admin_client, pending_match):
    page = admin_client.get(change_url(pending_match)).content.decode()
    assert "Kim Jung Un &lt;b&gt;" in page and "KIM, Jong Un" in page
    assert "Kim Chong-un" in page and "1984-01-08" in page and "DPRK3" in page and "North Korea" in page
    assert '<a href="https://sanctionssearch.ofac.treas.gov/Details.aspx?id=20157"' in page
    assert "supreme leader" in page and "Chairman of the Workers&#x27; Party of Korea" in page
    assert 'name="_confirm"' in page and 'name="_reject"' in page


def test_a_reviewer_confirms_a_match_from_its_page(admin_client, pending_match):
    response = admin_client.post(change_url(pending_match), {"_confirm": "Confirm"})
    assert response.status_code == 302
    pending_match.refresh_from_db()
    assert pending_match.state == SanctionsMatch.State.CONFIRMED
    assert pending_match.reviewed_by.username == "admin" and pending_match.reviewed_at is not None
    latest, created = pending_match.history.all()[:2]
    assert (created.state, latest.state, latest.history_user.username) == ("pending", "confirmed", "admin")
    assert (
        admin_client.get(reverse("admin:entities_sanctionsmatch_history", args=[pending_match.pk])).status_code == 200
    )


def test_a_reviewer_rejects_matches_in_bulk_from_the_list(admin_client, pending_match):
    url = reverse("admin:entities_sanctionsmatch_changelist")
    assert "Kim Jung Un" in admin_client.get(url, {"state__exact": "pending"}).content.decode()
    admin_client.post(url, {"action": "reject_matches", "_selected_action": [pending_match.pk]})
    pending_match.refresh_from_db()
    assert pending_match.state == SanctionsMatch.State.REJECTED


def test_staff_without_change_permission_can_look_but_not_decide(client, pending_match):
    viewer = get_user_model().objects.create_user("viewer", password="a-long-test-password", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_sanctionsmatch"))
    client.force_login(viewer)
    assert client.get(change_url(pending_match)).status_code == 200
    client.post(change_url(pending_match), {"_confirm": "Confirm"})
    pending_match.refresh_from_db()
    assert pending_match.state == SanctionsMatch.State.PENDING


def test_the_admin_is_staff_only(client, pending_match):
    user = get_user_model().objects.create_user("reader", password="a-long-test-password")
    client.force_login(user)
    response = client.get(change_url(pending_match))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_list_entries_are_read_only_and_show_their_matches(admin_client, pending_match):
    entry = pending_match.entry
    assert admin_client.get(reverse("admin:entities_sanctionsentry_add")).status_code == 403
    page = admin_client.get(reverse("admin:entities_sanctionsentry_change", args=[entry.pk])).content.decode()
    assert "Kim Jung Un" in page and "DPRK3" in page


def test_the_match_inline_for_person_admins_lists_a_persons_entries(pending_match):
    inline = SanctionsMatchInline(Person, site)
    request = RequestFactory().get("/")
    request.user = get_user_model().objects.create_superuser("root", password="a-long-test-password")
    formset = inline.get_formset(request, pending_match.person)(instance=pending_match.person)
    assert [form.instance for form in formset.forms] == [pending_match]
