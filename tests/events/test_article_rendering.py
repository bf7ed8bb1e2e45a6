"""Article text in the admin: evidence marked, actors highlighted, and never executable."""

import html
import re

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from events.highlighting import Span
from events.models import EventType, Participant, Role
from events.rendering import render_marked_text
from tests.entities.factories import PersonFactory
from tests.events.factories import ArticleFactory, EventFactory, EvidenceFactory

TAG = re.compile(r"</?(mark|span)[^>]*>")


def test_evidence_and_mentions_nest_inside_escaped_text():
    text = "<script>x</script> North Korea sent shells to Russia."
    sentence_start = text.index("North")
    rendered = render_marked_text(
        text,
        [Span(sentence_start, len(text), "evidence")],
        [Span(sentence_start, sentence_start + 11, "country"), Span(text.index("Russia"), len(text) - 1, "country")],
    )
    assert rendered == (
        "&lt;script&gt;x&lt;/script&gt; "
        '<mark class="evidence"><span class="entity entity-country" title="country">North Korea</span>'
        ' sent shells to <span class="entity entity-country" title="country">Russia</span>.</mark>'
    )


def test_a_mention_straddling_an_evidence_boundary_is_left_unmarked():
    text = "Kim Jong Un met Putin."
    rendered = render_marked_text(text, [Span(4, len(text), "evidence")], [Span(0, 10, "person")])
    assert "entity" not in rendered
    assert rendered == 'Kim <mark class="evidence">Jong Un met Putin.</mark>'


spans = st.builds(
    lambda a, b, label: Span(min(a, b), max(a, b) + 1, label),
    st.integers(0, 40),
    st.integers(0, 40),
    st.sampled_from(["evidence", "country", "person"]),
)


@given(
    text=st.text(alphabet="<>&\"' ab/\nscript", max_size=40),
    evidence=st.lists(spans, max_size=4),
    mentions=st.lists(spans, max_size=4),
)
def test_rendering_keeps_the_text_and_adds_only_its_own_tags(text, evidence, mentions):
    evidence = [s for s in evidence if s.end <= len(text)]
    mentions = [s for s in mentions if s.end <= len(text)]
    rendered = str(render_marked_text(text, evidence, mentions))
    without_tags = TAG.sub("", rendered)
    assert html.unescape(without_tags) == text
    assert "<" not in without_tags and ">" not in without_tags
    assert rendered.count("<mark") == rendered.count("</mark>")
    assert rendered.count("<span") == rendered.count("</span>")


@pytest.mark.django_db
def test_article_page_escapes_a_script_in_the_text_and_marks_evidence(client, reviewer):
    text = 'Breaking: <script>alert("owned")</script> North Korea supplied shells to Russia, said Kim Yo Jong.'
    article = ArticleFactory(text=text)
    sentence = "North Korea supplied shells to Russia, said Kim Yo Jong."
    start = text.index(sentence)
    event = EventFactory(participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]})
    EvidenceFactory(event=event, article=article, sentence=sentence, start_char=start, end_char=start + len(sentence))
    imposition = EventFactory(event_type=EventType.SANCTIONS_IMPOSITION, participants={Role.IMPOSER: ["USA"]})
    Participant.objects.create(event=imposition, role=Role.TARGET, person=PersonFactory(name="Kim Yo Jong"))
    EvidenceFactory(event=imposition, article=article, sentence=sentence, start_char=start, end_char=start + 10)
    client.force_login(reviewer)

    page = client.get(reverse("admin:events_article_change", args=[article.pk])).content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in page
    assert '<mark class="evidence"><span class="entity entity-country" title="country">North Korea</span>' in page
    assert '<span class="entity entity-country" title="country">Russia</span>' in page  # an alias of RUS
    assert '<span class="entity entity-person" title="person">Kim Yo Jong</span>' in page
    assert reverse("admin:events_event_change", args=[event.pk]) in page


@pytest.mark.django_db
def test_article_page_lists_its_extraction_runs_with_errors(client, reviewer):
    from tasks.models import ExtractionRun

    article = ArticleFactory()
    ExtractionRun.objects.create(article=article, state=ExtractionRun.State.FAILED, error="text is not English")
    client.force_login(reviewer)
    page = client.get(reverse("admin:events_article_change", args=[article.pk])).content.decode()
    assert "text is not English" in page
