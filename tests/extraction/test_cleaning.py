from extraction import clean_text, html_to_text
from extraction.cleaning import is_marked_up_copy, looks_like_html

ARTICLE = """Moldova buys radar systems from France

A radar station near the border on May 2, 2023. REUTERS/Ana Popescu

Join now for FREE unlimited access to Reuters.com

CHISINAU, May 3 (Reuters) - Moldova agreed to buy air surveillance radars from France, the ministry said.

Leave a Comment

Reporting by Ana Popescu; Editing by Mark Hill

Our standards: The Thomson Reuters Trust Principles."""


def test_subscription_prompts_and_comment_links_are_removed():
    cleaned = clean_text(ARTICLE)
    assert "Join now" not in cleaned
    assert "Leave a Comment" not in cleaned


def test_photo_captions_with_photographer_credits_are_removed():
    assert "REUTERS/Ana Popescu" not in clean_text(ARTICLE)
    assert "radar station near the border" not in clean_text(ARTICLE)


def test_reporting_and_editing_credits_and_standards_lines_are_removed():
    cleaned = clean_text(ARTICLE)
    assert "Reporting by" not in cleaned
    assert "Editing by" not in cleaned
    assert "Our standards" not in cleaned


def test_article_sentences_survive_cleaning():
    cleaned = clean_text(ARTICLE)
    assert "Moldova agreed to buy air surveillance radars from France, the ministry said." in cleaned
    assert cleaned.startswith("Moldova buys radar systems from France")


def test_sentences_mentioning_reporting_are_kept():
    text = "Reporting on the deal, officials said Chile bought two frigates from Britain."
    assert clean_text(text) == text


def test_typographic_quotes_become_plain_quotes():
    assert clean_text("Norway\u2019s \u201cfirm\u201d stance") == 'Norway\'s "firm" stance'


def test_related_links_inside_paragraphs_are_cut_out():
    cleaned = clean_text("Peru bought tanks. (RELATED: Another story here)")
    assert cleaned == "Peru bought tanks."


def test_short_byline_lines_are_removed():
    cleaned = clean_text("By Anna Berg and Lars Holm\n\nBy contrast, Chile sold rifles.")
    assert cleaned == "By contrast, Chile sold rifles."


def test_html_goes_through_main_text_extraction():
    html = (
        "<html><head><title>Arms deal</title></head><body><nav>Home | World</nav>"
        "<article><h1>Arms deal</h1><p>Peru has bought six patrol boats from South Korea, the navy said."
        " The boats will arrive next year, officials added in a statement to the press.</p></article>"
        "<footer>Subscribe to our newsletter</footer></body></html>"
    )
    assert looks_like_html(html)
    cleaned = clean_text(html)
    assert "Peru has bought six patrol boats from South Korea" in cleaned
    assert "<p>" not in cleaned


def test_html_to_text_returns_text_and_metadata_keys():
    html = (
        "<html><head><title>Sanctions</title><meta name='date' content='2024-02-01'></head><body><article>"
        "<p>Canada imposed sanctions on Belarus on Thursday, the foreign ministry said in a statement.</p>"
        "<p>The measures target officials accused of supporting the war.</p></article></body></html>"
    )
    result = html_to_text(html)
    assert set(result) == {"text", "title", "date", "publisher"}
    assert "Canada imposed sanctions on Belarus" in result["text"]


def test_plain_text_with_angle_brackets_is_not_html():
    assert not looks_like_html("Acme Corp <ACME.T> said exports rose.")


def test_agency_photo_credits_and_update_notes_are_removed():
    text = (
        "Soldiers unload crates at an airfield. (AP Photo/Jan Novak)\n\n"
        "Updated: 14 March 2024 10:02 GMT\n\n"
        "Latvia received howitzers from Norway.\n\n"
        "This article was originally published on our partner site.\n\n"
        "Follow us on social media for more."
    )
    assert clean_text(text) == "Latvia received howitzers from Norway."


def test_copy_with_paragraph_tags_keeps_the_text_before_the_first_tag():
    copy = "LIMA, 4 FEB 90 (EFE) -- THE NAVY BOUGHT TWO FRIGATES.</p><p>THE DEAL WAS SIGNED IN ROME.</p>"
    assert clean_text(copy) == "LIMA, 4 FEB 90 (EFE) -- THE NAVY BOUGHT TWO FRIGATES.\n\nTHE DEAL WAS SIGNED IN ROME."


def test_a_page_with_structure_is_still_extracted_as_html():
    assert not is_marked_up_copy("<html><body><div><p>Text</p></div></body></html>")
    assert is_marked_up_copy("First paragraph.</p><p>Second &amp; last.")


def test_photo_captions_and_distribution_notices_are_removed():
    text = (
        "North Korea has supplied shells to Russia.\n\n"
        "This photo, released by the state news agency on Sept. 10, shows a munitions factory. "
        "(For Use Only in the Republic of Korea. No Redistribution) (Yonhap)\n\n"
        "Photo shows a Japanese destroyer at sea. (Photo courtesy of Japan's Defense Ministry)\n\n"
        "The photo shows that the missiles came from Iran, the report said."
    )
    assert clean_text(text) == (
        "North Korea has supplied shells to Russia.\n\n"
        "The photo shows that the missiles came from Iran, the report said."
    )


def test_a_distribution_notice_inside_a_paragraph_is_cut_out():
    assert clean_text("Seoul sent aid. (For Use Only in the Republic of Korea. No Redistribution)") == "Seoul sent aid."


def test_markdown_links_keep_their_text_apart_from_the_words_around_them():
    text = "under the[Sanctions Act](https://www.example.gov/act.pdf)Directive, see [the list](/faq)."
    assert clean_text(text) == "under the Sanctions Act Directive, see the list."


def test_country_names_glued_to_words_by_stripped_links_are_set_apart():
    assert clean_text("Sanctions were imposed againstCubaunder the act.") == (
        "Sanctions were imposed against Cuba under the act."
    )
    assert clean_text("Iranian and Cuban officials met in Havana.") == "Iranian and Cuban officials met in Havana."
