#!/usr/bin/env bash
# hadoop102: MariaDB on every address (hadoop102:3306), with the course's database mysqlsource and
# its TCP user root / 000000, as the labs' jobs and tests expect. Idempotent.
set -euo pipefail
# FLUMELAB_PACKAGES=present: the rehearsal (../rehearsal) on a machine that has them
if [[ ${FLUMELAB_PACKAGES:-install} == install ]] && ! dpkg -s mariadb-server >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null
fi
settings=/etc/mysql/mariadb.conf.d/60-flumelab.cnf
wanted=$'[mysqld]\nbind-address = 0.0.0.0\ncharacter-set-server = utf8mb4'
if [[ ! -f $settings || $(cat "$settings") != "$wanted" ]]; then
  printf '%s\n' "$wanted" >"$settings"
  systemctl restart mariadb
fi
systemctl enable --now mariadb
mariadb <<'SQL'
CREATE DATABASE IF NOT EXISTS mysqlsource;
CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '000000';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
