#!/usr/bin/env bash
# Installs, from Debian's packages, what the tests need and the machine lacks:
#   - PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin): the tests make
#     and remove their own throwaway cluster; the Debian service is not started.
#   - runuser (util-linux): run as root, the tests run PostgreSQL as 'nobody' with it,
#     since initdb refuses root.
#   - Dovecot's IMAP server (/usr/sbin/dovecot): the SIGKILL soak and other tests start their
#     own throwaway server on a free loopback port; the Debian service is not started.
#   - Chromium (/usr/bin/chromium): the status page test reads pages and takes screenshots with
#     it, headless.
#   - PHP's command line (/usr/bin/php, package php-cli): the WHMCS hook test runs
#     integrations/whmcs/ with it against a running replygate.
# Installs nothing that is already there, so it is safe to run again.
set -euo pipefail

say() { printf 'install-test-deps: %s\n' "$*"; }

packages=()
if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  say "PostgreSQL server binaries present: $(compgen -G '/usr/lib/postgresql/*/bin' | tr '\n' ' ')"
else
  packages+=(postgresql)
fi
if [ "$(id -u)" -eq 0 ] && ! command -v runuser >/dev/null; then
  packages+=(util-linux)
fi
if [ -x /usr/sbin/dovecot ]; then
  say "Dovecot present: $(/usr/sbin/dovecot --version)"
else
  packages+=(dovecot-imapd)
fi
if [ -x /usr/bin/chromium ]; then
  say "Chromium present"
else
  packages+=(chromium)
fi
if command -v php >/dev/null; then
  say "PHP present: $(php -r 'echo PHP_VERSION;')"
else
  packages+=(php-cli)
fi
if [ "${#packages[@]}" -eq 0 ]; then
  say "nothing to install"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { say "root (or sudo) is needed to install: ${packages[*]}"; exit 1; }
  as_root=(sudo)
fi

# Keep apt from starting the Debian PostgreSQL and Dovecot services (the tests need none)
# unless a policy is already in place.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  say "holding back service starts with $policy during the install"
  printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
  "${as_root[@]}" chmod 755 "$policy"
  trap '"${as_root[@]}" rm -f "$policy"' EXIT
fi

say "apt-get update"
"${as_root[@]}" apt-get update -q
say "apt-get install ${packages[*]}"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends "${packages[@]}"

compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || { say "initdb still missing after the install"; exit 1; }
[ -x /usr/sbin/dovecot ] || { say "dovecot still missing after the install"; exit 1; }
[ -x /usr/bin/chromium ] || { say "chromium still missing after the install"; exit 1; }
command -v php >/dev/null || { say "php still missing after the install"; exit 1; }
say "done"
