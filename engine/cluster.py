"""Batch games on Ray (the `cluster` extra), with a bounded wait for a cluster out of reach.

Ray, given an address nothing answers at (a name that does not resolve, a TEST-NET address, a
port that accepts but does not speak Ray), keeps retrying for minutes. Here the name is
resolved and the port connected to first, and `ray.init` runs in a thread: each waits at most
`timeout` seconds, then BatchFailed says what was tried.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Iterable

from engine.batch import RAY_TIMEOUT, BatchError, BatchFailed, _worker_game, describe_exception


def ray_endpoint(address: str) -> tuple[str, int] | None:
    """The host and port a Ray address names ("ray://host:10001", "host:6379"; "auto" reads
    RAY_ADDRESS), or None for a runtime on this machine ("local", or "auto" with no RAY_ADDRESS)."""
    if address in ("local", ""):
        return None
    if address == "auto":
        address = os.environ.get("RAY_ADDRESS", "")
        if not address or address in ("auto", "local"):
            return None
    default = 10001 if address.startswith("ray://") else 6379
    rest = address.split("://", 1)[1] if "://" in address else address
    rest = rest.split("/", 1)[0]
    host, colon, port = rest.rpartition(":") if ":" in rest else (rest, "", "")
    host = host.strip("[]") or "localhost"
    try:
        number = int(port) if colon else default
    except ValueError:
        raise BatchError(f"--ray {address}: '{port}' is not a port number") from None
    if not 0 < number < 65536:
        raise BatchError(f"--ray {address}: port {number} is out of range")
    return host, number


def check_ray_address(address: str, timeout: float = RAY_TIMEOUT) -> None:
    """BatchError unless the Ray head at `address` answers a TCP connection within `timeout`
    seconds (the name resolved and the port open): Ray itself would wait for minutes."""
    import socket
    import threading

    endpoint = ray_endpoint(address)
    if endpoint is None:
        return
    host, port = endpoint
    outcome: list[str] = []

    def probe() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            outcome.append(f"the name '{host}' does not resolve ({getattr(exc, 'strerror', None) or exc})")
            return
        reasons = []
        for family, kind, proto, _name, addr in infos:
            try:
                with socket.socket(family, kind, proto) as s:
                    s.settimeout(timeout)
                    s.connect(addr)
                outcome.append("")
                return
            except OSError as exc:
                reasons.append(exc.strerror or str(exc) or type(exc).__name__)
        outcome.append(f"nothing answers at {host}:{port} ({'; '.join(dict.fromkeys(reasons)) or 'no address'})")

    thread = threading.Thread(target=probe, name="ray-probe", daemon=True)
    thread.start()
    thread.join(timeout)
    if not outcome:
        raise BatchFailed(f"cannot reach the Ray cluster at {address}: no answer within {timeout:g} s "
                         "(check the address, the port and the firewall; --ray-timeout changes the wait)")
    if outcome[0]:
        raise BatchFailed(f"cannot reach the Ray cluster at {address}: {outcome[0]}")


def _ray_init(ray: Any, kwargs: dict[str, Any], address: str, timeout: float | None) -> None:
    """ray.init, given at most `timeout` seconds to reach a remote cluster: something that
    accepts the connection but does not speak Ray's protocol would keep it waiting for minutes."""
    if timeout is None:
        ray.init(**kwargs)
        return
    import threading

    outcome: list[BaseException | None] = []

    def connect() -> None:
        try:
            ray.init(**kwargs)
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            outcome.append(exc)

    thread = threading.Thread(target=connect, name="ray-init", daemon=True)
    thread.start()
    thread.join(timeout)
    if not outcome:
        raise BatchFailed(f"cannot reach the Ray cluster at {address}: it accepted the connection but did not answer as Ray "
                          f"within {timeout:g} s (is that the head node's address and port? --ray-timeout changes the wait)")
    if outcome[0] is not None:
        raise BatchFailed(f"cannot join the Ray cluster at {address}: {describe_exception(outcome[0]).split(' (')[0]}")


def run_ray(jobs: Iterable[tuple[int, tuple]], done: Callable[[int, dict[str, Any]], None], address: str,
             timeout: float = RAY_TIMEOUT) -> None:
    try:
        import ray
    except ImportError:
        raise BatchError("Ray is not installed: pip install 'wargame[cluster]' (or pip install ray)") from None
    started = False
    if not ray.is_initialized():
        check_ray_address(address, timeout)
        import logging

        kwargs: dict[str, Any] = {"ignore_reinit_error": True, "log_to_driver": False, "logging_level": logging.ERROR}
        if address not in ("local", ""):
            kwargs["address"] = address
        _ray_init(ray, kwargs, address, timeout if ray_endpoint(address) is not None else None)
        started = True
    refs: list[Any] = []
    try:
        remote = ray.remote(_worker_game)
        window = max(64, 4 * int(ray.cluster_resources().get("CPU", 1)))
        index: dict[Any, int] = {}
        source = iter(jobs)
        more = True
        while more or refs:
            while more and len(refs) < window:
                item = next(source, None)
                if item is None:
                    more = False
                    break
                ref = remote.remote(item[1])
                index[ref] = item[0]
                refs.append(ref)
            if not refs:
                break
            ready, refs = ray.wait(refs, num_returns=1, timeout=0.5)     # a Ctrl-C is seen between waits
            for ref in ready:
                done(index.pop(ref), ray.get(ref))
    except BaseException:
        for ref in refs:
            try:
                ray.cancel(ref, force=True)
            except Exception:  # noqa: BLE001 - stopping anyway
                pass
        raise
    finally:
        if started:
            ray.shutdown()
