"""Toolchain for the hand-written vendor OpenAPI specs: load, validate, IR, render, serve, fuzz."""

__version__ = "0.1.0"
