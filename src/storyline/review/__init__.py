"""Review by hand: decisions over the machine's claims, contradictions, corroborations, entities and
articles, stored with who, when and why, and replayed over every re-ingest and re-judging.

  decisions.py   the decision store (migration 0030) and its replay into a review state
  entity_ids.py  entity ids kept across rebuilds (redirects after merges); renames and retypes
  findings.py    what the judge stage does with decisions: contradiction ids kept through changed
                 members, reviewed findings kept, rejected ones and rejected claims left out of judging
  apply.py       review states and edits laid over the read model's rows (Story)
  actions.py     the review actions the CLI and the web UI call
  command.py     `storyline review ...`
"""
from __future__ import annotations
