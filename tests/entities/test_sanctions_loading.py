"""Loading a list file: idempotent by (list, external id), updates, delistings, one transaction per file."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from entities.models import SanctionsEntry
from entities.sanctions import SanctionsFileError
from entities.sanctions.loading import load_sanctions_list

from .sanctions_files import FIXTURES, FTM_SAMPLE, OFAC_CSV_SAMPLE, OFAC_XML_SAMPLE, UN_SAMPLE, needs_shared_samples

pytestmark = pytest.mark.django_db


def load(name, file_format, list_name=None):
    return load_sanctions_list(FIXTURES / name, file_format, list_name, match_afterwards=False)


def test_loading_creates_entries_with_their_countries_under_the_formats_default_list_name():
    summary = load("un_v1.xml", "un-xml")
    assert (summary.list_name, summary.added, summary.updated, summary.delisted) == ("UN SC Consolidated", 2, 0, 0)
    entry = SanctionsEntry.objects.get(list_name="UN SC Consolidated", external_id="KPi.901")
    assert entry.name == "PAK TAE-SONG"
    assert list(entry.countries.values_list("iso3", flat=True)) == ["PRK"]
    assert entry.raw["DATAID"] == "900001"


def test_reloading_the_same_file_changes_nothing_and_never_duplicates():
    load("un_v1.xml", "un-xml")
    summary = load("un_v1.xml", "un-xml")
    assert (summary.added, summary.updated, summary.unchanged, summary.delisted) == (0, 0, 2, 0)
    assert SanctionsEntry.objects.count() == 2


def test_a_newer_file_updates_entries_adds_new_ones_and_delists_missing_ones_with_the_file_date():
    load("un_v1.xml", "un-xml")
    summary = load("un_v2.xml", "un-xml")
    assert (summary.added, summary.updated, summary.unchanged, summary.delisted) == (1, 1, 0, 1)
    updated = SanctionsEntry.objects.get(external_id="KPi.901")
    assert "Paek Tae-song" in updated.aliases and updated.weak_aliases == []
    assert updated.birth_dates == ["1954/1956"]
    gone = SanctionsEntry.objects.get(external_id="KPe.901")
    assert gone.delisted_on == date(2025, 6, 30)
    assert set(summary.changed_entry_ids) == set(
        SanctionsEntry.objects.filter(external_id__in=["KPi.901", "KPi.902"]).values_list("pk", flat=True)
    )


def test_an_entry_back_in_a_later_file_is_listed_again():
    load("un_v1.xml", "un-xml")
    load("un_v2.xml", "un-xml")
    summary = load("un_v1.xml", "un-xml")
    assert SanctionsEntry.objects.get(external_id="KPe.901").delisted_on is None
    assert SanctionsEntry.objects.get(external_id="KPi.902").delisted_on == date(2025, 1, 10)
    assert summary.updated == 2  # KPi.901 back to v1, KPe.901 relisted


def test_lists_are_kept_apart_by_name():
    load("ofac_small.csv", "ofac-csv")
    load("ofac_small.xml", "ofac-xml", list_name="OFAC Consolidated")
    assert SanctionsEntry.objects.filter(list_name="OFAC SDN").count() == 3
    assert SanctionsEntry.objects.filter(list_name="OFAC Consolidated").count() == 2
    assert not SanctionsEntry.objects.filter(delisted_on__isnull=False).exists()


def test_the_summary_counts_skipped_records_by_reason():
    summary = load("ftm_small.jsonl", "ftm")
    assert summary.added == 2
    assert summary.skipped["Address records are not list entries"] == 1
    assert "3 skipped" in str(summary) and "skipped 1: Address records are not list entries" in str(summary)


def test_a_malformed_file_is_rejected_and_nothing_of_it_is_written():
    load("un_v1.xml", "un-xml")
    before = list(SanctionsEntry.objects.values_list("external_id", "name", "delisted_on").order_by("external_id"))
    # Its first record (KPi.903) is valid and would be new; the error comes later in the file.
    with pytest.raises(SanctionsFileError, match="line 11"):
        load("un_unclosed_tag.xml", "un-xml")
    after = list(SanctionsEntry.objects.values_list("external_id", "name", "delisted_on").order_by("external_id"))
    assert after == before


def test_load_sanctions_command_prints_the_summary_and_rejects_bad_files_with_their_location():
    out = io.StringIO()
    call_command(
        "load_sanctions",
        str(FIXTURES / "ofac_small.csv"),
        "--format",
        "ofac-csv",
        "--no-match",
        stdout=out,
        verbosity=0,
    )
    assert "OFAC SDN: 3 added, 0 updated, 0 unchanged, 0 delisted, 0 skipped" in out.getvalue()
    with pytest.raises(CommandError, match=r"Rejected, nothing loaded: .*ofac_short_row.csv, line 2: expected 12"):
        call_command("load_sanctions", str(FIXTURES / "ofac_short_row.csv"), "--format", "ofac-csv", verbosity=0)


def test_load_sanctions_command_shows_a_progress_bar_on_stderr():
    err = io.StringIO()
    call_command(
        "load_sanctions",
        str(FIXTURES / "un_v1.xml"),
        "--format",
        "un-xml",
        "--list",
        "UN test",
        stdout=io.StringIO(),
        stderr=err,
    )
    assert "UN test" in err.getvalue() and "2 records" in err.getvalue()


@needs_shared_samples
def test_all_four_real_excerpts_load_and_reload_idempotently():
    files = [(UN_SAMPLE, "un-xml", None), (FTM_SAMPLE, "ftm", None), (OFAC_CSV_SAMPLE, "ofac-csv", None)]
    files.append((OFAC_XML_SAMPLE, "ofac-xml", "OFAC Consolidated (non-SDN)"))
    added = [load_sanctions_list(path, fmt, name, match_afterwards=False).added for path, fmt, name in files]
    assert added == [49, 20, 41, 20]
    reloaded = [load_sanctions_list(path, fmt, name, match_afterwards=False) for path, fmt, name in files]
    assert [(s.added, s.updated, s.delisted) for s in reloaded] == [(0, 0, 0)] * 4
    assert SanctionsEntry.objects.count() == 130


def test_an_empty_file_never_delists_a_whole_list(tmp_path):
    load("ofac_small.csv", "ofac-csv")
    empty = tmp_path / "sdn.csv"
    empty.write_bytes(b"\x1a")  # what a failed download of sdn.csv looks like
    with pytest.raises(SanctionsFileError, match="refusing to delist all 3 of OFAC SDN"):
        load_sanctions_list(empty, "ofac-csv", match_afterwards=False)
    assert not SanctionsEntry.objects.filter(delisted_on__isnull=False).exists()


def test_a_repeated_external_id_is_loaded_once_and_reported(tmp_path):
    rows = (FIXTURES / "ofac_small.csv").read_bytes().split(b"\r\n")
    doubled = tmp_path / "doubled.csv"
    doubled.write_bytes(b"\r\n".join([rows[0], *rows]))
    summary = load_sanctions_list(doubled, "ofac-csv", match_afterwards=False)
    assert summary.added == 3
    assert summary.skipped == {"external id repeated in the file (first kept)": 1}


def ofac_rows(count: int, start: int = 1) -> bytes:
    rows = [
        f'{n},"TEST TRADING {n} LLC",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '
        for n in range(start, count + 1)
    ]
    return ("\r\n".join(rows) + "\r\n").encode()


def test_an_ofac_non_sdn_file_is_its_own_list_and_never_delists_the_sdn_list():
    load("ofac_small.csv", "ofac-csv")
    summary = load("ofac_consolidated_small.xml", "ofac-xml")
    assert summary.list_name == "OFAC Consolidated (non-SDN)"
    assert summary.delisted == 0
    assert SanctionsEntry.objects.filter(list_name="OFAC SDN", delisted_on__isnull=True).count() == 3


@needs_shared_samples
def test_ofacs_real_non_sdn_excerpt_loads_beside_the_sdn_list_without_delisting_it():
    load_sanctions_list(OFAC_CSV_SAMPLE, "ofac-csv", match_afterwards=False)
    summary = load_sanctions_list(OFAC_XML_SAMPLE, "ofac-xml", match_afterwards=False)
    assert (summary.list_name, summary.added, summary.delisted) == ("OFAC Consolidated (non-SDN)", 20, 0)
    assert SanctionsEntry.objects.filter(list_name="OFAC SDN", delisted_on__isnull=True).count() == 41


def test_a_sdn_file_is_named_the_sdn_list_whatever_its_format():
    assert load("ofac_small.csv", "ofac-csv").list_name == "OFAC SDN"
    assert load("ofac_small.xml", "ofac-xml").list_name == "OFAC SDN"


def test_a_load_delisting_more_than_the_allowed_share_is_refused_and_writes_nothing(tmp_path, settings):
    settings.SANCTIONS_MAX_DELISTED_SHARE = 0.25
    full, truncated = tmp_path / "sdn.csv", tmp_path / "sdn_truncated.csv"
    full.write_bytes(ofac_rows(20))
    truncated.write_bytes(ofac_rows(12))
    load_sanctions_list(full, "ofac-csv", match_afterwards=False)
    with pytest.raises(SanctionsFileError, match=r"would delist 8 of the 20 active entries of 'OFAC SDN'"):
        load_sanctions_list(truncated, "ofac-csv", match_afterwards=False)
    assert not SanctionsEntry.objects.filter(delisted_on__isnull=False).exists()


def test_allow_mass_delisting_lets_a_large_delisting_through(tmp_path):
    full, truncated = tmp_path / "sdn.csv", tmp_path / "sdn_truncated.csv"
    full.write_bytes(ofac_rows(20))
    truncated.write_bytes(ofac_rows(12))
    load_sanctions_list(full, "ofac-csv", match_afterwards=False)
    out = io.StringIO()
    call_command(
        "load_sanctions", str(truncated), "--format", "ofac-csv", "--no-match", "--allow-mass-delisting", stdout=out
    )
    assert "8 delisted" in out.getvalue()
    assert SanctionsEntry.objects.filter(delisted_on__isnull=False).count() == 8


def test_the_load_command_explains_a_refused_mass_delisting(tmp_path):
    full, truncated = tmp_path / "sdn.csv", tmp_path / "sdn_truncated.csv"
    full.write_bytes(ofac_rows(20))
    truncated.write_bytes(ofac_rows(12))
    load_sanctions_list(full, "ofac-csv", match_afterwards=False)
    with pytest.raises(CommandError, match="--allow-mass-delisting"):
        call_command("load_sanctions", str(truncated), "--format", "ofac-csv", "--no-match", verbosity=0)


def test_a_routine_small_delisting_needs_no_permission(tmp_path):
    full, shorter = tmp_path / "sdn.csv", tmp_path / "sdn_next.csv"
    full.write_bytes(ofac_rows(6))
    shorter.write_bytes(ofac_rows(6, start=2))
    load_sanctions_list(full, "ofac-csv", match_afterwards=False)
    assert load_sanctions_list(shorter, "ofac-csv", match_afterwards=False).delisted == 1
