#!/usr/bin/env bash
# Start a local PostgreSQL for the gradebook tests and export COURSE_TEST_POSTGRES_URL.
#
# Sourced by .ci/run (as root, CI=true); safe to run again: every step checks before it acts.
# Debian's `postgresql` package creates the cluster "main"; we start it, then create a role and
# a database the tests own. Each test makes and drops its own schema inside that database.
# Written without `set -e` or `exit`, because it is sourced: it must not end the caller.

course_postgres_setup() {
    local role=course_test password=course_test database=course_test
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        echo "postgres.sh: installing PostgreSQL" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql \
            >/dev/null || { echo "postgres.sh: apt-get install postgresql failed" >&2; return 1; }
    fi
    local version
    version=$(ls /usr/lib/postgresql | sort -n | tail -1)
    if [ -z "$version" ]; then
        echo "postgres.sh: no PostgreSQL server found in /usr/lib/postgresql" >&2
        return 1
    fi
    # (awk alone reads the cluster list: `| grep -q` could end a pipeline early under pipefail)
    local status
    status=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}')
    if [ -z "$status" ]; then
        pg_createcluster "$version" main >/dev/null || return 1
        status=down
    fi
    if [ "$status" != online ]; then
        pg_ctlcluster "$version" main start || {
            echo "postgres.sh: could not start PostgreSQL $version" >&2; return 1; }
    fi
    local port
    port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
    local psql="psql -p $port -v ON_ERROR_STOP=1 -qtA"
    # Wait for the server to accept connections (start can return a moment early).
    local tries=0
    until runuser -u postgres -- $psql -c "select 1" >/dev/null 2>&1; do
        tries=$((tries + 1))
        if [ "$tries" -gt 30 ]; then
            echo "postgres.sh: PostgreSQL did not accept connections" >&2
            return 1
        fi
        sleep 1
    done
    if [ "$(runuser -u postgres -- $psql -c "select 1 from pg_roles where rolname = '$role'")" != 1 ]; then
        runuser -u postgres -- $psql -c "create role $role login password '$password'" || return 1
    fi
    if [ "$(runuser -u postgres -- $psql -c "select 1 from pg_database where datname = '$database'")" != 1 ]; then
        runuser -u postgres -- $psql -c "create database $database owner $role" || return 1
    fi
    export COURSE_TEST_POSTGRES_URL="postgresql://$role:$password@127.0.0.1:$port/$database"
    echo "postgres.sh: PostgreSQL $version on port $port; COURSE_TEST_POSTGRES_URL is set" >&2
}

course_postgres_setup
