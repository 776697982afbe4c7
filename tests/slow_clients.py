#!/usr/bin/env python3
"""Slow and idle clients for e2e_slow_clients.sh: hostile load on a store on 127.0.0.1.

  slow_clients.py PORT SLOW IDLE SECONDS

SLOW connections send a request header one byte a second and never finish it; one the
store closes is opened again. IDLE connections send one whole request (GET /v1/health,
keep-alive), read the reply and then sit idle. After SECONDS everything is closed.

Prints "ready" once every connection is open and has sent its first byte, then at the end
one line of figures: opened=N closed_by_store=N lifetime_min=S lifetime_max=S idle_ok=N
idle_closed=N. Only ever connects to 127.0.0.1; bounded in time by SECONDS.
"""
import selectors
import socket
import sys
import time

HOST = "127.0.0.1"


def main():
    port, n_slow, n_idle, seconds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    header = b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 4000 + b"\r\n\r\n"
    sel = selectors.DefaultSelector()
    slow = {}  # socket -> [bytes sent, opened at]
    stats = {"opened": 0, "closed": 0, "lifetimes": [], "idle_ok": 0, "idle_closed": 0}
    start = time.monotonic()

    def open_slow():
        s = socket.create_connection((HOST, port), timeout=5)
        s.setblocking(False)
        s.send(header[:1])
        slow[s] = [1, time.monotonic()]
        sel.register(s, selectors.EVENT_READ, "slow")
        stats["opened"] += 1

    for _ in range(n_slow):
        open_slow()
    idle = []
    for _ in range(n_idle):
        s = socket.create_connection((HOST, port), timeout=5)
        s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        reply = s.recv(4096)
        if reply.startswith(b"HTTP/1.1 200"):
            stats["idle_ok"] += 1
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ, "idle")
        idle.append(s)
    print("ready", flush=True)

    next_tick = time.monotonic() + 1.0
    while time.monotonic() - start < seconds:
        for key, _ in sel.select(timeout=max(0.0, min(next_tick, start + seconds) - time.monotonic())):
            s = key.fileobj
            try:
                data = s.recv(65536)
            except OSError:
                data = b""
            if data:
                continue  # a slow client never gets a reply; an idle one has had it
            sel.unregister(s)
            s.close()
            if key.data == "idle":
                stats["idle_closed"] += 1
                continue
            sent, opened = slow.pop(s)
            stats["closed"] += 1
            stats["lifetimes"].append(time.monotonic() - opened)
            if time.monotonic() - start < seconds - 1:
                open_slow()
        if time.monotonic() >= next_tick:  # one more byte on every slow connection
            next_tick += 1.0
            for s, st in list(slow.items()):
                try:
                    s.send(header[st[0]:st[0] + 1])
                    st[0] += 1
                except OSError:
                    pass  # closed by the store; the selector reports it
    for s in list(slow) + idle:
        s.close()
    lt = stats["lifetimes"] or [0.0]
    print("opened=%d closed_by_store=%d lifetime_min=%.1f lifetime_max=%.1f idle_ok=%d idle_closed=%d"
          % (stats["opened"], stats["closed"], min(lt), max(lt), stats["idle_ok"], stats["idle_closed"]), flush=True)


if __name__ == "__main__":
    main()
