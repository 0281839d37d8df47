"""Imported by schemathesis through `hooks` in schemathesis.toml: registers the embedded-JSON hooks globally."""

from generator.serve.fuzz_hooks import register

register()
