"""CSV and JSON Lines export lines written by PostgreSQL itself.

On PostgreSQL an export is one query: each event's participants, sanctions lists and public
evidence are aggregated in LATERAL subqueries, and the whole output line (CSV cells escaped and
quoted as Python's csv module does, or the JSON object exactly as json.dumps writes it) is built
in SQL. The lines stream out through COPY … TO STDOUT and Python only joins them, so an export runs
near the speed of COPY itself. The portable path (api.export_rows + api.exports renderers, used on
SQLite) writes the same bytes; tests/api/test_export_sql.py compares the two on awkward data.

Adding a column: a cell in _csv_cells (and its name in api.exports.CSV_COLUMNS and csv_row), or a
field in _json_line (and in api.exports.event_json); what it needs of each participant goes in
_participant_columns, from which the per-event aggregates read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet

from entities.models import SanctionsMatch
from events.models import Evidence
from events.public_search import EVENT_ORDERINGS

from .export_rows import COUNTRY_ROLES

LINES_PER_PIECE = 2000
# The columns of the searched events the lines below read, named as the subquery's output.
EVENT_COLUMNS = (
    "id", "sort_date", "event_type", "review_status", "certainty", "event_date", "date_precision", "summary",
    "items", "quantity", "confidence", "source_count", "reviewed_at",
)  # fmt: skip
EVENT_FIELDS = ("pk", "sort_date", *EVENT_COLUMNS[2:])

# --- SQL fragments ----------------------------------------------------------------------------------


def _literal(text: str) -> str:
    """A SQL string literal (text known here, never user input); % doubled for the driver's parameters."""
    return "'" + text.replace("'", "''").replace("%", "%%") + "'"


def _json(expression: str) -> str:
    """The value as JSON text, as json.dumps(ensure_ascii=False) writes it (PostgreSQL escapes strings alike)."""
    return f"coalesce(to_json({expression})::text, 'null')"


def _json_float(expression: str) -> str:
    """Python writes a whole float with '.0' (1.0), PostgreSQL without (1)."""
    whole = f"trunc({expression})"
    return f"(CASE WHEN {expression} = {whole} THEN {whole}::bigint || '.0' ELSE {expression}::text END)"


def _json_object(fields: list[tuple[str, str]]) -> str:
    """'{"key": value, …}' from (key, SQL expression giving the value's JSON text)."""
    parts = []
    for n, (key, value) in enumerate(fields):
        opening = "{" if n == 0 else ", "
        parts.append(f"{_literal(opening + json.dumps(key) + ': ')} || {value}")
    return " || ".join(parts) + " || '}'"


def _iso_datetime(column: str, time_zone: str, utc_suffix: str) -> str:
    """datetime.isoformat() of the timestamp in a time zone: microseconds only when not zero, the
    offset as +HH:MM (utc_suffix for UTC, as Python gives +00:00 and DRF writes Z)."""
    local = f"({column} AT TIME ZONE {_literal(time_zone)})"
    offset = f"(extract(epoch FROM {local} - ({column} AT TIME ZONE 'UTC')) / 60)::int"
    signed = (
        f"CASE WHEN {offset} = 0 THEN {_literal(utc_suffix)}"
        f" ELSE CASE WHEN {offset} < 0 THEN '-' ELSE '+' END || lpad((abs({offset}) / 60)::text, 2, '0')"
        f" || ':' || lpad(mod(abs({offset}), 60)::text, 2, '0') END"
    )
    return (
        f"CASE WHEN {column} IS NULL THEN NULL ELSE to_char({local}, 'YYYY-MM-DD\"T\"HH24:MI:SS')"
        f" || CASE WHEN to_char({local}, 'US') = '000000' THEN '' ELSE to_char({local}, '.US') END"
        f" || {_literal(utc_suffix) if time_zone == 'UTC' else signed} END"
    )


# Python's str() of each JSON item, joined with ';' (api.exports.csv_row): strings bare, True/None
# capitalised. A function scan aggregates in the array's order.
ITEMS_TEXT = """coalesce(CASE jsonb_typeof(e.items) WHEN 'array' THEN (
    SELECT string_agg(CASE jsonb_typeof(item) WHEN 'string' THEN item #>> '{}' WHEN 'boolean' THEN initcap(item::text)
                      WHEN 'null' THEN 'None' ELSE item::text END, ';')
      FROM jsonb_array_elements(e.items) AS element(item)) END, '')"""


def _public_urls() -> str:
    """Distinct URLs of the event's public evidence, sorted as Python sorts strings (by code point).

    Most events have one URL (or one article quoted twice): min = max gives it without a sort."""
    from events.models import Article

    accepted = _literal(Evidence.ReviewState.ACCEPTED)
    urls = (
        f'SELECT a.url COLLATE "C" AS url FROM {Evidence._meta.db_table} ev'
        f" JOIN {Article._meta.db_table} a ON a.id = ev.article_id"
        f" WHERE ev.event_id = e.id AND ev.review_state = {accepted} AND a.url <> ''"
    )
    return (
        f"(SELECT CASE WHEN min(url) = max(url) THEN min(url) WHEN min(url) IS NOT NULL THEN"
        f" (SELECT string_agg(url, ' ') FROM (SELECT DISTINCT url FROM ({urls}) u ORDER BY url) sorted) END"
        f" FROM ({urls}) u)"
    )


# --- participants, aggregated per event -------------------------------------------------------------


def _looked_up(key: str, model_name: str, column: str, where: str = "id") -> str:
    """A column of the participant's actor, looked up only for the participants that have one."""
    from django.apps import apps

    table = apps.get_model(model_name)._meta.db_table
    return f"CASE WHEN p.{key} IS NOT NULL THEN (SELECT {column} FROM {table} WHERE {where} = p.{key}) END"


def _country_names() -> dict[str, str]:
    from entities.models import Country

    return dict(Country.objects.values_list("iso3", "name"))


def _participant_columns() -> dict[str, str]:
    """What the aggregates below can read of each participant (unread ones are never computed)."""
    matches, entries = SanctionsMatch._meta.db_table, SanctionsMatch.entry.field.related_model._meta.db_table
    states = ", ".join(_literal(state) for state in SanctionsMatch.LINKED_STATES)
    vessel_name = "CASE WHEN imo <> '' THEN name || ' (IMO ' || imo || ')' ELSE name END"  # str(Vessel)
    return {
        "role": "p.role",
        "country_id": "p.country_id",
        "person_id": "p.person_id",
        "organization_id": "p.organization_id",
        "capacity": "nullif(p.capacity, '')",
        "stance": "nullif(p.stance, '')",
        "official_country_id": "p.official_country_id",
        "kind": "CASE WHEN p.country_id IS NOT NULL THEN 'country' WHEN p.person_id IS NOT NULL THEN 'person'"
        " WHEN p.organization_id IS NOT NULL THEN 'organization' ELSE 'vessel' END",
        "person_name": _looked_up("person_id", "entities.Person", "name"),
        "organization_name": _looked_up("organization_id", "entities.Organization", "name"),
        "organization_code": _looked_up("organization_id", "entities.Organization", "code"),
        # Country names from a constant: a lookup per participant in the small table is a sequential scan.
        "actor_name": f"coalesce({_literal(json.dumps(_country_names()))}::jsonb ->> p.country_id,"
        f" {_looked_up('person_id', 'entities.Person', 'name')},"
        f" {_looked_up('organization_id', 'entities.Organization', 'name')},"
        f" {_looked_up('vessel_id', 'entities.Vessel', vessel_name)})",
        # entities.selectors.sanctions_for_participants: distinct list names of active linked matches, sorted.
        "sanctions_lists": "CASE WHEN p.country_id IS NULL THEN (SELECT string_agg(to_json(name)::text, ', ')"
        f' FROM (SELECT DISTINCT s.list_name COLLATE "C" AS name FROM {matches} m'
        f" JOIN {entries} s ON s.id = m.entry_id WHERE m.state IN ({states}) AND s.delisted_on IS NULL"
        " AND (m.person_id = p.person_id OR m.organization_id = p.organization_id OR m.vessel_id = p.vessel_id)"
        " ORDER BY 1) names) END",
    }


def _participant_aggregates(aggregates: dict[str, str]) -> str:
    """LATERAL subquery aggregating the event's participants, which it reads in the order api.export_rows
    does (role, id): PostgreSQL aggregates a sorted subquery in its order, with no sort per aggregate."""
    from events.models import Participant

    columns = ", ".join(f"{sql} AS {name}" for name, sql in _participant_columns().items())
    selected = ", ".join(f"{sql} AS {name}" for name, sql in aggregates.items())
    return (
        f"LEFT JOIN LATERAL (SELECT {selected} FROM (SELECT {columns} FROM {Participant._meta.db_table} p"
        f" WHERE p.event_id = e.id ORDER BY p.role, p.id) p) pa ON true"
    )


def _joined(column: str) -> str:
    return f"coalesce(string_agg(p.{column}, ';'), '')"


# --- CSV (api.exports.csv_row) ---------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    sql: str
    text: bool = True  # free text: formula guard and quoting; otherwise codes, numbers and dates that need neither


def _csv_cells(page_prefix: str) -> tuple[dict[str, Cell], dict[str, str]]:
    """The cells by CSV column, and the participant aggregates they read (as pa.<name>)."""
    aggregates = {
        f"{role}_countries": f"string_agg(p.country_id, ';') FILTER (WHERE p.role = {_literal(role)})"
        for role in COUNTRY_ROLES
    }
    aggregates |= {"people": _joined("person_name"), "organizations": _joined("organization_name")}
    cells = {
        "id": Cell("e.id::text", text=False),
        "type": Cell("e.event_type", text=False),
        "status": Cell("e.review_status", text=False),
        "certainty": Cell("e.certainty", text=False),
        "date": Cell("coalesce(e.event_date::text, '')", text=False),
        "date_precision": Cell("e.date_precision", text=False),
        "summary": Cell("e.summary"),
        "items": Cell(ITEMS_TEXT),
        "quantity": Cell("e.quantity"),
        **{name: Cell(f"coalesce(pa.{name}, '')", text=False) for name in aggregates if name.endswith("_countries")},
        "people": Cell("pa.people"),
        "organizations": Cell("pa.organizations"),
        "source_count": Cell("e.source_count::text", text=False),
        "source_urls": Cell(f"coalesce({_public_urls()}, '')"),
        "reviewed_at": Cell(f"coalesce({_iso_datetime('e.reviewed_at', 'UTC', '+00:00')}, '')", text=False),
        "page_url": Cell(f"{_literal(page_prefix)} || e.id || '/'", text=False),
    }
    return cells, aggregates


def _csv_text(column: str) -> str:
    """api.exports.safe_cell (a leading formula character gets a quote), then csv's minimal quoting
    (the guard's quote never needs quoting: the test reads the cell as it is)."""
    guarded = f"(CASE WHEN {column} ~ '^[-=+@\\t\\r]' THEN '''' || {column} ELSE {column} END)"
    return (
        f"(CASE WHEN {column} ~ '[\",\\r\\n]' THEN '\"' || replace({guarded}, '\"', '\"\"') || '\"' ELSE {guarded} END)"
    )


def _csv_line(columns: list[str], page_prefix: str) -> tuple[list[str], str, str]:
    cells, aggregates = _csv_cells(page_prefix)
    values = [cells[name].sql for name in columns]
    line = " || ',' || ".join(_csv_text(f"c{n}") if cells[name].text else f"c{n}" for n, name in enumerate(columns))
    return values, line + " || E'\\r\\n'", _participant_aggregates(aggregates)


# --- JSON Lines (api.exports.event_json) -----------------------------------------------------------

PARTICIPANT_JSON = _json_object(
    [
        ("role", _json("p.role")),
        ("kind", "'\"' || p.kind || '\"'"),
        ("name", _json("p.actor_name")),
        ("country", _json("p.country_id")),
        ("person_id", _json("p.person_id")),
        ("organization_id", _json("p.organization_id")),
        ("organization_code", _json("p.organization_code")),
        ("capacity", _json("p.capacity")),
        ("stance", _json("p.stance")),
        ("official_country", _json("p.official_country_id")),
        ("sanctioned", "CASE WHEN p.sanctions_lists IS NULL THEN 'false' ELSE 'true' END"),
        ("sanctions_lists", "'[' || coalesce(p.sanctions_lists, '') || ']'"),
    ]
)


def _json_line(page_prefix: str) -> tuple[list[str], str, str]:
    fields = [
        ("id", "e.id::text"),
        ("type", _json("e.event_type")),
        ("status", _json("e.review_status")),
        ("certainty", _json("e.certainty")),
        ("date", _json("e.event_date")),
        ("date_precision", _json("e.date_precision")),
        ("summary", _json("e.summary")),
        ("items", "e.items::text"),
        ("quantity", _json("e.quantity")),
        ("confidence", _json_float("e.confidence")),
        ("source_count", "e.source_count::text"),
        ("reviewed_at", _json(_iso_datetime("e.reviewed_at", settings.TIME_ZONE, "Z"))),
        ("page_url", f"to_json({_literal(page_prefix)} || e.id || '/')::text"),
        ("participants", "coalesce(pa.participants, '[]')"),
    ]
    aggregates = {"participants": f"'[' || string_agg({PARTICIPANT_JSON}, ', ') || ']'"}
    return (
        [sql for _, sql in fields],
        _json_object([(key, f"c{n}") for n, (key, _) in enumerate(fields)]) + " || E'\\n'",
        _participant_aggregates(aggregates),
    )


# --- the query ------------------------------------------------------------------------------------


def lines_sql(events: QuerySet, export_format: str, columns: list[str], page_prefix: str) -> tuple[str, list]:
    """The query giving the export's lines (with their line endings) for the searched events, newest first."""
    picked = events.order_by(*EVENT_ORDERINGS["date"]).values_list(*EVENT_FIELDS)
    picked_sql, params = picked.query.sql_with_params()
    if export_format == "csv":
        values, line, participants = _csv_line(columns, page_prefix)
    else:
        values, line, participants = _json_line(page_prefix)
    per_event = ", ".join(f"{sql} AS c{n}" for n, sql in enumerate(values))
    # OFFSET 0 keeps the cells a subquery of their own, computed once though the line reads each several
    # times; its ORDER BY is the picked events' own order (no second sort), which the line scan keeps.
    sql = (
        f"SELECT {line} FROM (SELECT {per_event} FROM ({picked_sql}) AS e({', '.join(EVENT_COLUMNS)})"
        f" {participants} ORDER BY e.sort_date DESC, e.id DESC OFFSET 0) cells"
    )
    return sql, list(params)


def postgres_lines(events: QuerySet, export_format: str, columns: list[str], page_prefix: str) -> Iterator[str]:
    """The export's text, LINES_PER_PIECE lines at a time, streamed by COPY … TO STDOUT.

    COPY rather than a server-side cursor: the database may plan it in parallel and keeps writing
    while the lines are sent on (a cursor waits for each fetch). Binary format, so the lines arrive
    as they are, with no COPY escaping to undo. A client leaving mid-download cancels the COPY.
    """
    sql, params = lines_sql(events, export_format, columns, page_prefix)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT binary)", params) as copy:
        copy.set_types(["text"])
        piece: list[str] = []
        for (line,) in copy.rows():
            piece.append(line)
            if len(piece) == LINES_PER_PIECE:
                yield "".join(piece)
                piece = []
        if piece:
            yield "".join(piece)


# --- FtM: event rows with their participants and evidence, one COPY ----------------------------------
# FtM entities are built in Python (api.ftm, through the followthemoney library's types); the rows
# they are built from come here as they do from api.export_rows, in one streamed query instead of
# three per chunk.

# As api.export_rows.EVENT_FIELDS; dates and times as ISO text in the row's JSON array.
FTM_EVENT_COLUMNS = (
    "e.id", "e.event_type", "e.review_status", "e.certainty", "e.event_date", "e.date_precision", "e.summary",
    "e.items", "e.quantity", "e.confidence", "e.source_count", "e.reviewed_at",
)  # fmt: skip


def _ftm_participants() -> str:
    """The event's participants as a JSON array of arrays, in api.export_rows' order (role, id)."""
    from events.models import Participant

    person = _looked_up("person_id", "entities.Person", "json_build_array(name, aliases, nationality_id)")
    organization = _looked_up(
        "organization_id", "entities.Organization", "json_build_array(name, aliases, kind, code, country_id)"
    )
    vessel = _looked_up("vessel_id", "entities.Vessel", "json_build_array(name, imo, flag_id)")
    return (
        f"(SELECT json_agg(json_build_array(id, role, country_id, person_id, person, organization_id, organization,"
        f" vessel_id, vessel, capacity, stance, official_country_id)) FROM (SELECT p.id, p.role, p.country_id,"
        f" p.person_id, {person} AS person, p.organization_id, {organization} AS organization, p.vessel_id,"
        f" {vessel} AS vessel, p.capacity, p.stance, p.official_country_id"
        f" FROM {Participant._meta.db_table} p WHERE p.event_id = e.id ORDER BY p.role, p.id) p)"
    )


def _ftm_evidence() -> str:
    """The event's public evidence with its articles, as a JSON array of arrays, in api.export_rows' order."""
    from events.models import Article

    accepted = _literal(Evidence.ReviewState.ACCEPTED)
    return (
        f"(SELECT json_agg(json_build_array(ev.id, ev.sentence, ev.start_char, ev.end_char, a.id, a.title, a.url,"
        f" a.publisher, a.published, a.language)) FROM (SELECT * FROM {Evidence._meta.db_table} ev"
        f" WHERE ev.event_id = e.id AND ev.review_state = {accepted} ORDER BY ev.article_id, ev.start_char) ev"
        f" JOIN LATERAL (SELECT * FROM {Article._meta.db_table} a WHERE a.id = ev.article_id) a ON true)"
    )


def ftm_rows_sql(events: QuerySet) -> tuple[str, list]:
    """One JSON array per event: its columns, then its participants and evidence (arrays of arrays)."""
    picked = events.order_by(*EVENT_ORDERINGS["date"]).values_list(*EVENT_FIELDS)
    picked_sql, params = picked.query.sql_with_params()
    columns = ", ".join([*FTM_EVENT_COLUMNS, _ftm_participants(), _ftm_evidence()])
    sql = (
        f"SELECT json_build_array({columns})::text FROM ({picked_sql}) AS e({', '.join(EVENT_COLUMNS)})"
        f" ORDER BY e.sort_date DESC, e.id DESC"
    )
    return sql, list(params)


def postgres_ftm_rows(events: QuerySet) -> Iterator[list]:
    """[event columns…, participants, evidence] per event, newest first, streamed by COPY: one JSON
    text a row, decoded in one call."""
    sql, params = ftm_rows_sql(events)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT binary)", params) as copy:
        copy.set_types(["text"])
        for (row,) in copy.rows():
            yield json.loads(row)
