"""What changed in the account plans between two git revisions.

The core is split by job, and nothing here prints:

* `plans` — the structural difference of two versions of one plan's data:
  sections, keyed list items and fields, with old and new values;
* `findings` — which findings a change introduces, fixes or waives;
* `git` — reading plan files at a revision (or in the working tree);
* `compare` — pairs the plan files of both sides (added, removed, renamed,
  changed) and assembles the report;
* `markdown` — formats the report as a pull-request comment.

`planbook diff` (generator/commands/diff.py) is the thin shell around them.
"""
