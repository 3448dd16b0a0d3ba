# shellcheck shell=bash
# Sourced by .ci/run: starts a throwaway PostgreSQL 15 from the machine's
# packages, as a non-root user, listening on 127.0.0.1 only, and exports
# DESKCORE_POSTGRES_DSN for the adapter tests. The server and its data
# directory are removed when the calling script exits.

start_postgres() {
	local bin=/usr/lib/postgresql/15/bin
	if [ ! -x "$bin/pg_ctl" ]; then
		echo "== installing postgresql-15"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null
	fi

	local run_as=()
	if [ "$(id -u)" = 0 ]; then
		# initdb refuses root; the package's postgres user owns the server.
		id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
		run_as=(runuser -u postgres --)
	fi

	PG_DIR=$(mktemp -d /tmp/deskcore-pg.XXXXXX)
	chmod 700 "$PG_DIR"
	[ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
	local port=${DESKCORE_PG_PORT:-55432}

	"${run_as[@]}" "$bin/initdb" -D "$PG_DIR/data" -U deskcore --auth=trust -E UTF8 >"$PG_DIR/initdb.log" 2>&1 ||
		{ cat "$PG_DIR/initdb.log"; return 1; }
	"${run_as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
		start >/dev/null || { cat "$PG_DIR/server.log"; return 1; }
	trap stop_postgres EXIT
	"${run_as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U deskcore deskcore
	export DESKCORE_POSTGRES_DSN="postgres://deskcore@127.0.0.1:$port/deskcore?sslmode=disable"
	echo "== PostgreSQL 15 on 127.0.0.1:$port"
}

stop_postgres() {
	local bin=/usr/lib/postgresql/15/bin
	local run_as=()
	[ "$(id -u)" = 0 ] && run_as=(runuser -u postgres --)
	"${run_as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$PG_DIR"
}
