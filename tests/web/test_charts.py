"""Chart geometry: what the SVG shows matches the numbers."""

import datetime

import pytest

from events.profiles import ArmsFlow
from tests.entities.factories import country
from web.charts import TYPE_COLOURS, flow_chart, timeline_chart

pytestmark = pytest.mark.django_db


def month(year: int, number: int) -> datetime.date:
    return datetime.date(year, number, 1)


def test_timeline_has_a_slot_for_every_month_and_stacks_types():
    chart = timeline_chart(
        [
            {"month": month(2024, 1), "event_type": "arms_transfer", "events": 4},
            {"month": month(2024, 1), "event_type": "sanctions_imposition", "events": 2},
            {"month": month(2024, 4), "event_type": "arms_transfer", "events": 3},
        ]
    )
    assert [bar.month for bar in chart.bars] == ["2024-01", "2024-01", "2024-04"]
    january_arms, january_sanctions, april = chart.bars
    assert january_sanctions.y + january_sanctions.height == pytest.approx(january_arms.y, abs=0.02)  # stacked
    assert january_arms.height / april.height == pytest.approx(4 / 3, rel=1e-3)  # rounded to 0.01 units
    slot = (april.x - january_arms.x) / 3  # Feb and Mar are empty slots
    assert slot == pytest.approx((chart.plot_right - chart.plot_left) / 4, abs=0.02)
    assert january_sanctions.colour == TYPE_COLOURS["sanctions_imposition"]
    assert chart.y_ticks[-1].label == "6"


def test_timeline_without_dated_events_is_none():
    assert timeline_chart([]) is None


def test_flow_links_grow_with_event_counts():
    flows = [
        ArmsFlow(partner=country("RUS"), partner_role="recipient", events=10, latest=None),
        ArmsFlow(partner=country("SYR"), partner_role="recipient", events=1, latest=None),
        ArmsFlow(partner=country("CHN"), partner_role="supplier", events=5, latest=None),
    ]
    chart = flow_chart(country("PRK"), flows)
    assert [n.iso3 for n in chart.suppliers] == ["CHN"] and [n.iso3 for n in chart.recipients] == ["RUS", "SYR"]
    prk, rus, syr, chn = (country(code).name for code in ("PRK", "RUS", "SYR", "CHN"))
    widths = {link.label.split(":")[0]: link.stroke_width for link in chart.links}
    assert widths[f"{prk} → {rus}"] > widths[f"{chn} → {prk}"] > widths[f"{prk} → {syr}"]
    assert chart.suppliers[0].x < chart.centre.x < chart.recipients[0].x


def test_flow_chart_without_flows_is_none():
    assert flow_chart(country("PRK"), []) is None
