"""CSV and JSON Lines export lines written by PostgreSQL itself.

On PostgreSQL an export is one query: each event's participants, sanctions lists and public
evidence are aggregated in LATERAL subqueries, and the whole output line (CSV cells escaped and
quoted as Python's csv module does, or the JSON object exactly as json.dumps writes it) is built
in SQL. Python only joins the lines of a server-side cursor, so an export runs near the speed of
COPY. The portable path (api.export_rows + api.exports renderers, used on SQLite) writes the
same bytes; tests compare the two on awkward data.

A column is one entry in CSV_CELLS or JSON_FIELDS below, with its twin in api.exports.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet

from entities.models import SanctionsMatch
from events.models import Evidence, Role
from events.public_search import EVENT_ORDERINGS

LINES_PER_FETCH = 5000
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
    return f"(CASE WHEN {expression} = trunc({expression}) THEN trunc({expression})::bigint || '.0' ELSE {expression}::text END)"  # noqa: E501


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
    return (
        f"CASE WHEN {column} IS NULL THEN NULL ELSE to_char({local}, 'YYYY-MM-DD\"T\"HH24:MI:SS')"
        f" || CASE WHEN to_char({local}, 'US') = '000000' THEN '' ELSE to_char({local}, '.US') END"
        f" || CASE WHEN {offset} = 0 THEN {_literal(utc_suffix)}"
        f" ELSE CASE WHEN {offset} < 0 THEN '-' ELSE '+' END || lpad((abs({offset}) / 60)::text, 2, '0')"
        f" || ':' || lpad(mod(abs({offset}), 60)::text, 2, '0') END END"
    )


# Python's str() of each JSON item, joined with ';' (api.exports.csv_row): strings bare, True/None capitalised.
ITEMS_TEXT = """coalesce(CASE jsonb_typeof(e.items) WHEN 'array' THEN (
    SELECT string_agg(CASE jsonb_typeof(item) WHEN 'string' THEN item #>> '{}' WHEN 'boolean' THEN initcap(item::text)
                      WHEN 'null' THEN 'None' ELSE item::text END, ';' ORDER BY n)
      FROM jsonb_array_elements(e.items) WITH ORDINALITY AS element(item, n)) END, '')"""

ACTOR_NAME = (
    "coalesce(c.name, pe.name, o.name,"
    " CASE WHEN v.imo <> '' THEN v.name || ' (IMO ' || v.imo || ')' ELSE v.name END)"
)
ACTOR_KIND = (
    "CASE WHEN p.country_id IS NOT NULL THEN 'country' WHEN p.person_id IS NOT NULL THEN 'person'"
    " WHEN p.organization_id IS NOT NULL THEN 'organization' ELSE 'vessel' END"
)


def _public_urls() -> str:
    """Distinct URLs of the event's public evidence, sorted as Python sorts strings (by code point)."""
    from events.models import Article

    accepted = _literal(Evidence.ReviewState.ACCEPTED)
    return (
        f"(SELECT string_agg(url, ' ' ORDER BY url) FROM (SELECT DISTINCT a.url COLLATE \"C\" AS url"
        f" FROM {Evidence._meta.db_table} ev JOIN {Article._meta.db_table} a ON a.id = ev.article_id"
        f" WHERE ev.event_id = e.id AND ev.review_state = {accepted} AND a.url <> '') urls)"
    )


# --- participants, aggregated per event -------------------------------------------------------------

PARTICIPANT_ORDER = "p.role, p.id"  # as api.export_rows reads them


def _participant_aggregates(fields: dict[str, str]) -> str:
    """LATERAL subquery over the event's participants (with their actors and, as `sl`, sanctions lists)."""
    from entities.models import Country, Organization, Person, Vessel
    from events.models import Participant

    matches, entries = SanctionsMatch._meta.db_table, SanctionsMatch.entry.field.related_model._meta.db_table
    states = ", ".join(_literal(state) for state in SanctionsMatch.LINKED_STATES)
    # entities.selectors.sanctions_for_participants: distinct list names of active linked matches, sorted.
    sanctions = (
        f"LEFT JOIN LATERAL (SELECT string_agg(to_json(name)::text, ', ' ORDER BY name) AS lists FROM"
        f" (SELECT DISTINCT s.list_name COLLATE \"C\" AS name FROM {matches} m JOIN {entries} s ON s.id = m.entry_id"
        f"  WHERE p.country_id IS NULL AND m.state IN ({states}) AND s.delisted_on IS NULL"
        f"  AND (m.person_id = p.person_id OR m.organization_id = p.organization_id OR m.vessel_id = p.vessel_id)"
        f" ) names) sl ON true"
    )
    selected = ", ".join(f"{sql} AS {name}" for name, sql in fields.items())
    return (
        f"LEFT JOIN LATERAL (SELECT {selected} FROM {Participant._meta.db_table} p"
        f" LEFT JOIN {Country._meta.db_table} c ON c.iso3 = p.country_id"
        f" LEFT JOIN {Person._meta.db_table} pe ON pe.id = p.person_id"
        f" LEFT JOIN {Organization._meta.db_table} o ON o.id = p.organization_id"
        f" LEFT JOIN {Vessel._meta.db_table} v ON v.id = p.vessel_id"
        f" {sanctions if 'sl.' in selected else ''}"
        f" WHERE p.event_id = e.id) pa ON true"
    )


def _joined(expression: str, separator: str = ";") -> str:
    return f"coalesce(string_agg({expression}, {_literal(separator)} ORDER BY {PARTICIPANT_ORDER}), '')"


# --- CSV (api.exports.csv_row) ---------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    sql: str
    text: bool = True  # free text: formula guard and quoting; otherwise codes, numbers and dates that need neither


def _csv_cells(page_prefix: str) -> tuple[dict[str, Cell], dict[str, str]]:
    """The cells by CSV column, and the participant aggregates they read (as pa.<name>)."""
    aggregates = {f"{role}_countries": f"string_agg(p.country_id, ';' ORDER BY p.id) FILTER (WHERE p.role = {_literal(role)})" for role in Role.values}  # noqa: E501
    aggregates |= {"people": _joined("pe.name"), "organizations": _joined("o.name")}
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
    """api.exports.safe_cell (a leading formula character gets a quote), then csv's minimal quoting."""
    guarded = (
        f"(CASE WHEN left({column}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || {column} ELSE {column} END)"
    )
    return f"(CASE WHEN {guarded} ~ '[\",\\r\\n]' THEN '\"' || replace({guarded}, '\"', '\"\"') || '\"' ELSE {guarded} END)"  # noqa: E501


def _csv_line(columns: list[str], page_prefix: str) -> tuple[list[str], str, str]:
    cells, aggregates = _csv_cells(page_prefix)
    values = [cells[name].sql for name in columns]
    line = " || ',' || ".join(_csv_text(f"c{n}") if cells[name].text else f"c{n}" for n, name in enumerate(columns))
    return values, line + " || E'\\r\\n'", _participant_aggregates(aggregates)


# --- JSON Lines (api.exports.event_json) -----------------------------------------------------------

PARTICIPANT_JSON = _json_object(
    [
        ("role", _json("p.role")),
        ("kind", f"'\"' || {ACTOR_KIND} || '\"'"),
        ("name", _json(ACTOR_NAME)),
        ("country", _json("p.country_id")),
        ("person_id", _json("p.person_id")),
        ("organization_id", _json("p.organization_id")),
        ("organization_code", _json("o.code")),
        ("sanctioned", "CASE WHEN sl.lists IS NULL THEN 'false' ELSE 'true' END"),
        ("sanctions_lists", "'[' || coalesce(sl.lists, '') || ']'"),
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
    aggregates = {"participants": f"'[' || string_agg({PARTICIPANT_JSON}, ', ' ORDER BY {PARTICIPANT_ORDER}) || ']'"}
    return [sql for _, sql in fields], _json_object([(key, f"c{n}") for n, (key, _) in enumerate(fields)]) + " || E'\\n'", _participant_aggregates(aggregates)  # noqa: E501


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
    # OFFSET 0 keeps the cells a subquery of their own: the line reads each several times, computed once.
    sql = (
        f"SELECT {line} FROM (SELECT e.sort_date, e.id, {per_event}"
        f" FROM ({picked_sql}) AS e({', '.join(EVENT_COLUMNS)}) {participants} OFFSET 0) cells"
        f" ORDER BY sort_date DESC, id DESC"
    )
    return sql, list(params)


def postgres_lines(events: QuerySet, export_format: str, columns: list[str], page_prefix: str) -> Iterator[str]:
    """The export's text, a fetch of lines at a time from a server-side cursor."""
    sql, params = lines_sql(events, export_format, columns, page_prefix)
    # Inside a transaction the server-side cursor streams (outside one PostgreSQL would materialise
    # it first, WITH HOLD); read-only, so a client leaving mid-download just rolls it back.
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Planned for all its rows, not the first 10% (a country's export would walk the date index).
            cursor.execute("SET LOCAL cursor_tuple_fraction = 1.0")
        with connection.chunked_cursor() as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(LINES_PER_FETCH):
                yield "".join([row[0] for row in rows])
