"""Are two schema nodes the same contract? A fast structural check that follows `$ref`s in pairs.

Consecutive releases of a big description leave most schemas untouched; proving that first (one walk per pair
of referenced nodes, memoised, a cycle assumed equal until shown otherwise) spares the comparison, the samples
and the validator for everything that did not change. Prose (descriptions, examples, titles) does not count.
"""

from __future__ import annotations

from typing import Any

from generator.diff.source import Loc, Spec
from generator.spec.load import Document, RefSite

MAX_NODES = 500_000
PROSE = frozenset({"description", "summary", "title", "example", "examples", "externalDocs", "$comment"})
MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "mapping"})


class Sameness:
    def __init__(self, a: Spec, b: Spec) -> None:
        self.a, self.b = a, b
        self._memo: dict[tuple[Any, Any], bool] = {}
        self._budget = MAX_NODES  # shared YAML aliases can make a small file an exponential tree

    def same(self, loc_a: Loc, loc_b: Loc) -> bool:
        key = (loc_a.key, loc_b.key)
        if key in self._memo:
            return self._memo[key]
        self._memo[key] = True  # co-inductive: a cycle back to this pair does not make it differ
        try:
            result = self._eq(loc_a.document, loc_a.value(), loc_b.document, loc_b.value(), False, 0)
        except Exception:  # anything unexpected (a dangling reference) goes to the full comparison
            result = False
        self._memo[key] = result
        return result

    def _follow(self, spec: Spec, document: Document, ref: str) -> Loc:
        target = spec.workspace.resolve(RefSite(document, "", ref))
        return Loc(target.document, target.pointer)

    def _eq(self, doc_a: Document, a: Any, doc_b: Document, b: Any, is_map: bool, depth: int) -> bool:
        self._budget -= 1
        if depth > 200 or self._budget < 0:  # unknown: the bounded comparison decides
            return False
        if isinstance(a, dict) and isinstance(b, dict):
            ref_a, ref_b = a.get("$ref"), b.get("$ref")
            if not is_map and (isinstance(ref_a, str) or isinstance(ref_b, str)):
                if not (isinstance(ref_a, str) and isinstance(ref_b, str)):
                    return False
                rest_a = {k: v for k, v in a.items() if k != "$ref" and k not in PROSE}
                rest_b = {k: v for k, v in b.items() if k != "$ref" and k not in PROSE}
                if not self._eq(doc_a, rest_a, doc_b, rest_b, False, depth + 1):
                    return False
                return self.same(self._follow(self.a, doc_a, ref_a), self._follow(self.b, doc_b, ref_b))
            keys_a = [k for k in a if is_map or k not in PROSE]
            keys_b = [k for k in b if is_map or k not in PROSE]
            if set(keys_a) != set(keys_b):
                return False
            return all(self._eq(doc_a, a[k], doc_b, b[k], not is_map and k in MAPS, depth + 1) for k in keys_a)
        if isinstance(a, list) and isinstance(b, list):
            return len(a) == len(b) and all(
                self._eq(doc_a, x, doc_b, y, False, depth + 1) for x, y in zip(a, b, strict=True)
            )
        return type(a) is type(b) and a == b
