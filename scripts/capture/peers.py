#!/usr/bin/env python3
"""Both ends of one real TCP connection on the loopback interface, for scripts/capture-fixtures.sh.

usage: peers.py SCENARIO FAMILY SERVER_PORT CLIENT_PORT
  SCENARIO: normal-open-close | connection-refused | rst-linger | simultaneous-close | half-close |
            unread-data-rst | keep-alive | zero-window
  FAMILY:   4 (127.0.0.1) or 6 (::1)

The client binds CLIENT_PORT so the capture filter and the ss snapshot can find the connection.
Exit status 0 when the scenario ran as intended; for simultaneous-close that is judged by the caller
(both sides must end in TIME-WAIT), because whether the two FINs cross is up to the kernel's timing.
"""
import socket
import struct
import sys
import threading
import time


def make_socket(family):
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    return sock


def read_until_eof(sock):
    data = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            return data
        data += chunk


def saw_reset(sock, name):
    """Reads from a peer that should have been reset, and says whether it was (the scenario failed if not)."""
    try:
        sock.recv(10)
    except ConnectionResetError:
        print(f"{name} recv: connection reset by peer (as intended)")
        return True
    print(f"{name} did not see the reset", file=sys.stderr)
    return False


def main():
    scenario, family_name, server_port, client_port = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    family = socket.AF_INET6 if family_name == "6" else socket.AF_INET
    host = "::1" if family == socket.AF_INET6 else "127.0.0.1"

    client = make_socket(family)
    client.bind((host, client_port))

    if scenario == "connection-refused":
        try:
            client.connect((host, server_port))
        except ConnectionRefusedError:
            print("connect: connection refused (as intended)")
            return 0
        print("connect unexpectedly succeeded", file=sys.stderr)
        return 1

    listener = make_socket(family)
    listener.bind((host, server_port))
    listener.listen(1)
    client.connect((host, server_port))
    server, _ = listener.accept()
    listener.close()

    if scenario == "normal-open-close":
        # The client closes first: it is the active closer and must end in TIME-WAIT.
        client.sendall(b"hello")
        assert server.recv(5) == b"hello"
        server.sendall(b"world!")
        assert client.recv(6) == b"world!"
        client.close()
        assert read_until_eof(server) == b""
        time.sleep(0.1)
        server.close()

    elif scenario == "rst-linger":
        # SO_LINGER on with a zero timeout: close() sends RST instead of FIN (an ABORT).
        client.sendall(b"hello")
        assert server.recv(5) == b"hello"
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()
        time.sleep(0.1)
        if not saw_reset(server, "server"):
            return 1
        server.close()

    elif scenario == "simultaneous-close":
        # Both sides shut down their sending direction at the same moment, from two threads.
        barrier = threading.Barrier(2)

        def shut(sock):
            barrier.wait()
            sock.shutdown(socket.SHUT_WR)

        threads = [threading.Thread(target=shut, args=(s,)) for s in (client, server)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        read_until_eof(client)
        read_until_eof(server)
        time.sleep(0.1)
        client.close()
        server.close()

    elif scenario == "half-close":
        # The client sends its request and shuts down its sending direction (SHUT_WR);
        # the server still answers, then closes.
        client.sendall(b"request")
        client.shutdown(socket.SHUT_WR)
        assert read_until_eof(server) == b"request"
        time.sleep(0.05)
        server.sendall(b"response")
        time.sleep(0.05)
        server.close()
        assert read_until_eof(client) == b"response"
        client.close()

    elif scenario == "unread-data-rst":
        # Linux (RFC 2525 §2.17): close() with data still unread in the receive buffer sends RST, not FIN.
        client.sendall(b"never read")
        time.sleep(0.05)
        server.close()
        time.sleep(0.05)
        if not saw_reset(client, "client"):
            return 1
        client.close()

    elif scenario == "keep-alive":
        # Keep-alive probes after 1 s of silence, every second: SEG.SEQ = SND.UNA - 1, no data.
        client.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
        time.sleep(2.5)
        client.close()
        read_until_eof(server)
        server.close()

    elif scenario == "zero-window":
        # The server stops reading; its window closes and the client probes it until it reads again.
        server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sent = client.send(b"x" * 65536)
        time.sleep(1.5)
        received = 0
        server.settimeout(2)
        while received < sent:
            received += len(server.recv(1 << 20))
        client.close()
        read_until_eof(server)
        server.close()

    else:
        print(f"unknown scenario {scenario}", file=sys.stderr)
        return 2

    time.sleep(0.2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
