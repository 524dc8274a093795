#!/usr/bin/env bash
# local-kitsu.sh: a real Zou (Kitsu's API server) on 127.0.0.1 for kitsu_sdk
# development and integration tests. Debian 12, run as root, no Docker/systemd.
#
#   local-kitsu.sh [up] [--reset]   install what is missing, start what is down, wait for health
#   local-kitsu.sh reset            pristine database in seconds (clone of zoudb_template)
#   local-kitsu.sh stop             stop only what this script started
#   local-kitsu.sh status
#   local-kitsu.sh env              print `export KITSU_...` lines (also written to $ZOU_HOME/kitsu.env)
#   local-kitsu.sh stop-events | start-events | restart-events | restart-api
#
# Everything is idempotent and bound to 127.0.0.1. See scripts/README.md.
set -euo pipefail

PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

CACHE_BASE="${XDG_CACHE_HOME:-$HOME/.cache}/kitsu_sdk"
ZOU_HOME="${ZOU_HOME:-$CACHE_BASE/zou-home}"
ZOU_VENV="${ZOU_VENV:-$CACHE_BASE/zou-venv}"
ZOU_VERSION="${ZOU_VERSION:-1.0.97}"

BIND_HOST=127.0.0.1
API_PORT="${KITSU_API_PORT:-5000}"
EVENTS_PORT="${KITSU_EVENTS_PORT:-5001}"
SHORT_PORT="${KITSU_SHORT_TOKEN_PORT:-5002}"
NGINX_PORT="${KITSU_NGINX_PORT:-8080}"
REDIS_PORT="${KITSU_REDIS_PORT:-6379}"
API_WORKERS="${ZOU_API_WORKERS:-2}"
SHORT_WORKERS="${KITSU_SHORT_TOKEN_WORKERS:-1}"
SHORT_ACCESS_SECONDS="${KITSU_SHORT_ACCESS_SECONDS:-4}"
SHORT_REFRESH_SECONDS="${KITSU_SHORT_REFRESH_SECONDS:-3600}"
BOOT_TIMEOUT="${KITSU_BOOT_TIMEOUT:-120}"
GRACEFUL_TIMEOUT="${KITSU_GRACEFUL_TIMEOUT:-5}"
# socket.io websockets never end by themselves: a long graceful wait only delays restart-events.
EVENTS_GRACEFUL_TIMEOUT="${KITSU_EVENTS_GRACEFUL_TIMEOUT:-1}"

ADMIN_EMAIL=admin@example.com
ADMIN_PASSWORD=mysecretpassword
DB_NAME=zoudb
DB_TEMPLATE=zoudb_template
DB_USER=zou
DB_PASS=zoupass
TEMPLATE_MARK="kitsu_sdk pristine zou $ZOU_VERSION"

mkdir -p "$ZOU_HOME"
ZOU_HOME="$(cd "$ZOU_HOME" && pwd)"
case "$ZOU_VENV" in /*) ;; *) ZOU_VENV="$PWD/$ZOU_VENV" ;; esac
RUN_DIR="$ZOU_HOME/run"
LOG_DIR="$ZOU_HOME/log"
NGINX_CONF="$ZOU_HOME/nginx.conf"
PG_MARKER="$RUN_DIR/postgres.started-by-local-kitsu"

log() { printf '[local-kitsu %3ss] %s\n' "$SECONDS" "$*" >&2; }
die() { printf '[local-kitsu] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- processes

# alive PID: the process exists and is not a zombie waiting to be reaped.
alive() {
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    stat="${stat##*) }"
    [ "${stat%% *}" != Z ]
}

# pid_of NAME: the pid recorded in $RUN_DIR/NAME.pid, if that process is alive.
pid_of() {
    local f="$RUN_DIR/$1.pid" pid
    [ -s "$f" ] || return 1
    pid="$(tr -dc '0-9' <"$f")"
    [ -n "$pid" ] && alive "$pid" || return 1
    printf '%s\n' "$pid"
}

cmdline_of() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true; }

# What each process we start has in its /proc/<pid>/cmdline (all must match).
patterns_of() {
    case "$1" in
        api) printf '%s\n' bin/gunicorn "$BIND_HOST:$API_PORT" zou.app:app ;;
        events) printf '%s\n' bin/gunicorn "$BIND_HOST:$EVENTS_PORT" zou.event_stream:app ;;
        short) printf '%s\n' bin/gunicorn "$BIND_HOST:$SHORT_PORT" zou_short_tokens:app ;;
        nginx) printf '%s\n' nginx "$NGINX_CONF" ;;
        redis) printf '%s\n' redis-server ":$REDIS_PORT" ;;
    esac
}

# is_ours NAME PID: the live process PID is the NAME process we started.
is_ours() {
    local cmd pat
    cmd="$(cmdline_of "$2")"
    [ -n "$cmd" ] || return 1
    while IFS= read -r pat; do
        [[ "$cmd" == *"$pat"* ]] || return 1
    done < <(patterns_of "$1")
}

# our_pid NAME: pid of our running NAME process (pid file + cmdline check).
our_pid() {
    local pid
    pid="$(pid_of "$1")" || return 1
    is_ours "$1" "$pid" || return 1
    printf '%s\n' "$pid"
}

port_open() { (exec 3<>"/dev/tcp/$BIND_HOST/$1") 2>/dev/null; }

http_get() { curl -sS --max-time "${2:-3}" "$1" 2>/dev/null; }

api_healthy() { http_get "$1" | grep -Eq '"api"[[:space:]]*:[[:space:]]*"Zou"'; }

events_healthy() {
    local body
    body="$(http_get "$1/socket.io/?EIO=4&transport=polling")" || return 1
    [[ "$body" == '0{'* ]]
}

healthy() {
    case "$1" in
        api) api_healthy "http://$BIND_HOST:$API_PORT/" ;;
        short) api_healthy "http://$BIND_HOST:$SHORT_PORT/" ;;
        events) events_healthy "http://$BIND_HOST:$EVENTS_PORT" ;;
        nginx) api_healthy "http://$BIND_HOST:$NGINX_PORT/api/" ;;
        redis) redis-cli -h "$BIND_HOST" -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG ;;
    esac
}

port_of() {
    case "$1" in
        api) echo "$API_PORT" ;; events) echo "$EVENTS_PORT" ;; short) echo "$SHORT_PORT" ;;
        nginx) echo "$NGINX_PORT" ;; redis) echo "$REDIS_PORT" ;;
    esac
}

logfile_of() {
    case "$1" in
        nginx) echo "$LOG_DIR/nginx-error.log" ;;
        redis) echo "$LOG_DIR/redis.log" ;;
        *) echo "$LOG_DIR/$1-error.log" ;;
    esac
}

fail_with_log() {
    local name="$1" msg="$2" f
    f="$(logfile_of "$name")"
    {
        printf '[local-kitsu] ERROR: %s\n' "$msg"
        if [ -f "$f" ]; then
            printf -- '----- last lines of %s -----\n' "$f"
            tail -n 40 "$f"
            printf -- '-----\n'
        fi
    } >&2
    exit 1
}

# wait_healthy NAME...: wait for all of them, fail loudly on timeout or crash.
wait_healthy() {
    local deadline=$((SECONDS + BOOT_TIMEOUT)) name pending=("$@") still pid
    local -A seen=()
    while [ "${#pending[@]}" -gt 0 ]; do
        still=()
        for name in "${pending[@]}"; do
            if healthy "$name"; then
                log "$name healthy on $BIND_HOST:$(port_of "$name")"
                continue
            fi
            # Died while booting? (gunicorn writes its pid file before
            # loading the app, and removes it when the master gives up.)
            if pid="$(pid_of "$name")"; then
                seen[$name]=1
            elif [ -n "${seen[$name]:-}" ] || [ -s "$RUN_DIR/$name.pid" ]; then
                fail_with_log "$name" "$name exited while starting"
            fi
            still+=("$name")
        done
        pending=("${still[@]+"${still[@]}"}")
        [ "${#pending[@]}" -eq 0 ] && break
        if [ "$SECONDS" -ge "$deadline" ]; then
            fail_with_log "${pending[0]}" "timeout (${BOOT_TIMEOUT}s) waiting for ${pending[*]} to be healthy"
        fi
        sleep 0.25
    done
}

# stop_procs [--kill] NAME...: TERM our processes, wait, KILL leftovers
# (--kill: KILL master and workers at once, for reset). Never by name: only
# pids from our pid files whose cmdline matches what we started, and their
# direct children (the gunicorn workers) checked the same way.
stop_procs() {
    local name pid kids=() victims=() p deadline sig=TERM
    if [ "${1:-}" = --kill ]; then sig=KILL; shift; fi
    for name in "$@"; do
        pid="$(pid_of "$name")" || { rm -f "$RUN_DIR/$name.pid"; continue; }
        if ! is_ours "$name" "$pid"; then
            log "WARNING: pid $pid in $RUN_DIR/$name.pid is not our $name ($(cmdline_of "$pid")); not killing it"
            continue
        fi
        for p in $(pgrep -P "$pid" 2>/dev/null || true); do kids+=("$p:$(cmdline_of "$p")"); done
        log "stopping $name (pid $pid)"
        kill "-$sig" "$pid" 2>/dev/null || true
        victims+=("$name:$pid")
    done
    deadline=$((SECONDS + GRACEFUL_TIMEOUT + 10))
    for p in "${victims[@]+"${victims[@]}"}"; do
        name="${p%%:*}"
        pid="${p#*:}"
        while alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
        if alive "$pid" && is_ours "$name" "$pid"; then
            log "$name (pid $pid) still alive, sending KILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        log "$name stopped"
        rm -f "$RUN_DIR/$name.pid"
    done
    # Workers left behind by a killed master: same pid AND same cmdline.
    for p in "${kids[@]+"${kids[@]}"}"; do
        pid="${p%%:*}"
        if alive "$pid" && [ "$(cmdline_of "$pid")" = "${p#*:}" ]; then
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    for p in "${kids[@]+"${kids[@]}"}"; do
        pid="${p%%:*}"
        while alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.05; done
    done
}

# -------------------------------------------------------------- installation

missing_packages() {
    local pkgs=()
    { command -v redis-server && command -v redis-cli; } >/dev/null 2>&1 || pkgs+=(redis-server)
    { command -v ffmpeg && command -v ffprobe; } >/dev/null 2>&1 || pkgs+=(ffmpeg)
    command -v nginx >/dev/null 2>&1 || pkgs+=(nginx)
    { command -v pg_ctlcluster && compgen -G '/usr/lib/postgresql/*/bin/postgres'; } >/dev/null 2>&1 ||
        pkgs+=(postgresql)
    command -v curl >/dev/null 2>&1 || pkgs+=(curl)
    command -v flock >/dev/null 2>&1 || pkgs+=(util-linux)
    if ! command -v python3 >/dev/null 2>&1; then
        pkgs+=(python3 python3-venv)
    elif ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
        pkgs+=(python3-venv)
    fi
    [ "${#pkgs[@]}" -eq 0 ] || printf '%s\n' "${pkgs[@]}"
}

POLICY_RC_ADDED=0
remove_policy_rc() {
    if [ "$POLICY_RC_ADDED" = 1 ]; then
        rm -f /usr/sbin/policy-rc.d
        POLICY_RC_ADDED=0
    fi
}

install_packages() {
    local pkgs=()
    mapfile -t pkgs < <(missing_packages)
    [ "${#pkgs[@]}" -gt 0 ] || return 0
    [ "$(id -u)" = 0 ] || die "missing packages: ${pkgs[*]} (run as root, or apt-get install them)"
    log "installing ${pkgs[*]}"
    # Keep apt from starting services (nginx's default site would listen on
    # 0.0.0.0:80, PostgreSQL/Redis would run under no pid file of ours).
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\n# added by kitsu_sdk local-kitsu.sh during apt-get install\nexit 101\n' \
            >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        POLICY_RC_ADDED=1
        trap remove_policy_rc EXIT
    fi
    local apt_opts=(-q -o DPkg::Lock::Timeout=600)
    DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update >"$LOG_DIR/apt.log" 2>&1 ||
        fail_apt "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y --no-install-recommends \
        "${pkgs[@]}" >>"$LOG_DIR/apt.log" 2>&1 || fail_apt "apt-get install ${pkgs[*]} failed"
    remove_policy_rc
    hash -r
}

fail_apt() {
    remove_policy_rc
    tail -n 30 "$LOG_DIR/apt.log" >&2
    die "$1 (full log: $LOG_DIR/apt.log)"
}

install_zou() {
    [ -x "$ZOU_VENV/bin/zou" ] && [ -x "$ZOU_VENV/bin/gunicorn" ] && return 0
    log "installing zou==$ZOU_VERSION into $ZOU_VENV (log: $LOG_DIR/pip.log)"
    mkdir -p "$(dirname "$ZOU_VENV")"
    if [ ! -x "$ZOU_VENV/bin/python" ]; then
        python3 -m venv "$ZOU_VENV" >"$LOG_DIR/pip.log" 2>&1 || { tail -n 20 "$LOG_DIR/pip.log" >&2; die "python3 -m venv failed"; }
    fi
    {
        "$ZOU_VENV/bin/pip" install -U pip wheel &&
            "$ZOU_VENV/bin/pip" install "zou==$ZOU_VERSION"
    } >>"$LOG_DIR/pip.log" 2>&1 || { tail -n 30 "$LOG_DIR/pip.log" >&2; die "pip install zou==$ZOU_VERSION failed"; }
    [ -x "$ZOU_VENV/bin/zou" ] || die "$ZOU_VENV/bin/zou missing after pip install"
}

# ---------------------------------------------------------------- PostgreSQL

PG_VER="" PG_CLUSTER="" PG_PORT="" PG_STATUS=""

pg_select_cluster() {
    local line ver
    line="$(pg_lsclusters --no-header 2>/dev/null | awk '$2 == "main"' | sort -k1,1nr | head -n 1)"
    [ -n "$line" ] || line="$(pg_lsclusters --no-header 2>/dev/null | sort -k1,1nr | head -n 1)"
    if [ -z "$line" ]; then
        ver="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf "%f\n" 2>/dev/null | sort -n | tail -n 1)"
        [ -n "$ver" ] || die "no PostgreSQL server installed"
        log "creating PostgreSQL cluster $ver/main"
        pg_createcluster "$ver" main >"$LOG_DIR/pg_createcluster.log" 2>&1 ||
            { tail -n 20 "$LOG_DIR/pg_createcluster.log" >&2; die "pg_createcluster failed"; }
        line="$(pg_lsclusters --no-header | awk -v v="$ver" '$1 == v && $2 == "main"')"
    fi
    read -r PG_VER PG_CLUSTER PG_PORT PG_STATUS _ <<<"$line"
}

ensure_postgres() {
    pg_select_cluster
    if [[ "$PG_STATUS" != online* ]]; then
        log "starting PostgreSQL $PG_VER/$PG_CLUSTER (port $PG_PORT)"
        pg_ctlcluster --skip-systemctl-redirect "$PG_VER" "$PG_CLUSTER" start 9>&- ||
            die "pg_ctlcluster start failed; see /var/log/postgresql/postgresql-$PG_VER-$PG_CLUSTER.log"
        echo "$PG_VER $PG_CLUSTER" >"$PG_MARKER"
    fi
    for _ in $(seq 1 100); do
        pg_isready -q -h "$BIND_HOST" -p "$PG_PORT" && return 0
        sleep 0.1
    done
    die "PostgreSQL $PG_VER/$PG_CLUSTER not accepting connections on $BIND_HOST:$PG_PORT"
}

# psql_admin [DB] SQL: run SQL as the postgres superuser (unaligned, tuples only).
psql_admin() {
    local db="postgres"
    [ $# -gt 1 ] && { db="$1"; shift; }
    if [ "$(id -u)" = 0 ]; then
        (cd / && runuser -u postgres -- psql -X -q -At -v ON_ERROR_STOP=1 -p "$PG_PORT" -d "$db" -c "$1")
    else
        (cd / && sudo -n -u postgres psql -X -q -At -v ON_ERROR_STOP=1 -p "$PG_PORT" -d "$db" -c "$1")
    fi
}

db_exists() { [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }

# Run a zou CLI command against database $1 (the rest: zou arguments).
zou_cli() {
    local db="$1"
    shift
    (
        cd "$ZOU_HOME"
        load_zou_env
        export DB_DATABASE="$db"
        exec "$ZOU_VENV/bin/zou" "$@"
    ) >>"$LOG_DIR/zou-cli.log" 2>&1 9>&- || {
        tail -n 30 "$LOG_DIR/zou-cli.log" >&2
        die "zou $* failed on database $db"
    }
}

TEMPLATE_REBUILT=0

# The template is initialised directly (never served), then zoudb is cloned
# from it: the template stays pristine and never has open connections.
ensure_template() {
    local mark
    mark="$(psql_admin "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$DB_TEMPLATE'")"
    [ "$mark" = "$TEMPLATE_MARK" ] && return 0
    log "building pristine template database $DB_TEMPLATE (zou init-db, init-data, create-admin)"
    if db_exists "$DB_TEMPLATE"; then
        psql_admin "ALTER DATABASE $DB_TEMPLATE WITH IS_TEMPLATE false ALLOW_CONNECTIONS true" >/dev/null
        psql_admin "DROP DATABASE $DB_TEMPLATE WITH (FORCE)" >/dev/null
    fi
    psql_admin "CREATE DATABASE $DB_TEMPLATE OWNER $DB_USER" >/dev/null
    : >"$LOG_DIR/zou-cli.log"
    zou_cli "$DB_TEMPLATE" init-db
    zou_cli "$DB_TEMPLATE" init-data
    zou_cli "$DB_TEMPLATE" create-admin "$ADMIN_EMAIL" --password "$ADMIN_PASSWORD"
    psql_admin "ALTER DATABASE $DB_TEMPLATE WITH IS_TEMPLATE true ALLOW_CONNECTIONS false" >/dev/null
    psql_admin "COMMENT ON DATABASE $DB_TEMPLATE IS '$TEMPLATE_MARK'" >/dev/null
    TEMPLATE_REBUILT=1
}

clone_db() {
    psql_admin "CREATE DATABASE $DB_NAME TEMPLATE $DB_TEMPLATE OWNER $DB_USER" >/dev/null
}

ensure_databases() {
    if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != 1 ]; then
        log "creating role $DB_USER"
        psql_admin "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASS'" >/dev/null
    fi
    ensure_template
    if ! db_exists "$DB_NAME"; then
        log "creating $DB_NAME from $DB_TEMPLATE"
        clone_db
    elif [ "$(psql_admin "$DB_NAME" "SELECT to_regclass('public.person') IS NOT NULL")" != t ]; then
        log "$DB_NAME exists but is not initialised: recreating it from $DB_TEMPLATE"
        stop_procs api events short
        psql_admin "DROP DATABASE $DB_NAME WITH (FORCE)" >/dev/null
        clone_db
    else
        if [ "$TEMPLATE_REBUILT" = 1 ]; then
            log "upgrading the existing $DB_NAME schema (zou init-db)"
            zou_cli "$DB_NAME" init-db
        fi
        if [ "$(psql_admin "$DB_NAME" "SELECT count(*) FROM person WHERE email = '$ADMIN_EMAIL'")" = 0 ]; then
            log "creating admin $ADMIN_EMAIL in $DB_NAME"
            zou_cli "$DB_NAME" create-admin "$ADMIN_EMAIL" --password "$ADMIN_PASSWORD"
        fi
    fi
}

# --------------------------------------------------------------------- Redis

ensure_redis() {
    healthy redis && return 0
    if port_open "$REDIS_PORT"; then
        die "port $BIND_HOST:$REDIS_PORT is taken but does not answer redis PING"
    fi
    log "starting redis-server on $BIND_HOST:$REDIS_PORT"
    redis-server --daemonize yes --bind "$BIND_HOST" --port "$REDIS_PORT" --save "" --appendonly no \
        --pidfile "$RUN_DIR/redis.pid" --logfile "$LOG_DIR/redis.log" --dir "$RUN_DIR" 9>&- ||
        fail_with_log redis "redis-server failed to start"
    for _ in $(seq 1 100); do
        healthy redis && return 0
        sleep 0.1
    done
    fail_with_log redis "redis-server not answering PING on $BIND_HOST:$REDIS_PORT"
}

# ------------------------------------------------------------- configuration

write_if_changed() { # FILE (content on stdin); returns 0 if the file changed
    local tmp="$1.tmp.$$"
    cat >"$tmp"
    if [ -f "$1" ] && cmp -s "$tmp" "$1"; then
        rm -f "$tmp"
        return 1
    fi
    mv -f "$tmp" "$1"
}

kv() { printf '%s=%q\n' "$1" "$2"; }

write_zou_env() {
    if [ ! -s "$ZOU_HOME/secret_key" ]; then
        (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$ZOU_HOME/secret_key")
    fi
    {
        echo "# Written by scripts/local-kitsu.sh (regenerated on every 'up')."
        echo "# Put overrides in zou.env.local next to this file, then restart."
        kv DB_HOST "$BIND_HOST"
        kv DB_PORT "$PG_PORT"
        kv DB_USERNAME "$DB_USER"
        kv DB_PASSWORD "$DB_PASS"
        kv DB_DATABASE "$DB_NAME"
        kv DB_POOL_SIZE 10
        kv DB_MAX_OVERFLOW 20
        kv KV_HOST "$BIND_HOST"
        kv KV_PORT "$REDIS_PORT"
        kv SECRET_KEY "$(cat "$ZOU_HOME/secret_key")"
        kv PREVIEW_FOLDER "$ZOU_HOME/previews"
        kv TMP_DIR "$ZOU_HOME/tmp"
        # Must NOT contain an importable `event_handlers` package (pitfall:
        # workers die with "no attribute event_map"); a missing dir is fine.
        kv EVENT_HANDLERS_FOLDER "$ZOU_HOME/event-handlers"
        kv PLUGIN_FOLDER "$ZOU_HOME/plugins"
        kv EVENT_STREAM_HOST "$BIND_HOST"
        kv EVENT_STREAM_PORT "$EVENTS_PORT"
        kv MAIL_ENABLED false
        # Test accounts use example.com; there is no DNS here to prove a domain delivers mail.
        kv MAIL_CHECK_DELIVERABILITY false
        kv DOMAIN_NAME "$BIND_HOST:$API_PORT"
        kv DOMAIN_PROTOCOL http
        kv MOVIE_ENCODING_PRESET ultrafast
    } | write_if_changed "$ZOU_HOME/zou.env" || true
}

load_zou_env() {
    set -a
    # shellcheck disable=SC1091
    . "$ZOU_HOME/zou.env"
    # shellcheck disable=SC1091
    if [ -f "$ZOU_HOME/zou.env.local" ]; then . "$ZOU_HOME/zou.env.local"; fi
    set +a
}

print_env() {
    printf 'export %s=%q\n' \
        KITSU_HOST "http://$BIND_HOST:$API_PORT" \
        KITSU_EVENT_HOST "http://$BIND_HOST:$EVENTS_PORT" \
        KITSU_LOGIN "$ADMIN_EMAIL" \
        KITSU_PASSWORD "$ADMIN_PASSWORD" \
        KITSU_SHORT_TOKEN_HOST "http://$BIND_HOST:$SHORT_PORT" \
        KITSU_SHORT_ACCESS_SECONDS "$SHORT_ACCESS_SECONDS" \
        KITSU_SHORT_REFRESH_SECONDS "$SHORT_REFRESH_SECONDS" \
        KITSU_NGINX_HOST "http://$BIND_HOST:$NGINX_PORT/api" \
        KITSU_ZOU_HOME "$ZOU_HOME" \
        KITSU_ZOU_VENV "$ZOU_VENV"
}

write_nginx_conf() {
    local user_line=""
    # Workers need to write request bodies to the temp dirs under $ZOU_HOME,
    # which the default "nobody" user cannot reach under /root.
    [ "$(id -u)" = 0 ] && user_line="user root root;"
    mkdir -p "$ZOU_HOME/nginx"
    write_if_changed "$NGINX_CONF" <<EOF
# Written by scripts/local-kitsu.sh: Kitsu's URL layout on $BIND_HOST:$NGINX_PORT.
$user_line
worker_processes 1;
pid $RUN_DIR/nginx.pid;
error_log $LOG_DIR/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log $LOG_DIR/nginx-access.log;
    client_body_temp_path $ZOU_HOME/nginx/client_body;
    proxy_temp_path $ZOU_HOME/nginx/proxy;
    fastcgi_temp_path $ZOU_HOME/nginx/fastcgi;
    uwsgi_temp_path $ZOU_HOME/nginx/uwsgi;
    scgi_temp_path $ZOU_HOME/nginx/scgi;
    client_max_body_size 10G;
    server {
        listen $BIND_HOST:$NGINX_PORT;
        server_name localhost;
        location /api/ {
            proxy_pass http://$BIND_HOST:$API_PORT/;
            proxy_http_version 1.1;
            proxy_set_header Host \$host:\$server_port;
            proxy_set_header X-Real-IP \$remote_addr;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_read_timeout 600s;
            proxy_send_timeout 600s;
        }
        location /socket.io {
            proxy_pass http://$BIND_HOST:$EVENTS_PORT;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection "upgrade";
            proxy_set_header Host \$host:\$server_port;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_read_timeout 86400s;
        }
    }
}
EOF
}

# ------------------------------------------------------------------ services

PENDING=()

# start_gunicorn NAME: launch (daemonised) unless healthy or already booting;
# adds NAME to PENDING when it must be waited for.
start_gunicorn() {
    local name="$1" port klass workers app extra=() graceful="$GRACEFUL_TIMEOUT"
    case "$name" in
        api) port="$API_PORT" klass=gevent workers="$API_WORKERS" app=zou.app:app ;;
        events)
            # ONE process: socket.io room state lives in memory.
            port="$EVENTS_PORT" klass=geventwebsocket.gunicorn.workers.GeventWebSocketWorker
            workers=1 app=zou.event_stream:app graceful="$EVENTS_GRACEFUL_TIMEOUT"
            ;;
        short)
            port="$SHORT_PORT" klass=gevent workers="$SHORT_WORKERS" app=zou_short_tokens:app
            extra=(--pythonpath "$SCRIPT_DIR")
            ;;
    esac
    if healthy "$name"; then
        our_pid "$name" >/dev/null || log "$name: something not started by this script already answers on $BIND_HOST:$port; using it"
        return 0
    fi
    if our_pid "$name" >/dev/null; then
        PENDING+=("$name") # still booting
        return 0
    fi
    rm -f "$RUN_DIR/$name.pid"
    port_open "$port" && die "port $BIND_HOST:$port is taken by something that is not a healthy Zou $name"
    log "starting $name ($app) on $BIND_HOST:$port"
    (
        cd "$ZOU_HOME"
        load_zou_env
        export KITSU_SHORT_ACCESS_SECONDS="$SHORT_ACCESS_SECONDS" KITSU_SHORT_REFRESH_SECONDS="$SHORT_REFRESH_SECONDS"
        exec "$ZOU_VENV/bin/gunicorn" -k "$klass" -w "$workers" -b "$BIND_HOST:$port" \
            --timeout 600 --graceful-timeout "$graceful" --chdir "$ZOU_HOME" --no-control-socket \
            --pid "$RUN_DIR/$name.pid" --access-logfile "$LOG_DIR/$name-access.log" \
            --error-logfile "$LOG_DIR/$name-error.log" --capture-output --daemon \
            "${extra[@]+"${extra[@]}"}" "$app"
    ) 9>&- >>"$LOG_DIR/$name-error.log" 2>&1 || fail_with_log "$name" "gunicorn for $name failed to start"
    PENDING+=("$name")
}

start_services() { # NAME... (api events short)
    local name
    PENDING=()
    # Start them all, then wait: they boot in parallel.
    for name in "$@"; do start_gunicorn "$name"; done
    [ "${#PENDING[@]}" -eq 0 ] || wait_healthy "${PENDING[@]}"
}

ensure_nginx() {
    local changed=0
    write_nginx_conf && changed=1
    if our_pid nginx >/dev/null; then
        [ "$changed" = 0 ] && healthy nginx && return 0
        if [ "$changed" = 1 ]; then
            log "reloading nginx (config changed)"
            nginx -c "$NGINX_CONF" -e "$LOG_DIR/nginx-error.log" -s reload
        fi
    elif healthy nginx; then
        log "nginx: something not started by this script already serves $BIND_HOST:$NGINX_PORT; using it"
        return 0
    else
        rm -f "$RUN_DIR/nginx.pid"
        port_open "$NGINX_PORT" && die "port $BIND_HOST:$NGINX_PORT is taken by something else"
        log "starting nginx on $BIND_HOST:$NGINX_PORT"
        nginx -t -q -c "$NGINX_CONF" -e "$LOG_DIR/nginx-error.log" >>"$LOG_DIR/nginx-error.log" 2>&1 ||
            fail_with_log nginx "nginx -t rejected $NGINX_CONF"
        nginx -c "$NGINX_CONF" -e "$LOG_DIR/nginx-error.log" 9>&- >>"$LOG_DIR/nginx-error.log" 2>&1 ||
            fail_with_log nginx "nginx failed to start"
    fi
    wait_healthy nginx
    events_healthy "http://$BIND_HOST:$NGINX_PORT" ||
        fail_with_log nginx "nginx does not proxy /socket.io to the events server"
}

reset_database() {
    log "resetting $DB_NAME from $DB_TEMPLATE"
    # The database is thrown away: no need for a graceful shutdown.
    stop_procs --kill api events short
    psql_admin "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null
    clone_db
    redis-cli -h "$BIND_HOST" -p "$REDIS_PORT" flushall >/dev/null
    rm -rf "$ZOU_HOME/previews" "$ZOU_HOME/tmp"
    mkdir -p "$ZOU_HOME/previews" "$ZOU_HOME/tmp"
}

lock() {
    exec 9>"$RUN_DIR/lock"
    flock -w 900 9 || die "another local-kitsu.sh holds $RUN_DIR/lock"
}

prepare_dirs() { mkdir -p "$RUN_DIR" "$LOG_DIR" "$ZOU_HOME/previews" "$ZOU_HOME/tmp" "$ZOU_HOME/plugins"; }

# ----------------------------------------------------------------- commands

cmd_up() {
    local reset="$1"
    install_packages
    install_zou
    ensure_postgres
    ensure_redis
    write_zou_env
    ensure_databases
    [ "$reset" = 1 ] && reset_database
    start_services api events short
    ensure_nginx
    print_env | write_if_changed "$ZOU_HOME/kitsu.env" || true
    log "ready in ${SECONDS}s: source $ZOU_HOME/kitsu.env (or eval \"\$($0 env)\")"
}

cmd_stop() {
    stop_procs nginx api events short redis
    if [ -f "$PG_MARKER" ]; then
        local ver cluster
        read -r ver cluster <"$PG_MARKER"
        if pg_lsclusters --no-header 2>/dev/null | awk -v v="$ver" -v c="$cluster" '$1 == v && $2 == c' | grep -q online; then
            log "stopping PostgreSQL $ver/$cluster (started by this script)"
            pg_ctlcluster --skip-systemctl-redirect "$ver" "$cluster" stop -m fast
        fi
        rm -f "$PG_MARKER"
    fi
    log "stopped in ${SECONDS}s"
}

cmd_status() {
    local name pid state owner
    if command -v pg_lsclusters >/dev/null 2>&1; then
        pg_select_cluster
        owner="not started by this script"
        [ -f "$PG_MARKER" ] && owner="started by this script"
        printf '%-9s %-8s %-22s %s\n' postgres "$PG_STATUS" "$PG_VER/$PG_CLUSTER :$PG_PORT" "$owner"
    fi
    for name in redis api events short nginx; do
        state=down
        healthy "$name" 2>/dev/null && state=up
        if pid="$(our_pid "$name")"; then owner="ours, pid $pid"; else owner="not ours"; fi
        [ "$state" = down ] && ! pid_of "$name" >/dev/null && owner="-"
        printf '%-9s %-8s %-22s %s\n' "$name" "$state" "$BIND_HOST:$(port_of "$name")" "$owner"
    done
}

usage() {
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

main() {
    local cmd="" reset=0 arg
    for arg in "$@"; do
        case "$arg" in
            --reset) reset=1 ;;
            -h | --help | help) usage; return 0 ;;
            up | reset | stop | status | env | stop-events | start-events | restart-events | restart-api)
                [ -z "$cmd" ] || die "only one subcommand at a time"
                cmd="$arg"
                ;;
            *) usage >&2; die "unknown argument: $arg" ;;
        esac
    done
    cmd="${cmd:-up}"
    [ "$cmd" = reset ] && { cmd=up; reset=1; }
    case "$cmd" in
        env) print_env; return 0 ;;
        status) prepare_dirs; cmd_status; return 0 ;;
    esac
    prepare_dirs
    lock
    case "$cmd" in
        up) cmd_up "$reset" ;;
        stop) cmd_stop ;;
        stop-events) stop_procs events ;;
        start-events) start_services events ;;
        restart-events) stop_procs events; start_services events ;;
        restart-api) ensure_postgres; ensure_redis; write_zou_env; stop_procs api short; start_services api short ;;
    esac
}

main "$@"
