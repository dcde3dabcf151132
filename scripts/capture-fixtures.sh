#!/usr/bin/env bash
# Record real Linux TCP connections on the loopback interface for the capture replay tests.
#
#   sudo scripts/capture-fixtures.sh [OUTPUT_DIR]     (default: src/capture/fixtures)
#
# For every scenario it writes, under OUTPUT_DIR:
#   NAME.pcap          what tcpdump recorded (tcpdump -i lo -s 128 -w)
#   NAME.pcapng        the same packets as pcapng (editcap -F pcapng; skipped when editcap is missing)
#   NAME.txt           tcpdump -nn -r NAME.pcap            (time of day, relative sequence numbers)
#   NAME.S-tttt.txt    tcpdump -nn -S -tttt -r NAME.pcap   (date and time, absolute sequence numbers)
#   NAME.ss.txt        ss -tan for the connection's ports right after the scenario (e.g. the TIME-WAIT left behind)
# Needs: root (or CAP_NET_RAW) for tcpdump, python3, ss; editcap (wireshark-common) for pcapng.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../src/capture/fixtures}"
mkdir -p "$out"
peers="$here/capture/peers.py"

command -v tcpdump >/dev/null || { echo "capture-fixtures: tcpdump is not installed" >&2; exit 2; }
command -v python3 >/dev/null || { echo "capture-fixtures: python3 is not installed" >&2; exit 2; }

# record NAME SCENARIO FAMILY SERVER_PORT CLIENT_PORT [INTERFACE [LINKTYPE]]
# Runs the scenario under tcpdump; returns the scenario's exit status.
record() {
  local name=$1 scenario=$2 family=$3 server_port=$4 client_port=$5 interface=${6:-lo} linktype=${7:-}
  local pcap="$out/$name.pcap" log
  log="$(mktemp)"
  local link_option=()
  [ -n "$linktype" ] && link_option=(-y "$linktype")
  tcpdump -i "$interface" "${link_option[@]}" -s 128 --immediate-mode -U -w "$pcap" \
    "tcp port $server_port and tcp port $client_port" 2>"$log" &
  local tcpdump_pid=$!
  # Wait until tcpdump is listening, or the first packets would be missed.
  for _ in $(seq 50); do grep -q "listening on" "$log" && break; sleep 0.1; done
  local status=0
  python3 "$peers" "$scenario" "$family" "$server_port" "$client_port" || status=$?
  sleep 0.3
  { echo "# ss -tan right after the scenario '$scenario' (client port $client_port, server port $server_port)"
    ss -tan "( sport = :$server_port or dport = :$server_port ) and ( sport = :$client_port or dport = :$client_port )"
  } > "$out/$name.ss.txt"
  kill -INT "$tcpdump_pid"
  wait "$tcpdump_pid" 2>/dev/null || true
  rm -f "$log"
  return $status
}

render() {
  local name=$1
  tcpdump -nn -r "$out/$name.pcap" > "$out/$name.txt" 2>/dev/null
  tcpdump -nn -S -tttt -r "$out/$name.pcap" > "$out/$name.S-tttt.txt" 2>/dev/null
  if command -v editcap >/dev/null; then
    editcap -F pcapng "$out/$name.pcap" "$out/$name.pcapng"
  fi
  echo "capture-fixtures: $name: $(wc -l < "$out/$name.txt") segments; ss: $(tail -n +3 "$out/$name.ss.txt" | awk '{print $1}' | paste -sd, -)"
}

record normal-open-close normal-open-close 4 47101 47201 && render normal-open-close
record normal-open-close-ipv6 normal-open-close 6 47102 47202 && render normal-open-close-ipv6
record connection-refused connection-refused 4 47103 47203 && render connection-refused
record rst-linger rst-linger 4 47104 47204 && render rst-linger
record half-close half-close 4 47105 47205 && render half-close
record unread-data-rst unread-data-rst 4 47109 47209 && render unread-data-rst
record keep-alive keep-alive 4 47110 47210 && render keep-alive
record zero-window zero-window 4 47111 47211 && render zero-window
# The "any" pseudo-interface records Linux cooked headers (SLL or SLL2, chosen with -y).
record half-close-sll half-close 4 47106 47206 any LINUX_SLL && render half-close-sll
record normal-open-close-sll2 normal-open-close 4 47107 47207 any LINUX_SLL2 && render normal-open-close-sll2

# Simultaneous close needs both FINs in flight at once. Loopback delivers a FIN at once unless the
# receiver is itself inside shutdown() and holds its socket lock, so it is a race: try up to 40 times
# and keep the first attempt that leaves both sides in TIME-WAIT (both pass through CLOSING).
simultaneous=""
for attempt in $(seq 0 39); do
  client_port=$((47300 + attempt))
  record simultaneous-close simultaneous-close 4 47108 "$client_port" || continue
  if [ "$(grep -c TIME-WAIT "$out/simultaneous-close.ss.txt")" -eq 2 ]; then
    simultaneous="attempt $((attempt + 1))"
    break
  fi
done
if [ -n "$simultaneous" ]; then
  render simultaneous-close
  echo "capture-fixtures: simultaneous close happened on $simultaneous"
else
  rm -f "$out"/simultaneous-close.*
  echo "capture-fixtures: simultaneous close did not happen in 40 attempts on this machine; no fixture written" >&2
fi
