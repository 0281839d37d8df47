"""Fuzzing throughput, in a fresh process: schemathesis cases against APIG CreatePlugin, each one generated,
sent and its response checked against the spec (schemathesis' default checks), counted per second.

    python -m bench.fuzz_worker --spec generated/openapi/apig.yaml --asgi --token T --cases 300 --seconds 30
    python -m bench.fuzz_worker --spec ... --base-url http://127.0.0.1:8000 --token T --cases 300 --seconds 30

In-process (`--asgi`) the reference server's ASGI app answers without a socket; over loopback the same app
runs in its own uvicorn process (started by the parent). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

PLUGINS = "/v2/{project_id}/apigw/instances/{instance_id}/plugins"


def asgi_app(token: str) -> Any:
    """The reference server's ASGI app for APIG, built the way `python -m generator serve apig` builds it."""
    from generator.project.catalog import find_api
    from generator.serve.app import ServeOptions, build_app
    from generator.serve.auth import Credentials

    options = ServeOptions(credentials=Credentials(token=token))
    return build_app(find_api("apig").spec, api_name="apig", options=options)


def fuzz(*, spec: Path, token: str, cases: int, seconds: float, base_url: str | None, asgi: bool) -> dict[str, Any]:
    import schemathesis
    from hypothesis import HealthCheck, Phase, given, settings
    from schemathesis.core.failures import Failure, FailureGroup

    schema = schemathesis.openapi.from_path(str(spec))
    if asgi:
        schema.app = asgi_app(token)
    from hypothesis import strategies as st
    from schemathesis.generation import GenerationMode

    operation = schema[PLUGINS]["POST"]
    # valid and invalid requests alike, as a fuzzing run sends them
    strategy = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))
    headers = {"X-Auth-Token": token}
    counted: list[float] = []
    statuses: Counter[int] = Counter()
    failures: Counter[str] = Counter()
    start = time.perf_counter()
    deadline = start + seconds

    # Shrinking and the example database would measure Hypothesis, not fuzzing; `derandomize` makes every run
    # draw the same cases, so rounds and the two transports see the same work.
    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def one(case: Any) -> None:
        if time.perf_counter() > deadline:
            return  # bounded in time as well as in count: the rest are drawn but not sent
        response = case.call(base_url=base_url, headers=headers) if base_url else case.call(headers=headers)
        statuses[response.status_code] += 1
        try:
            case.validate_response(response, headers=headers)
        except FailureGroup as group:  # a check failure is a finding, not a crash of the benchmark
            failures.update(type(failure).__name__ for failure in group.exceptions)
        except Failure as failure:
            failures[type(failure).__name__] += 1
        counted.append(time.perf_counter())

    one()
    elapsed = (counted[-1] if counted else time.perf_counter()) - start
    return {
        "cases": len(counted),
        "seconds": elapsed,
        "cases_per_s": len(counted) / elapsed if elapsed else 0.0,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "check_failures": dict(failures),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz_worker", description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, required=True)
    parser.add_argument("--token", required=True)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--asgi", action="store_true", help="in-process: call the ASGI app directly")
    target.add_argument("--base-url", help="over loopback: a server on 127.0.0.1")
    parser.add_argument("--cases", type=int, default=300, help="upper bound on cases")
    parser.add_argument("--seconds", type=float, default=30.0, help="upper bound on time")
    args = parser.parse_args(argv)
    result = fuzz(
        spec=args.spec, token=args.token, cases=args.cases, seconds=args.seconds, base_url=args.base_url, asgi=args.asgi
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
