"""`serve API|SPEC`: the spec-driven reference server (Starlette on uvicorn), bound to 127.0.0.1 by default."""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import sys

HELP = "run the reference server for a catalog API or any OpenAPI document"
TOKEN_ENV = "VENDOR_OPENAPI_TOKEN"
AK_ENV = "VENDOR_OPENAPI_AK"
SK_ENV = "VENDOR_OPENAPI_SK"
USER_ENV = "VENDOR_OPENAPI_USER"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("api", metavar="API|SPEC", help="a catalog API name (see `list`) or a path to a spec")
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port (default 8080; 0 picks a free one)")
    parser.add_argument(
        "--token",
        default=os.environ.get(TOKEN_ENV),
        help=f"the only token accepted (default ${TOKEN_ENV}; without one, any non-empty token is accepted)",
    )
    parser.add_argument(
        "--user",
        default=os.environ.get(USER_ENV),
        metavar="NAME:PASSWORD",
        help=f"the only HTTP basic credentials accepted (default ${USER_ENV}; without, any well-formed pair)",
    )
    parser.add_argument(
        "--ak", default=os.environ.get(AK_ENV), help=f"access key for AK/SK signed requests (${AK_ENV})"
    )
    parser.add_argument(
        "--sk",
        default=os.environ.get(SK_ENV),
        help=f"secret key for AK/SK signed requests (prefer ${SK_ENV}: arguments are visible to other users)",
    )
    parser.add_argument("--max-body-bytes", type=int, default=None, help="largest accepted request body (1 MiB)")
    parser.add_argument(
        "--log-bodies", action="store_true", help="also log request headers and bodies, with credentials masked"
    )


def run(args: argparse.Namespace) -> int:
    import logging

    import uvicorn

    from generator.project.catalog import resolve_api
    from generator.serve.app import DEFAULT_MAX_BODY, ServeOptions, build_app
    from generator.serve.auth import Credentials

    if bool(args.ak) != bool(args.sk):
        print("--ak and --sk go together", file=sys.stderr)
        return 2
    user = password = None
    if args.user:
        try:
            user, password = Credentials.user_password(args.user)
        except ValueError:
            print("--user takes NAME:PASSWORD", file=sys.stderr)
            return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    spec, api_name = resolve_api(args.api)
    options = ServeOptions(
        credentials=Credentials(
            token=args.token or None,
            access_key=args.ak or None,
            secret_key=args.sk or None,
            user=user,
            password=password,
        ),
        max_body_bytes=args.max_body_bytes or DEFAULT_MAX_BODY,
        log_bodies=args.log_bodies,
    )
    app = build_app(spec, api_name=api_name, options=options)
    server = app.state.reference
    auth = "the configured token" if args.token else "any non-empty token"
    auth += ", the configured basic user" if user is not None else ", any basic user"
    if args.ak:
        auth += " or AK/SK signatures"
    # Bind here, before uvicorn starts, so the message names the port really bound (`--port 0` picks one).
    try:
        sock = _bind(args.host, args.port)
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(
        f"serving {server.spec.title!r} ({len(server.spec.operations)} operation(s), vendor module "
        f"{server.vendor.name}) on http://{shown}:{port}; accepting {auth}",
        file=sys.stderr,
        flush=True,
    )
    config = uvicorn.Config(app, log_config=None, access_log=False)
    # uvicorn re-raises the Ctrl-C it handled; stopping is the normal way out
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(config).run(sockets=[sock])
    return 0


def _bind(host: str, port: int) -> socket.socket:
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock
