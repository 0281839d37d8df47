"""`python -m generator diff`: the breaking-change gate between two OpenAPI 3.0/3.1 documents.

Data flows one way: `source` (documents through the one loader, positions kept) -> `schema` (schemas resolved,
allOf merged, 3.0 `nullable` read as a 3.1 type array) -> `narrowing` (what one schema accepts that another
rejects, with a concrete value) -> `operations` (paths, parameters, bodies, responses, security) -> `oracle`
(every witness re-checked with a JSON Schema Draft 2020-12 validator against both documents; a break that
cannot be proved is reported as a warning) -> `impact` (names in the generated Python package) -> `report`.
"""

from generator.diff.engine import diff_documents
from generator.diff.report import Change, Location, Report

__all__ = ["Change", "Location", "Report", "diff_documents"]
