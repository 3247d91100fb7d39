"""Audiences: who may see which part of a plan, and the outputs made for each.

`policy` decides the audience of every section, item and field; `values`
lists a plan's values with their audience; `redact` removes what a reader
may not see; `joint_plan` renders the customer's joint success plan and
`leak` proves, after the fact, that nothing else reached it.
"""
