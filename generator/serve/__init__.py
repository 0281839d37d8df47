"""The spec-driven reference server (`python -m generator serve`) and its fuzzing support (`fuzz`).

`app.build_app(spec, api_name=...)` compiles a spec into a Starlette app. Data flows one way:

- `compiled`: the document model (generator.spec.model) compiled once: routes, parameters, bodies, responses, schemes;
- `schemas`: the jsonschema validators (one registry of every loaded file; ECMA-262 patterns);
- `router` -> `auth` -> `validation` -> `state` -> `synthesis`: one request, in that order (`app`);
- `profile` + `vendors/`: what differs per vendor (error bodies, generated fields, uniqueness, auth quirks),
  one small module per API and a generic fallback for any other spec;
- `access_log`: one line per request, and the optional redacted request log;
- `runner`: uvicorn on 127.0.0.1 in a thread (tests, `fuzz` against a fresh server);
- fuzzing lives in `generator.fuzz`.
"""
