#!/usr/bin/env bash
# A local Orleans cluster for the simulator: a Redis server and N silo processes on loopback.
#
#   scripts/cluster.sh start [N] [--dashboard] [--redis-port PORT] [--password]   # default 3 silos, Redis on 6379
#   scripts/cluster.sh status
#   scripts/cluster.sh stop
#
# Then: dotnet run --project src/Silo -c Release -- run scenarios/doncaster.yaml --cluster redis://127.0.0.1:6379
# Logs and process ids go to .cluster/ (or $CLUSTER_DIR). With --dashboard the first silo serves the
# Orleans dashboard on http://127.0.0.1:8080/. With --password Redis requires a password: the one in
# SIMULATION_REDIS_PASSWORD, or a new random one saved in .cluster/redis.password (mode 600); it
# reaches Redis through a config file and the silos through the environment, never a command line.
# Clients give it the same way: SIMULATION_REDIS_PASSWORD="$(cat .cluster/redis.password)".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${CLUSTER_DIR:-$root/.cluster}"
# SIMULATION_DLL: use this build of the program instead of building src/Silo (the tests do).
dll="${SIMULATION_DLL:-$root/src/Silo/bin/Release/net10.0/simulation.dll}"

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

stop() {
  if [ -d "$dir" ]; then
    for pidfile in "$dir"/silo-*.pid; do
      [ -e "$pidfile" ] || continue
      pid="$(cat "$pidfile")"
      if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; fi
    done
    for pidfile in "$dir"/silo-*.pid; do
      [ -e "$pidfile" ] || continue
      pid="$(cat "$pidfile")"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$pidfile"
    done
    if [ -e "$dir/redis.pid" ]; then
      pid="$(cat "$dir/redis.pid")"
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      rm -f "$dir/redis.pid"
    fi
  fi
  echo "cluster stopped"
}

status() {
  local any=0
  if [ -e "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
    echo "redis: running (pid $(cat "$dir/redis.pid"), port $(cat "$dir/redis.port"))"; any=1
  fi
  for pidfile in "$dir"/silo-*.pid; do
    [ -e "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    name="$(basename "$pidfile" .pid)"
    if kill -0 "$pid" 2>/dev/null; then echo "$name: running (pid $pid) $(grep -m1 'silo ready' "$dir/$name.log" || true)"; any=1
    else echo "$name: not running (see $dir/$name.log)"; fi
  done
  [ "$any" -eq 1 ] || echo "no cluster running"
}

start() {
  local n=3 dashboard=0 redis_port=6379 password=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --dashboard) dashboard=1 ;;
      --password) password=1 ;;
      --redis-port) shift; redis_port="${1:?--redis-port needs a port}" ;;
      [0-9]*) n="$1" ;;
      *) usage ;;
    esac
    shift
  done
  if [ -e "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
    echo "a cluster is already running from $dir: scripts/cluster.sh stop first" >&2; exit 1
  fi
  "$root/scripts/install-redis.sh"
  mkdir -p "$dir"
  if [ -z "${SIMULATION_DLL:-}" ]; then
    echo "building the simulator (Release)..."
    dotnet build "$root/src/Silo" -c Release -v quiet -nologo >/dev/null
  fi

  # Redis in memory only: nothing written to disk, nothing left after stop.
  local conf="$dir/redis.conf"
  ( umask 077; : > "$conf" )
  rm -f "$dir/redis.password"
  if [ "$password" -eq 1 ]; then
    local secret="${SIMULATION_REDIS_PASSWORD:-}"
    if [ -z "$secret" ]; then secret="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"; fi
    ( umask 077; printf '%s' "$secret" > "$dir/redis.password"; printf 'requirepass %s\n' "$secret" > "$conf" )
    export SIMULATION_REDIS_PASSWORD="$secret"
    export REDISCLI_AUTH="$secret"
  fi
  redis-server "$conf" --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
    --logfile "$dir/redis.log" --dir "$dir" >/dev/null 2>&1 &
  echo $! > "$dir/redis.pid"
  echo "$redis_port" > "$dir/redis.port"
  for _ in $(seq 1 50); do
    if redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG; then break; fi
    sleep 0.1
  done
  redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG || { echo "redis did not start: see $dir/redis.log" >&2; exit 1; }

  for i in $(seq 1 "$n"); do
    local extra=()
    if [ "$dashboard" -eq 1 ] && [ "$i" -eq 1 ]; then extra=(--dashboard); fi
    nohup dotnet "$dll" silo --cluster "redis://127.0.0.1:$redis_port" "${extra[@]}" > "$dir/silo-$i.log" 2>&1 &
    echo $! > "$dir/silo-$i.pid"
  done
  for i in $(seq 1 "$n"); do
    for _ in $(seq 1 300); do
      if grep -q "silo ready" "$dir/silo-$i.log" 2>/dev/null; then break; fi
      if ! kill -0 "$(cat "$dir/silo-$i.pid")" 2>/dev/null; then echo "silo $i exited: see $dir/silo-$i.log" >&2; cat "$dir/silo-$i.log" >&2; exit 1; fi
      sleep 0.1
    done
    grep -m1 "silo ready" "$dir/silo-$i.log" || { echo "silo $i did not start in 30 s: see $dir/silo-$i.log" >&2; exit 1; }
  done
  echo "cluster up: $n silos, redis://127.0.0.1:$redis_port$([ "$password" -eq 1 ] && echo " (password in $dir/redis.password)")"
  echo "run with: dotnet run --project src/Silo -c Release -- run scenarios/doncaster.yaml --cluster redis://127.0.0.1:$redis_port"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
