#!/usr/bin/env python3
"""relay.py: a TCP relay on loopback that makes a server look RTT away.

usage: relay.py LISTEN_IP:PORT SERVER_IP:PORT RTT_MS

Every byte is held RTT/2 in each direction, in order: each direction has a
queue of (release time, bytes) drained by one timer, and an EOF or a reset
travels the same way.  Both sockets have TCP_NODELAY, so nothing waits for
Nagle.  The kernel completes the client's TCP connect at once (the relay
accepts before it has spoken to the server), so a connection's own
handshake costs nothing here: figures behind the relay leave out one RTT
per connection.  Written on asyncio protocols, not streams: a scan opens
a hundred connections in a second and the relay's own time per connection
adds to every round trip it measures.  Loopback only: both addresses must
be in 127.0.0.0/8.
"""
import asyncio
import collections
import ipaddress
import socket
import sys

EOF, RESET = object(), object()


class Side(asyncio.Protocol):
    """One socket of a relayed connection; what it receives goes to peer
    delay seconds later."""

    def __init__(self, loop, delay):
        self.loop, self.delay = loop, delay
        self.peer = None
        self.transport = None
        self.queue = collections.deque()
        self.timer = None
        self.closed = False

    def connection_made(self, transport):
        self.transport = transport
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.flush()

    def data_received(self, data):
        self.peer.push(data)

    def eof_received(self):
        self.peer.push(EOF)
        return True                 # half-close: keep the other way open

    def connection_lost(self, exc):
        self.closed = True
        self.peer.push(RESET if exc is not None else EOF)
        self.peer.push(None)

    def push(self, item):
        """Queues item (bytes, EOF, RESET, or None: close) for delay s."""
        self.queue.append((self.loop.time() + self.delay, item))
        if self.timer is None:
            self.timer = self.loop.call_at(self.queue[0][0], self.flush)

    def flush(self):
        self.timer = None
        if self.transport is None:
            return                  # not connected yet: connection_made
        now = self.loop.time()
        while self.queue and self.queue[0][0] <= now:
            _, item = self.queue.popleft()
            if self.transport.is_closing():
                continue
            if item is None:
                self.transport.close()
            elif item is RESET:
                self.transport.abort()
            elif item is EOF:
                if self.transport.can_write_eof():
                    self.transport.write_eof()
            else:
                self.transport.write(item)
        if self.queue:
            self.timer = self.loop.call_at(self.queue[0][0], self.flush)


def relay_factory(loop, server, delay):
    def accept():
        client = Side(loop, delay)
        upstream = Side(loop, delay)
        client.peer, upstream.peer = upstream, client

        async def connect():
            try:
                await loop.create_connection(lambda: upstream, *server)
            except OSError:
                if client.transport is not None:
                    client.transport.abort()
        loop.create_task(connect())
        return client
    return accept


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
    loop = asyncio.get_running_loop()
    srv = await loop.create_server(relay_factory(loop, server, delay),
                                   *listen, backlog=1024)
    async with srv:
        await srv.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
