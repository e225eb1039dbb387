# The idle-connection client of scripts/bench-run.sh and scripts/bench-idle-heap.sh:
#   python3 idle.py HOST PORT COUNT
# opens COUNT connections, sends one request on each and reads its answer (a 600-byte page), so the
# proxy holds a client side and a server side for each; prints "open after S s", waits for a line on stdin
# (the caller has measured), prints "alive N" (how many the proxy still held), and holds them
# until stdin closes.
import select
import socket
import sys
import threading
import time

host, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
req = ("GET /owa/ HTTP/1.1\r\nHost: %s\r\n\r\n" % host).encode()
held = []
failed = []


def open_some(n):
    """Opens n connections one after another, each with its request answered."""
    try:
        for _ in range(n):
            if failed:
                return  # another opener failed: the count is short anyway
            s = socket.create_connection((host, port), timeout=10)
            s.sendall(req)
            got = b""
            while b"\r\n\r\n" not in got or len(got.split(b"\r\n\r\n", 1)[1]) < 600:
                chunk = s.recv(4096)
                if not chunk:
                    failed.append("connection closed after %d connections" % len(held))
                    return
                got += chunk
            held.append(s)
    except OSError as e:  # refused, timed out, out of descriptors
        failed.append("after %d connections: %s" % (len(held), e))


# Eight at a time: one after another, an engine's round trip set the pace (5 s for 8,000), and
# the first connections neared the 10 s an idle keep-alive is kept before the memory was read;
# with four, the embedded engine's 0.45 ms round trip for a new connection (HAProxy's 0.27 ms)
# still took 4 to 6 s on a slow machine, and some were closed before the last reading.
OPENERS = 8
started = time.monotonic()
openers = [
    threading.Thread(target=open_some, args=(count // OPENERS + (i < count % OPENERS),))
    for i in range(OPENERS)
]
for t in openers:
    t.start()
for t in openers:
    t.join()
if failed or len(held) != count:
    sys.exit(failed[0] if failed else "only %d of %d connections opened" % (len(held), count))
print("open after %.1f s" % (time.monotonic() - started), flush=True)
sys.stdin.readline()  # the caller has read the engine's memory
# How many the engine still held then: a connection it closed reads as end of file.
poll = select.poll()
for s in held:
    poll.register(s, select.POLLIN)
ready = {fd for fd, _ in poll.poll(0)}
closed = 0
for s in held:
    if s.fileno() in ready:
        try:
            closed += s.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            closed += 1
print("alive", len(held) - closed, flush=True)
sys.stdin.read()  # held until the caller closes stdin
