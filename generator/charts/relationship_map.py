"""Relationship map: who is who at the customer, and who of ours knows them.

Stakeholders sit in rows by level (executive at the top, technical at the
bottom); arrows run from a stakeholder to the person they report to. Each
node names the person (and their local name), our contact, and their stance
and relationship in words; the stance also sets the node's colour, so colour
is never the only carrier of meaning. The `exec-relationships` standard is
about the top rows of this picture.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.charts import svg
from generator.charts.figure import Chart
from generator.model import Plan, Stakeholder

LEVELS = ("executive", "cio", "lob-director", "director", "manager", "technical")
LEVEL_NAMES = {
    "executive": "Executive", "cio": "CIO", "lob-director": "LOB director",
    "director": "Director", "manager": "Manager", "technical": "Technical",
}
STANCES = {
    "champion": (svg.GREEN, "pb-stance-champion"),
    "supporter": (svg.TEAL, "pb-stance-supporter"),
    "neutral": (svg.GREY, "pb-stance-neutral"),
    "skeptic": (svg.ORANGE, "pb-stance-skeptic"),
    "blocker": (svg.RED, "pb-stance-blocker"),
}
GUTTER = 96.0
ROW_HEIGHT = 84.0
NODE_HEIGHT = 54.0
GAP = 16.0
MARGIN = 12.0
#: wider lines wrap: the page scales a wider picture down until its text is too small
MAX_LINE_WIDTH = 720.0


@dataclass(frozen=True)
class _Node:
    person: Stakeholder
    lines: tuple[str, str, str]
    width: float
    x: float
    y: float

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


def relationship_map(plan: Plan) -> Chart | None:
    """The stakeholder map for one account; None when the plan names no stakeholders."""
    people = plan.stakeholders
    if not people:
        return None
    chart_id = svg.element_id("relationships")  # one per page
    line_labels, nodes, widest = _layout(people)
    legend_y = MARGIN + len(line_labels) * ROW_HEIGHT + 4
    legend, legend_right = _legend(legend_y)
    body = [_arrow_marker(chart_id), _level_names(line_labels),
            _reporting_arrows(list(nodes.values()), chart_id),
            *(_draw_node(node) for node in nodes.values()), *legend]
    levels = [level for level in line_labels if level is not None]
    document = svg.svg_document(chart_id, max(GUTTER + widest + MARGIN, legend_right),
                                legend_y + 12, f"{plan.account.name}: relationship map",
                                _description(people, levels), body, "pb-relationship-map")
    return Chart(document, _caption(people, levels))


def _arrow_marker(chart_id: str) -> str:
    """The arrowhead the reporting lines end with."""
    return (f'<defs><marker id="{chart_id}-arrow" viewBox="0 0 8 8" refX="8" refY="4" '
            'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            '<path d="M0,0L8,4L0,8z" fill="currentColor"/></marker></defs>')


def _level_names(line_labels: list[str | None]) -> str:
    """The level's name at the left of its first line."""
    return svg.group((svg.label(MARGIN, MARGIN + index * ROW_HEIGHT + NODE_HEIGHT / 2 + 4,
                                LEVEL_NAMES.get(level, "Other"))
                      for index, level in enumerate(line_labels) if level is not None),
                     weight="bold", size=11)


def _reporting_arrows(nodes: list[_Node], chart_id: str) -> str:
    """An arrow from each stakeholder to the one they report to, when both are drawn.

    The arrows share their stroke and arrowhead, set once on their group (SVG
    inherits both).
    """
    by_name = {node.person.name: node for node in nodes}
    arrows = []
    for node in nodes:
        manager = by_name.get(node.person.reports_to or "")
        if manager is not None and manager is not node:
            arrows.append(_arrow(node, manager, nodes))
    if not arrows:
        return ""
    return ('<g class="pb-reports-to" fill="none" stroke="currentColor" stroke-opacity="0.6" '
            f'stroke-width="1.5" marker-end="url(#{chart_id}-arrow)">{"".join(arrows)}</g>')


def _legend(top: float) -> tuple[list[str], float]:
    """The stance swatches and the arrow's meaning; and the right edge they reach."""
    parts = []
    x = MARGIN
    for stance, (fill, css) in STANCES.items():
        parts.append(svg.swatch(x, top, fill, css, stance))
        x += 24 + svg.text_width(stance)
    parts.append(svg.label(x + 8, top, "arrow: reports to", size=11))
    x += 8 + svg.text_width("arrow: reports to", 11)
    return parts, x + MARGIN


def _description(people: tuple[Stakeholder, ...], levels: list[str]) -> str:
    """The chart's text alternative: every stakeholder, top level first."""
    return "Stakeholders by level. " + " ".join(
        _describe(p) for level in levels for p in people if _row_of(p) == level)


def _caption(people: tuple[Stakeholder, ...], levels: list[str]) -> str:
    champions = sum(1 for p in people if p.stance == "champion")
    covered = sum(1 for p in people if p.our_contact)
    return (f"{len(people)} stakeholders across {len(levels)} levels; "
            f"{champions} champion{'s' if champions != 1 else ''}; "
            f"{covered} with a named contact of ours.")


Placed = tuple[int, tuple[str, str, str], float]  # stakeholder index, node text, node width


def _layout(people: tuple[Stakeholder, ...]
            ) -> tuple[list[str | None], dict[int, _Node], float]:
    """Place every node: a line per level, wrapped onto more lines when a level is crowded.

    Returns each line's level (None on a level's continuation lines), the nodes
    by stakeholder index, and the widest line's width.
    """
    nodes: dict[int, _Node] = {}
    lines: list[list[Placed]] = []
    labels: list[str | None] = []
    for level in _levels_present(people):
        members = [i for i, p in enumerate(people) if _row_of(p) == level]
        # Place people under the person they report to, to keep arrows short.
        members.sort(key=lambda i: (_parent_x(people[i], people, nodes), i))
        first_line = len(lines)
        lines += _wrap(members, people)
        labels += [level] + [None] * (len(lines) - first_line - 1)
        # Provisional places, so the next level can sort by its managers' positions.
        for line_index in range(first_line, len(lines)):
            _place(lines[line_index], line_index, GUTTER, people, nodes)
    widest = max(_line_width(line) for line in lines)
    # Centre each line in the space right of the level names.
    for line_index, line in enumerate(lines):
        _place(line, line_index, GUTTER + (widest - _line_width(line)) / 2, people, nodes)
    return labels, nodes, widest


def _levels_present(people: tuple[Stakeholder, ...]) -> list[str]:
    """The levels with someone in them, top first; "other" last for unknown levels."""
    levels = [level for level in LEVELS if any(p.level == level for p in people)]
    if any(p.level not in LEVELS for p in people):
        levels.append("other")
    return levels


def _wrap(members: list[int], people: tuple[Stakeholder, ...]) -> list[list[Placed]]:
    """One level's nodes as lines no wider than MAX_LINE_WIDTH.

    A crowded level wraps, so the picture never shrinks to unreadable text.
    """
    lines: list[list[Placed]] = []
    current: list[Placed] = []
    for index in members:
        text = _node_lines(people[index])
        node_width = max(svg.text_width(text[0], 12) * 1.08, svg.text_width(text[1], 11),
                         svg.text_width(text[2], 11), 96.0) + 16
        if current and _line_width([*current, (index, text, node_width)]) > MAX_LINE_WIDTH:
            lines.append(current)
            current = []
        current.append((index, text, node_width))
    lines.append(current)
    return lines


def _line_width(line: list[Placed]) -> float:
    return sum(width for _, _, width in line) + GAP * (len(line) - 1)


def _place(line: list[Placed], line_index: int, x: float, people: tuple[Stakeholder, ...],
           nodes: dict[int, _Node]) -> None:
    for index, text, node_width in line:
        nodes[index] = _Node(people[index], text, node_width, x, MARGIN + line_index * ROW_HEIGHT)
        x += node_width + GAP


def _row_of(person: Stakeholder) -> str:
    return person.level if person.level in LEVELS else "other"


def _parent_x(person: Stakeholder, people: tuple[Stakeholder, ...],
              nodes: dict[int, _Node]) -> float:
    for index, other in enumerate(people):
        if other.name == person.reports_to and index in nodes:
            return nodes[index].centre
    return float("inf")


def _node_lines(person: Stakeholder) -> tuple[str, str, str]:
    name = f"{person.name} ({person.local_name})" if person.local_name else person.name
    contact = f"our contact: {person.our_contact}" if person.our_contact else "our contact: none"
    mood = " · ".join(v for v in (person.stance, person.relationship) if v) or "stance not given"
    return name, contact, mood


def _draw_node(node: _Node) -> str:
    fill, css = STANCES.get(node.person.stance or "", ("none", "pb-stance-none"))
    dash = "" if node.person.stance else ' stroke-dasharray="4 3"'
    stroke = fill if node.person.stance else "currentColor"
    tooltip = ", ".join(v for v in (node.person.title, node.person.business_unit) if v)
    return (
        f'<g class="pb-node"><title>{svg.text(tooltip)}</title>'
        # An opaque backing in the page colour: the tint stays light and arrows
        # that pass behind a node do not show through its text.
        f'<rect x="{svg.num(node.x)}" y="{svg.num(node.y)}" width="{svg.num(node.width)}" '
        f'height="{svg.num(NODE_HEIGHT)}" rx="6" '
        'style="fill: var(--md-default-bg-color, Canvas)"/>'
        f'<rect class="{css}" x="{svg.num(node.x)}" y="{svg.num(node.y)}" '
        f'width="{svg.num(node.width)}" height="{svg.num(NODE_HEIGHT)}" rx="6" '
        f'fill="{fill}" fill-opacity="0.22" stroke="{stroke}" stroke-width="2"{dash}/>'
        + svg.label(node.x + 8, node.y + 17, node.lines[0], weight="bold")
        + svg.group([svg.label(node.x + 8, node.y + 33, node.lines[1]),
                     svg.label(node.x + 8, node.y + 47, node.lines[2])], size=11)
        + "</g>"
    )


def _arrow(child: _Node, manager: _Node, nodes: list[_Node]) -> str:
    """An elbow connector from a stakeholder to their manager, kept out of other nodes.

    It leaves the child vertically, runs along the free channel between rows,
    and, when rows lie in between, climbs in a gap that no node of those rows
    covers, so an arrow never seems to end at someone it passes.
    """
    channel = (ROW_HEIGHT - NODE_HEIGHT) / 2
    if manager.y == child.y:
        lift = child.y - channel * 0.6
        points = [(child.centre, child.y), (child.centre, lift), (manager.centre, lift),
                  (manager.centre, manager.y)]
        return _polyline(points)
    upward = manager.y < child.y
    start_y = child.y if upward else child.y + NODE_HEIGHT
    end_y = manager.y + NODE_HEIGHT if upward else manager.y
    leave_y = start_y - channel if upward else start_y + channel
    enter_y = end_y + channel if upward else end_y - channel
    low, high = sorted((manager.y, child.y))
    between = [n for n in nodes if low < n.y < high]
    points = [(child.centre, start_y), (child.centre, leave_y)]
    if between:
        climb_x = _free_x(between, child.centre, manager.centre)
        points += [(climb_x, leave_y), (climb_x, enter_y)]
    points += [(manager.centre, enter_y), (manager.centre, end_y)]
    return _polyline(points)


def _free_x(between: list[_Node], start: float, end: float) -> float:
    """The x nearest the straight path where no node of the rows in between sits."""
    candidates = [start, end]
    for node in between:
        candidates += [node.x - GAP / 2, node.x + node.width + GAP / 2]

    def blocked(x: float) -> bool:
        return any(n.x - 2 <= x <= n.x + n.width + 2 for n in between)

    free = [x for x in candidates if not blocked(x)]
    return min(free, key=lambda x: abs(x - start) + abs(x - end))


def _polyline(points: list[tuple[float, float]]) -> str:
    path = " ".join(f"{svg.num(x)},{svg.num(y)}" for x, y in points)
    return f'<polyline points="{path}"/>'


def _describe(person: Stakeholder) -> str:
    name = f"{person.name} ({person.local_name})" if person.local_name else person.name
    facts = [person.title, LEVEL_NAMES.get(person.level, person.level)]
    if person.stance:
        facts.append(person.stance)
    if person.relationship:
        facts.append(f"relationship {person.relationship}")
    facts.append(f"our contact {person.our_contact}" if person.our_contact
                 else "no contact of ours")
    if person.reports_to:
        facts.append(f"reports to {person.reports_to}")
    return f"{name}: {', '.join(facts)}."
