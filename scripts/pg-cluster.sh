#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for tests and benchmarks.
#   scripts/pg-cluster.sh start DIR   initdb DIR as the postgres user, start it on a free 127.0.0.1 port (no other
#                                     listeners, trust auth for local connections only) and print the Npgsql
#                                     connection string on stdout.
#   scripts/pg-cluster.sh stop DIR    stop the cluster and remove DIR.
# As root it runs the server as the postgres user (initdb refuses root); as any other user, as that user.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    [ -x "$bin/initdb" ] || { echo "pg-cluster: $bin/initdb not found (apt-get install postgresql-15)" >&2; exit 1; }
    mkdir -p "$dir"; if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi; chmod 700 "$dir"
    # A free port: nothing answers on it (bash's /dev/tcp connect fails).
    for _ in $(seq 1 50); do
      port=$(( 20000 + RANDOM % 40000 ))
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    done
    as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # Sized for a 2-core, 24 GiB machine; durability is not needed for a throwaway cluster.
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
      "-c listen_addresses=127.0.0.1 -p $port -k $dir -c shared_buffers=1GB -c work_mem=256MB -c maintenance_work_mem=1GB -c max_wal_size=8GB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres soundgraph
    echo "Host=127.0.0.1;Port=$port;Database=soundgraph;Username=postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
