"""Imported by schemathesis through `hooks` in schemathesis.toml: registers the embedded-JSON hooks globally."""

from generator.fuzz.hooks import register

register()
