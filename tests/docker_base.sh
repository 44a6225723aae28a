#!/usr/bin/env bash
# A stand-in for the Python base image, for machines that cannot pull it from a registry:
# Debian bookworm (debootstrap, minbase) with Debian's own Python 3.11, tagged with the
# name the Dockerfile pins, so `docker build` uses it as if it had been pulled.
# Needs root, debootstrap and a running dockerd. Usage: tests/docker_base.sh [TAG]
set -euo pipefail
cd "$(dirname "$0")/.."
TAG=${1:-$(sed -n 's/^ARG PYTHON_IMAGE=//p' Dockerfile)}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
ROOT=$(mktemp -d /var/tmp/coachbot-base.XXXXXX)
trap 'rm -rf "$ROOT"' EXIT

debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
    bookworm "$ROOT" "$MIRROR" >/dev/null
# Trust what this machine trusts (a TLS-inspecting proxy in front of the package index, say),
# so pip inside `docker build` can reach it. Local to this stand-in; the Dockerfile adds nothing.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$ROOT"/usr/local/share/ca-certificates/
    chroot "$ROOT" update-ca-certificates >/dev/null 2>&1
fi
# As slim as the official image: no apt lists, docs, man pages or translations.
chroot "$ROOT" apt-get clean
rm -rf "$ROOT"/var/lib/apt/lists/* "$ROOT"/usr/share/doc/* "$ROOT"/usr/share/man/* \
    "$ROOT"/usr/share/locale/* "$ROOT"/usr/share/info/* "$ROOT"/var/cache/debconf/*-old
# The official image answers to `python` too.
ln -sf /usr/bin/python3 "$ROOT"/usr/local/bin/python
tar -C "$ROOT" --numeric-owner -c . | docker import \
    --change 'ENV LANG=C.UTF-8' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["python3"]' \
    - "$TAG" >/dev/null
docker image ls "$TAG"
