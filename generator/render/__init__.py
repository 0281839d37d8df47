"""Renderers: the IR (`generator.ir`) -> files. Templates live in `generator/render/templates/`."""
