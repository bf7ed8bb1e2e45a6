"""Chart geometry for server-rendered SVG (templates draw it; no JavaScript, no network).

Functions return plain data: positions and sizes in SVG user units, inside a
fixed viewBox that CSS scales to the screen width.
"""

import datetime
import math
from dataclasses import dataclass, field

from entities.models import Country
from events.models import EventType
from events.profiles import ArmsFlow

# Colour-blind-safe (Okabe-Ito); the legend and the data tables carry the same information as text.
TYPE_COLOURS = {
    EventType.ARMS_TRANSFER: "#0072B2",
    EventType.SANCTIONS_VIOLATION: "#D55E00",
    EventType.SANCTIONS_IMPOSITION: "#009E73",
}
MAX_BAR_WIDTH = 36


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    month: str
    event_type: str
    label: str
    events: int


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class TimelineChart:
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)
    plot_left: float = 0
    plot_bottom: float = 0
    plot_right: float = 0


def _months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def timeline_chart(timeline: list[dict], width: int = 720, height: int = 260) -> TimelineChart | None:
    """Stacked bars of events per month by type; None without dated events."""
    if not timeline:
        return None
    counts = {(row["month"].replace(day=1), row["event_type"]): row["events"] for row in timeline}
    months = _months_between(min(month for month, _ in counts), max(month for month, _ in counts))
    left, top, right, bottom = 44.0, 12.0, width - 8.0, height - 40.0
    totals = [sum(counts.get((month, t), 0) for t in TYPE_COLOURS) for month in months]
    scale_max = max(max(totals), 1)
    slot = (right - left) / len(months)
    bar_width = min(max(slot * 0.8, 1), MAX_BAR_WIDTH)
    chart = TimelineChart(width, height, plot_left=left, plot_bottom=bottom, plot_right=right)
    chart.legend = [(EventType(t).label, colour) for t, colour in TYPE_COLOURS.items()]
    for index, month in enumerate(months):
        y = bottom
        for event_type, colour in TYPE_COLOURS.items():
            events = counts.get((month, event_type), 0)
            if not events:
                continue
            bar_height = (bottom - top) * events / scale_max
            y -= bar_height
            label = f"{month:%B %Y}: {events} {EventType(event_type).label} event{'s' if events != 1 else ''}"
            chart.bars.append(
                Bar(
                    x=round(left + index * slot + (slot - bar_width) / 2, 2),
                    y=round(y, 2),
                    width=round(bar_width, 2),
                    height=round(bar_height, 2),
                    colour=colour,
                    month=f"{month:%Y-%m}",
                    event_type=event_type,
                    label=label,
                    events=events,
                )
            )
    every = math.ceil(len(months) / 8)
    chart.x_ticks = [
        Tick(round(left + index * slot + slot / 2, 2), f"{month:%b %Y}")
        for index, month in enumerate(months)
        if index % every == 0
    ]
    steps = sorted({0, math.ceil(scale_max / 2), scale_max})
    chart.y_ticks = [Tick(round(bottom - (bottom - top) * step / scale_max, 2), str(step)) for step in steps]
    return chart


@dataclass
class FlowNode:
    x: float
    y: float
    name: str
    iso3: str
    events: int


@dataclass
class FlowLink:
    path: str
    stroke_width: float
    label: str
    events: int


@dataclass
class FlowChart:
    width: int
    height: int
    centre: FlowNode
    suppliers: list[FlowNode]
    recipients: list[FlowNode]
    links: list[FlowLink]


def flow_chart(country: Country, flows: list[ArmsFlow], per_side: int = 12, width: int = 720) -> FlowChart | None:
    """Suppliers → country → recipients, link widths by number of events; None without flows."""
    suppliers = [f for f in flows if f.partner_role == "supplier"][:per_side]
    recipients = [f for f in flows if f.partner_role == "recipient"][:per_side]
    if not suppliers and not recipients:
        return None
    row, top = 28, 24
    height = top * 2 + row * max(len(suppliers), len(recipients), 1)
    left_x, centre_x, right_x = 170.0, width / 2, width - 170.0
    centre = FlowNode(centre_x, height / 2, country.name, country.iso3, sum(f.events for f in flows))
    most = max(f.events for f in suppliers + recipients)

    def side(side_flows: list[ArmsFlow], x: float) -> list[FlowNode]:
        first = height / 2 - row * (len(side_flows) - 1) / 2
        return [
            FlowNode(x, round(first + i * row, 2), f.partner.name, f.partner.iso3, f.events)
            for i, f in enumerate(side_flows)
        ]

    supplier_nodes, recipient_nodes = side(suppliers, left_x), side(recipients, right_x)
    links = []
    for node, into_centre in [(n, True) for n in supplier_nodes] + [(n, False) for n in recipient_nodes]:
        (x1, y1), (x2, y2) = (node.x, node.y), (centre.x, centre.y)
        if not into_centre:
            (x1, y1), (x2, y2) = (x2, y2), (x1, y1)
        middle = (x1 + x2) / 2
        path = f"M{x1:.1f},{y1:.1f} C{middle:.1f},{y1:.1f} {middle:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
        source, target = (node.name, country.name) if into_centre else (country.name, node.name)
        label = f"{source} → {target}: {node.events} arms transfer{'s' if node.events != 1 else ''}"
        links.append(FlowLink(path, round(2 + 10 * node.events / most, 2), label, node.events))
    return FlowChart(width, height, centre, supplier_nodes, recipient_nodes, links)
