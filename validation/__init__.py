"""How far rxbench's own metrics can be trusted: labelled sets, and the meta-evaluation on them.

This package sits beside the runner (it imports suites, metrics and benchmark, and
nothing imports it but the CLI, reports and gates, which read its JSON report):
`validation.challenge` / `validation.safety_challenge` build rxbench's labelled
challenge sets, `validation.sets` loads every labelled set by name, and
`validation.engine` scores any per-sample metric on them (`rxbench validate`).
"""
