"""Storage: the only place that knows SQL.

* ``db``: engine, sessions, migrations (``open_database``).
* ``base``/``types``: the declarative ``Base`` and the UTC datetime column type.
* ``models_<feature>``: each feature's tables; ``migrations/``: one Alembic
  branch per feature off ``0001_graph`` (see ``migrations/README.md``).
* ``graph_repo``: the knowledge graph's rows (save with diffing, load).

Importing this package imports nothing heavy; import the modules you need.
"""
