"""Field packages: a few communities cut out of the database for a phone (QField), and back.

- rows.py: what a household or member row is for packaging and merging (values, fingerprints).
- manifest.py: the package's manifest.json (id, communities, rule, who it was made for).
- package.py: `make_package` writes the folder (GeoPackage, QGIS project, manifest) and its zip.
- merge.py: `plan_merge` compares a package with the database three ways (as cut, as the field
  left it, as the office has it now); `apply_merge` writes what is safe in one transaction.
"""
