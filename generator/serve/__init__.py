"""The spec-driven reference server (`python -m generator serve`) and its fuzzing support (`fuzz`).

`build_app(spec, api_name=...)` compiles a spec into a Starlette app; vendor behaviour comes from one module per
API under `generator/serve/vendors/`, with a generic fallback for any other spec.
"""
