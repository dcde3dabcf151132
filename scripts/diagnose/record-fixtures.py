#!/usr/bin/python3
"""
Records the diagnose fixtures (src/diagnose/fixtures/) from real sockets on this machine.

Each pathology runs in a network namespace of its own, created here (`ip netns add`) and deleted afterwards, on
its loopback, with real sockets of this process. While the sockets are in the state under study, every format
the diagnose tool reads is captured against the same sockets, inside that namespace:

    ss -tan, ss -tanp, ss -tanoi, ss -lnt, ss -s, netstat -ant, netstat -antp, /proc/net/tcp, /proc/net/tcp6

and, once for the whole run, libbpf-tools' `tcpstates` (which traces every namespace; its lines are kept for
the scenarios' ports only). The pathologies:

    close-wait     a server that accepts and never calls close(); its clients half-close (shutdown(SHUT_WR))
    time-wait      a client churning 1,500 short connections; it closes first, so TIME-WAIT piles up on it
    accept-queue   a listener with backlog 4 that never calls accept(); 12 clients connect
    syn-recv       the clients' final handshake ACK is dropped by nftables: the server keeps SYN-RECV
    zero-window    a peer that stops reading; the sender's window closes and its persist timer runs
    syn-sent       connect() to a port whose SYNs nftables drops (a filtered port)
    fin-wait-2     clients close() while the server never sends its FIN, then the server's packets are dropped:
                   orphaned FIN-WAIT-2 on the clients, LAST-ACK retransmitting its FIN on the server
    retransmit     established connections whose peer vanishes (nftables drops everything to it) while data is sent
    keepalive      idle connections, half with SO_KEEPALIVE, captured after 65 s of silence
    healthy        a listener that accepts, a few established connections exchanging data, nothing stuck

Run as root:  /usr/bin/python3 scripts/diagnose/record-fixtures.py [scenario ...]
Writes src/diagnose/fixtures/<scenario>/<format>.txt and src/diagnose/fixtures/RECORDED.md (commands, kernel).
"""
import os
import socket
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'src', 'diagnose', 'fixtures')

FORMATS = [
    ('ss-tan', ['ss', '-tan']),
    ('ss-tanp', ['ss', '-tanp']),
    ('ss-tanoi', ['ss', '-tanoi']),
    ('ss-lnt', ['ss', '-lnt']),
    ('ss-s', ['ss', '-s']),
    ('netstat-ant', ['netstat', '-ant']),
    ('netstat-antp', ['netstat', '-antp']),
    ('proc-net-tcp', ['cat', '/proc/net/tcp']),
    ('proc-net-tcp6', ['cat', '/proc/net/tcp6']),
]

PORTS = {
    'close-wait': [8080], 'time-wait': [8081], 'accept-queue': [8082], 'syn-recv': [8083], 'zero-window': [8084],
    'syn-sent': [8085], 'fin-wait-2': [8086], 'retransmit': [8087], 'keepalive': [8088], 'healthy': [8089],
}

keep = []  # sockets and threads that must live until the capture


def sh(*command):
    subprocess.run(command, check=True)


def nft(hook, rule):
    """One rule in a table of this namespace only (the host's rules are untouched)."""
    table = f'table inet diag {{\n chain {hook} {{\n  type filter hook {hook} priority 0;\n  {rule}\n }}\n}}\n'
    subprocess.run(['nft', '-f', '-'], input=table.encode(), check=True)


def listener(host, port, backlog=128, accept=True, on_accept=None):
    family = socket.AF_INET6 if ':' in host else socket.AF_INET
    server = socket.socket(family, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen(backlog)
    keep.append(server)
    if accept:
        def loop():
            while True:
                try:
                    conn, _ = server.accept()
                except OSError:
                    return
                keep.append(conn)
                if on_accept:
                    threading.Thread(target=on_accept, args=(conn,), daemon=True).start()
        threading.Thread(target=loop, daemon=True).start()
    return server


def client(host, port, timeout=None, blocking=True):
    family = socket.AF_INET6 if ':' in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if not blocking:
        sock.setblocking(False)
        try:
            sock.connect((host, port))
        except BlockingIOError:
            pass
    else:
        sock.settimeout(timeout)
        sock.connect((host, port))
    keep.append(sock)
    return sock


def close_wait():
    for host, n in (('127.0.0.1', 8), ('::1', 4)):
        listener(host, 8080)
        for _ in range(n):
            client(host, 8080).shutdown(socket.SHUT_WR)
    time.sleep(0.5)


def time_wait():
    def serve(conn):
        conn.recv(100)
        conn.sendall(b'HTTP/1.0 200 OK\r\n\r\n')
        conn.recv(100)  # the client closes first: it becomes the active closer
        conn.close()
    listener('127.0.0.1', 8081, on_accept=serve)
    for _ in range(1500):
        sock = client('127.0.0.1', 8081)
        sock.sendall(b'GET / HTTP/1.0\r\n\r\n')
        sock.recv(100)
        sock.close()
        keep.remove(sock)
    time.sleep(0.5)


def accept_queue():
    listener('127.0.0.1', 8082, backlog=4, accept=False)
    for _ in range(12):
        client('127.0.0.1', 8082, blocking=False)
    time.sleep(2.5)


def syn_recv():
    nft('input', 'tcp dport 8083 tcp flags & (syn|ack|fin|rst) == ack drop')
    listener('127.0.0.1', 8083, backlog=256)
    for _ in range(40):
        client('127.0.0.1', 8083, blocking=False)
    time.sleep(2.5)


def zero_window():
    def never_read(conn):
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    server.bind(('127.0.0.1', 8084))
    server.listen(8)
    keep.append(server)
    for _ in range(3):
        sock = client('127.0.0.1', 8084)
        conn, _ = server.accept()
        keep.append(conn)
        sock.setblocking(False)
        try:
            while True:
                sock.send(b'x' * 65536)
        except BlockingIOError:
            pass
    time.sleep(3)


def syn_sent():
    nft('input', 'tcp dport 8085 tcp flags & syn == syn drop')
    listener('127.0.0.1', 8085)
    for _ in range(6):
        client('127.0.0.1', 8085, blocking=False)
    time.sleep(3.5)


def fin_wait_2():
    listener('127.0.0.1', 8086)
    clients = [client('127.0.0.1', 8086) for _ in range(12)]
    time.sleep(0.3)
    for sock in clients:
        sock.close()  # orphaned: no process holds them any more
        keep.remove(sock)
    time.sleep(0.3)
    # The server's FINs never arrive: its sockets stay in LAST-ACK, the clients' in FIN-WAIT-2.
    nft('output', 'tcp sport 8086 drop')
    accepted = [s for s in keep if isinstance(s, socket.socket) and s.type == socket.SOCK_STREAM]
    for sock in accepted:
        try:
            if sock.getsockname()[1] == 8086 and sock.getpeername():
                sock.close()
        except OSError:
            pass
    time.sleep(3.5)


def retransmit():
    listener('127.0.0.1', 8087)
    clients = [client('127.0.0.1', 8087) for _ in range(4)]
    time.sleep(0.3)
    nft('input', 'tcp dport 8087 drop')
    for sock in clients:
        sock.sendall(b'y' * 1000)
    time.sleep(3.5)


def keepalive():
    listener('127.0.0.1', 8088)
    for index in range(6):
        sock = client('127.0.0.1', 8088)
        if index % 2 == 0:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        sock.sendall(b'hello')
    time.sleep(65)


def healthy():
    def echo(conn):
        while True:
            data = conn.recv(4096)
            if not data:
                conn.close()
                return
            conn.sendall(data)
    listener('127.0.0.1', 8089, on_accept=echo)
    listener('::1', 8089, on_accept=echo)
    for host in ('127.0.0.1', '127.0.0.1', '127.0.0.1', '::1'):
        sock = client(host, 8089)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        sock.sendall(b'ping')
        sock.recv(4)
    time.sleep(0.5)


SCENARIOS = {
    'close-wait': close_wait, 'time-wait': time_wait, 'accept-queue': accept_queue, 'syn-recv': syn_recv,
    'zero-window': zero_window, 'syn-sent': syn_sent, 'fin-wait-2': fin_wait_2, 'retransmit': retransmit,
    'keepalive': keepalive, 'healthy': healthy,
}


def capture(name):
    """Inside the namespace: build the pathology, then capture every format against the same sockets."""
    sh('ip', 'link', 'set', 'lo', 'up')
    SCENARIOS[name]()
    directory = os.path.join(OUT, name)
    os.makedirs(directory, exist_ok=True)
    for fmt, command in FORMATS:
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        with open(os.path.join(directory, f'{fmt}.txt'), 'w') as out:
            out.write(result.stdout)
    print(f'{name}: captured', flush=True)


def main():
    if len(sys.argv) > 2 and sys.argv[1] == '--inside':
        capture(sys.argv[2])
        os._exit(0)
    names = sys.argv[1:] or list(SCENARIOS)
    if not os.path.isdir('/sys/kernel/tracing/events/sock'):
        subprocess.run(['mount', '-t', 'tracefs', 'nodev', '/sys/kernel/tracing'])
    tracer = None
    trace_path = '/tmp/diagnose-tcpstates.txt'
    if subprocess.run(['which', 'tcpstates'], capture_output=True).returncode == 0:
        tracer = subprocess.Popen(['stdbuf', '-oL', 'tcpstates', '-w'], stdout=open(trace_path, 'w'), stderr=subprocess.DEVNULL)
        time.sleep(2)
    try:
        run(names)
    finally:
        if tracer:
            time.sleep(1)
            tracer.terminate()
            tracer.wait()
    if tracer:
        keep_trace(trace_path, names)
    write_record()


def run(names):
    for name in names:
        namespace = f'tcplab-diag-{os.getpid()}'
        sh('ip', 'netns', 'add', namespace)
        try:
            subprocess.run(['ip', 'netns', 'exec', namespace, sys.executable, __file__, '--inside', name], check=True)
        finally:
            sh('ip', 'netns', 'delete', namespace)


def keep_trace(trace_path, names):
    if True:
        # The time-wait churn would add 15,000 lines of the same five transitions: its port is left out.
        ports = {str(port) for name in names for port in PORTS[name] if name != 'time-wait'}
        lines = open(trace_path).read().splitlines()
        header = lines[0].split()
        lport, rport = header.index('LPORT'), header.index('RPORT')
        kept = [lines[0]] + [line for line in lines[1:] if len(line.split()) == len(header) and ports & {line.split()[lport], line.split()[rport]}]
        os.makedirs(os.path.join(OUT, 'tcpstates'), exist_ok=True)
        with open(os.path.join(OUT, 'tcpstates', 'tcpstates.txt'), 'w') as out:
            out.write('\n'.join(kept) + '\n')


def write_record():
    with open(os.path.join(OUT, 'RECORDED.md'), 'w') as out:
        out.write('# How these fixtures were recorded\n\n')
        out.write('By `scripts/diagnose/record-fixtures.py` (run as root), on ' + time.strftime('%Y-%m-%d', time.gmtime()) + '.\n\n')
        out.write(f'- kernel: `{os.uname().release}` (`uname -r`)\n')
        out.write('- ' + subprocess.run(['ss', '-V'], capture_output=True, text=True).stdout.strip() + '\n')
        out.write('- netstat: ' + subprocess.run(['netstat', '-V'], capture_output=True, text=True).stdout.splitlines()[0] + '\n')
        out.write('- tcpstates: libbpf-tools ' + subprocess.run(['dpkg-query', '-W', '-f=${Version}', 'libbpf-tools'], capture_output=True, text=True).stdout + ' (`stdbuf -oL tcpstates -w`, lines of the scenarios\' ports kept, except time-wait\'s 8081)\n')
        out.write('- `ip_local_port_range`: ' + open('/proc/sys/net/ipv4/ip_local_port_range').read().split('\t', 1)[0] + '–' + open('/proc/sys/net/ipv4/ip_local_port_range').read().split()[1] + '\n\n')
        out.write('Each scenario ran in its own network namespace on loopback; in it, with the sockets in place:\n\n')
        for fmt, command in FORMATS:
            out.write(f'- `{fmt}.txt`: `{" ".join(command)}`\n')
        out.write('\nScenarios (ports): ' + ', '.join(f'{name} ({PORTS[name][0]})' for name in SCENARIOS) + '. See the script\'s docstring.\n')


if __name__ == '__main__':
    main()
