"""Every plan over time, from git.

* `git_log` — the commits that touched the plans and their blobs, read with
  git plumbing in batches (`git log --raw -M`, `git cat-file --batch`);
* `record` — what one commit did to each plan: `planbook diff`'s comparison,
  worded, and the new version's figures (checked as of the commit's date);
* `store` — the per-commit cache of records, as JSON outside the repository;
* `timeline` — the records read incrementally and grouped by account,
  following renames;
* `report` — `planbook history` output, text or JSON.

`planbook history` (generator/commands/history.py) is the thin shell.
"""
