"""Vendor behaviour, one small module per API, chosen by the catalog name; any other spec gets `generic`."""

from __future__ import annotations

import importlib

from generator.serve.profile import Vendor

# Catalog API name -> module under generator.serve.vendors. The one place that binds an API to its vendor module.
VENDOR_MODULES: dict[str, str] = {
    "gaussdb-opengauss": "gaussdb",
    "dbss": "dbss",
    "apig": "apig",
    "commvault": "commvault",
}


def vendor_for(api_name: str | None) -> Vendor:
    module = VENDOR_MODULES.get(api_name or "", "generic")
    vendor: Vendor = importlib.import_module(f"generator.serve.vendors.{module}").VENDOR
    return vendor
