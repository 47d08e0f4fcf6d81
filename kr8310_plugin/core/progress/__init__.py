"""Progress over time: dated coverage snapshots, the pace towards the KR 8310 target, the progress report.

- tables.py: the snapshot tables' contract and their SQL for GeoPackage (SQLite) and PostGIS.
- snapshots.py: recording a snapshot (the engine's coverage and KR roll-ups, one transaction) and reading them.
- pace.py: the fiscal year, the pace needed to reach 100 % by its end and the current pace (pure).
- report.py: the KR 8310 progress report of a period, XLSX or PDF.
"""
