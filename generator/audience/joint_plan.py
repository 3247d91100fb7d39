"""The customer's joint success plan: one self-contained HTML page.

Built only from the plan as the customer may see it (`redact.for_reader`
with the customer audience), so the template cannot reach an internal value
even by mistake; the leak check then proves it on the written bytes. The
page is rendered by an autoescaped Jinja environment: plan text is always
text, never markup.

Where the customer's name has a local form in Han characters, the page is
written for a Chinese reader: Chinese headings with the English beside them,
local names first. A COS shows its status, who agreed it and when; one that
is not agreed reads "proposed", never "agreed".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import jinja2

from generator.audience.policy import Audience, AudiencePolicy
from generator.audience.redact import for_reader
from generator.model import ConditionOfSatisfaction, Plan

TEMPLATE = "joint-plan.html.j2"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: COS statuses that mean the customer has agreed it.
AGREED = frozenset({"agreed", "at-risk", "met"})

#: The page's own words. Keys are stable; `zh` is shown with `en` beside it.
LABELS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "joint_plan": "Joint success plan",
        "prepared": "Prepared on",
        "contents": "Contents",
        "cos": "Conditions of satisfaction",
        "cos_intro": "What each side commits to, and how we will both know it worked.",
        "priority": "Serves the priority",
        "customer_commits": "commits to",
        "we_commit": "commits to",
        "measures": "Success measures",
        "owners": "Owners",
        "agreed_by": "Agreed by",
        "on": "on",
        "date_not_recorded": "date not recorded",
        "priorities": "Your priorities",
        "milestones": "Milestones",
        "actions": "Agreed actions",
        "engagements": "Meetings",
        "date": "Date",
        "what": "What",
        "owner": "Owner",
        "due": "Due",
        "status": "Status",
        "for_cos": "For",
        "with": "With",
        "topic": "Topic",
        "cos_agreed_milestone": "agreed",
        "action_due_milestone": "due",
        "nothing": "Nothing recorded yet.",
        "status.draft": "Proposed, not yet agreed",
        "status.agreed": "Agreed",
        "status.at-risk": "Agreed, at risk",
        "status.met": "Met",
        "status.dropped": "Withdrawn",
        "action.open": "To do",
        "action.done": "Done",
        "action.blocked": "Waiting",
    },
    "zh": {
        "joint_plan": "联合成功计划",
        "prepared": "编制日期",
        "contents": "目录",
        "cos": "满意条件",
        "cos_intro": "双方各自的承诺，以及共同衡量成功的方式。",  # noqa: RUF001
        "priority": "对应的业务重点",
        "customer_commits": "承诺",
        "we_commit": "承诺",
        "measures": "成功衡量标准",
        "owners": "负责人",
        "agreed_by": "确认人",
        "on": "日期",
        "date_not_recorded": "日期未记录",
        "priorities": "贵方业务重点",
        "milestones": "里程碑",
        "actions": "商定的行动",
        "engagements": "会议",
        "date": "日期",
        "what": "事项",
        "owner": "负责人",
        "due": "截止日期",
        "status": "状态",
        "for_cos": "对应",
        "with": "参加人",
        "topic": "主题",
        "cos_agreed_milestone": "确认",
        "action_due_milestone": "截止",
        "nothing": "暂无记录。",
        "status.draft": "提议中，尚未确认",  # noqa: RUF001
        "status.agreed": "已确认",
        "status.at-risk": "已确认，有风险",  # noqa: RUF001
        "status.met": "已达成",
        "status.dropped": "已撤回",
        "action.open": "待办",
        "action.done": "已完成",
        "action.blocked": "等待中",
    },
}


@dataclass(frozen=True)
class Person:
    """Someone named on the joint plan, with their local name and title when shared."""

    name: str
    local_name: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class CosView:
    cos: ConditionOfSatisfaction
    priority: str | None
    customer_owner: Person | None
    our_owner: Person | None
    agreed: bool
    anchor: str


@dataclass(frozen=True)
class Milestone:
    date: dt.date
    text: str
    kind: str
    anchor: str


@dataclass(frozen=True)
class JointPlan:
    """Everything the joint plan page shows, and nothing else."""

    plan: Plan
    customer: str
    customer_local: str | None
    our_company: str
    language: str
    cos: tuple[CosView, ...]
    people: Mapping[str, Person]
    milestones: tuple[Milestone, ...]
    prepared_on: dt.date


def language_of(plan: Plan) -> str:
    """`zh` when the customer's local name is written in Han characters, else `en`."""
    local = plan.account.local_name or ""
    return "zh" if _HAN.search(local) else "en"


def joint_plan(plan: Plan, policy: AudiencePolicy, prepared_on: dt.date) -> JointPlan:
    """The joint plan's content: `plan` as the customer may see it."""
    shared = for_reader(plan, policy, Audience.CUSTOMER)
    people = {s.name: Person(s.name, s.local_name, s.title or None)
              for s in shared.stakeholders if s.name}
    people.update({m.name: Person(m.name, None, m.role or None) for m in shared.team if m.name})
    priorities = {p.id: p.title for p in shared.customer_priorities}
    cos_views = tuple(
        CosView(
            cos=cos,
            priority=priorities.get(cos.priority or ""),
            customer_owner=_person(people, cos.customer_owner),
            our_owner=_person(people, cos.our_owner),
            agreed=cos.status in AGREED,
            anchor=f"cos-{index + 1}",
        )
        for index, cos in enumerate(shared.conditions_of_satisfaction))
    milestones = [Milestone(view.cos.agreed_on, view.cos.title, "cos", view.anchor)
                  for view in cos_views if view.agreed and view.cos.agreed_on]
    milestones += [Milestone(action.due, action.what, "action", f"action-{index + 1}")
                   for index, action in enumerate(shared.actions)]
    return JointPlan(
        plan=shared,
        customer=shared.account.name,
        customer_local=shared.account.local_name,
        our_company=policy.our_company,
        language=language_of(shared),
        cos=cos_views,
        people=people,
        milestones=tuple(sorted(milestones, key=lambda m: (m.date, m.kind, m.text))),
        prepared_on=prepared_on,
    )


def _person(people: Mapping[str, Person], name: str | None) -> Person | None:
    if not name:
        return None
    return people.get(name, Person(name))


@cache
def environment() -> jinja2.Environment:
    """Autoescaped HTML: every value from the plan is escaped on output."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.audience", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["iso"] = lambda value: value.isoformat() if value else ""
    return env


def render_joint_plan(view: JointPlan) -> str:
    """The joint plan as one HTML page, styles inlined (no file, font or script fetched)."""
    labels = LABELS[view.language]
    english = LABELS["en"]

    def label(key: str) -> str:
        return labels[key]

    def label_en(key: str) -> str:
        """The English beside a Chinese heading; empty on an English page."""
        return english[key] if view.language != "en" else ""

    return environment().get_template(TEMPLATE).render(
        view=view, label=label, label_en=label_en, lang="zh-Hans" if view.language == "zh"
        else "en")
