#!/usr/bin/env python3
"""relay.py: a TCP relay on loopback that makes a server look RTT away.

usage: relay.py LISTEN_IP:PORT SERVER_IP:PORT RTT_MS

Every byte is held RTT/2 in each direction, in order: each direction has a
queue of (release time, bytes) that one writer drains.  Both sockets have
TCP_NODELAY, so nothing waits for Nagle.  The kernel completes the
client's TCP connect at once (the relay accepts before it has spoken to
the server), so a connection's own handshake costs nothing here: figures
behind the relay leave out one RTT per connection.  Loopback only: both
addresses must be in 127.0.0.0/8.
"""
import asyncio
import ipaddress
import socket
import sys
import time


def nodelay(writer):
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


async def pump(reader, writer, delay):
    """Copies reader to writer, each chunk released delay s after it came;
    EOF (or a reset) travels with the same delay."""
    q = asyncio.Queue()

    async def drain():
        while True:
            at, data = await q.get()
            wait = at - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            if data is None:
                break
            writer.write(data)
            try:
                await writer.drain()
            except OSError:
                break
        try:
            if writer.can_write_eof():
                writer.write_eof()
        except OSError:
            pass

    task = asyncio.ensure_future(drain())
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            q.put_nowait((time.monotonic() + delay, data))
    except OSError:
        pass
    q.put_nowait((time.monotonic() + delay, None))
    await task


async def serve(server, delay, cr, cw):
    nodelay(cw)
    try:
        sr, sw = await asyncio.open_connection(*server)
    except OSError:
        cw.close()
        return
    nodelay(sw)
    await asyncio.gather(pump(cr, sw, delay), pump(sr, cw, delay))
    for w in (cw, sw):
        w.close()


def addr(s):
    host, port = s.rsplit(":", 1)
    if not ipaddress.ip_address(host).is_loopback:
        sys.exit(f"relay: {host}: not a loopback address")
    return host, int(port)


async def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    listen, server = addr(sys.argv[1]), addr(sys.argv[2])
    delay = float(sys.argv[3]) / 2000.0
    srv = await asyncio.start_server(
        lambda r, w: serve(server, delay, r, w), *listen, backlog=1024)
    async with srv:
        await srv.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
