"""Slips and movements across the portfolio's history.

Views over the recorded versions of each plan, not standards (`close-date`
and `sales-cycle` judge today's plan; these show how it got there):

- a deal **slipped** when its close date moved later (counted each time, with
  the days it moved in all);
- a deal **shrank** when its amount went down (in the plan's currency);
- a deal **disappeared** when a version of the plan no longer lists it and its
  last stage was neither won nor lost;
- a COS **went backwards** when its status moved down the ladder
  draft → at-risk → agreed → met (dropping a COS is a decision, not a slip).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from generator.history.record import CommitRecord, Snapshot
from generator.history.timeline import History
from generator.model import CLOSED_STAGES

COS_LADDER: Mapping[str, int] = {"draft": 0, "at-risk": 1, "agreed": 2, "met": 3}


@dataclass(frozen=True)
class Move:
    """One change to a deal or COS: when, by whom, from what to what."""

    day: dt.date
    author: str
    commit: str
    old: str
    new: str


@dataclass
class Slip:
    """A deal whose close date moved later, once or more."""

    account: str
    opportunity: str
    name: str
    moves: list[Move] = field(default_factory=list)

    @property
    def times(self) -> int:
        return len(self.moves)

    @property
    def days(self) -> int:
        return sum((dt.date.fromisoformat(m.new) - dt.date.fromisoformat(m.old)).days
                   for m in self.moves)

    @property
    def first_close(self) -> str:
        return self.moves[0].old

    @property
    def close(self) -> str:
        return self.moves[-1].new


@dataclass
class Shrink:
    """A deal whose amount went down, once or more (plan currency)."""

    account: str
    opportunity: str
    name: str
    currency: str
    moves: list[Move] = field(default_factory=list)

    @property
    def first_amount(self) -> Decimal:
        return Decimal(self.moves[0].old)

    @property
    def amount(self) -> Decimal:
        return Decimal(self.moves[-1].new)

    @property
    def shrunk_by(self) -> Decimal:
        return sum((Decimal(m.old) - Decimal(m.new) for m in self.moves), Decimal(0))


@dataclass(frozen=True)
class Disappeared:
    """An open deal that a later version of the plan no longer lists."""

    account: str
    opportunity: str
    name: str
    stage: str
    amount: str
    currency: str
    day: dt.date
    author: str
    commit: str


@dataclass(frozen=True)
class CosBackwards:
    """A COS whose status moved down the ladder."""

    account: str
    cos: str
    move: Move


@dataclass(frozen=True)
class Movements:
    slips: tuple[Slip, ...]
    shrinks: tuple[Shrink, ...]
    disappeared: tuple[Disappeared, ...]
    cos_backwards: tuple[CosBackwards, ...]


def _versions(history: History, account: str) -> list[tuple[CommitRecord, Snapshot]]:
    return [(record, change.snapshot) for record, change in history.versions(account)
            if change.snapshot is not None and change.snapshot.valid]


def movements(history: History) -> Movements:
    """Every slip, shrink, disappearance and COS step back, by account then item."""
    slips: list[Slip] = []
    shrinks: list[Shrink] = []
    disappeared: list[Disappeared] = []
    backwards: list[CosBackwards] = []
    for account in history.accounts():
        account_slips: dict[str, Slip] = {}
        account_shrinks: dict[str, Shrink] = {}
        before: Snapshot | None = None
        for record, now in _versions(history, account):
            if before is not None:
                _deals(account, before, now, record, account_slips, account_shrinks,
                       disappeared)
                for cos_id, status in (now.cos or {}).items():
                    old = (before.cos or {}).get(cos_id, "")
                    if (old in COS_LADDER and status in COS_LADDER
                            and COS_LADDER[status] < COS_LADDER[old]):
                        backwards.append(CosBackwards(account, cos_id,
                                                      _move(record, old, status)))
            before = now
        slips += account_slips.values()
        shrinks += account_shrinks.values()
    return Movements(tuple(slips), tuple(shrinks), tuple(disappeared), tuple(backwards))


def _move(record: CommitRecord, old: str, new: str) -> Move:
    return Move(record.day, record.author, record.sha, old, new)


def _deals(account: str, before: Snapshot, now: Snapshot, record: CommitRecord,
           slips: dict[str, Slip], shrinks: dict[str, Shrink],
           disappeared: list[Disappeared]) -> None:
    old_deals, new_deals = before.opportunities or {}, now.opportunities or {}
    for deal_id, deal in new_deals.items():
        old = old_deals.get(deal_id)
        if old is None:
            continue
        if dt.date.fromisoformat(deal["close"]) > dt.date.fromisoformat(old["close"]):
            slips.setdefault(deal_id, Slip(account, deal_id, deal["name"])).moves.append(
                _move(record, old["close"], deal["close"]))
        if Decimal(deal["amount"]) < Decimal(old["amount"]):
            shrinks.setdefault(deal_id, Shrink(account, deal_id, deal["name"],
                                               now.currency or "")).moves.append(
                _move(record, old["amount"], deal["amount"]))
    for deal_id, old in old_deals.items():
        if deal_id not in new_deals and old["stage"] not in CLOSED_STAGES:
            disappeared.append(Disappeared(account, deal_id, old["name"], old["stage"],
                                           old["amount"], before.currency or "",
                                           record.day, record.author, record.sha))
