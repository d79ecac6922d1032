#!/usr/bin/env bash
# Adds a migration with the same name to both providers' migrations projects.
#   scripts/add-migration.sh AddSomething
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
for p in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project "src/Kehu.Migrations.$p" --startup-project "src/Kehu.Migrations.$p" --output-dir Migrations
done
