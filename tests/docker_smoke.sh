#!/usr/bin/env bash
# `make docker-smoke`: the image as an operator runs it. Not part of CI (it needs dockerd).
#
# Builds the image, then: a piped review in the shell; `serve` with Slack unreachable must
# refuse in one line; `serve` against a fake Slack must turn healthy through the image's own
# HEALTHCHECK; `docker stop` must take under 2 s, for the shell and for serve. Every
# container runs without a network or in the fake's, so all traffic stays on loopback.
# Without a registry the pinned base image is built locally (tests/docker_base.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE=${IMAGE:-coachbot:smoke}
BASE=$(sed -n 's/^ARG PYTHON_IMAGE=//p' Dockerfile)
RUN="smoke-$$"
FAILED=0

pass() { echo "  ok    $*"; }
fail() { echo "  FAIL  $*"; FAILED=1; }
cleanup() { docker rm -f "$RUN-fake" "$RUN-serve" "$RUN-shell" >/dev/null 2>&1 || true; }
trap cleanup EXIT

docker info >/dev/null 2>&1 || { echo "docker smoke: no docker daemon is running"; exit 2; }
if ! docker image inspect "$BASE" >/dev/null 2>&1 && ! docker pull -q "$BASE" >/dev/null 2>&1; then
    echo "docker smoke: $BASE cannot be pulled; building a stand-in from Debian's packages"
    bash tests/docker_base.sh "$BASE"
fi

echo "docker smoke: building $IMAGE on $BASE"
start=$(date +%s.%N)
docker build --quiet -t "$IMAGE" . >/dev/null
echo "  built in $(printf '%.0f' "$(echo "$(date +%s.%N) - $start" | bc)") s;" \
    "size $(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')"

# 1. The shell, with a piped review.
out=$(printf '/coach review Come to our open day on Saturday! Which talk will you pick?\n' |
    docker run --rm -i --network none "$IMAGE" shell 2>&1) || fail "the shell exited $?"
grep -q "local shell" <<<"$out" && grep -q "Score: [0-9]*/100" <<<"$out" \
    && pass "the shell reviews a piped post" || { fail "the shell's review"; echo "$out"; }

out=$(docker run --rm -i --network none "$IMAGE" review --json - <<<"Vilken bok läser du just nu?")
grep -q '"language": "sv"' <<<"$out" && pass "review --json from standard input" \
    || fail "review --json: $out"

# 2. serve with Slack unreachable: a refusal in one line, not a traceback.
set +e
err=$(docker run --rm --network none -e SLACK_BOT_TOKEN=xoxb-smoke -e SLACK_SIGNING_SECRET=smoke \
    -e COACHBOT_SLACK_TIMEOUT=2 "$IMAGE" serve 2>&1 >/dev/null)
status=$?
set -e
lines=$(grep -c . <<<"$err" || true)
if [[ $status -ne 0 && $lines -eq 1 ]]; then
    pass "serve refuses when Slack is unreachable: $err"
else
    fail "serve with Slack unreachable: exit $status, $lines lines on stderr;" \
        "last: $(tail -n 1 <<<"$err")"
fi

# 3. serve against a fake Slack Web API, sharing its loopback: the HEALTHCHECK turns healthy.
docker run -d --name "$RUN-fake" --network none --entrypoint python "$IMAGE" -c '
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class FakeSlack(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"ok": True, "team": "Smoke", "team_id": "T0SMOKE", "user": "coach",
                           "user_id": "U0COACH", "bot_id": "B0COACH", "url": "https://smoke/"})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

ThreadingHTTPServer(("127.0.0.1", 8900), FakeSlack).serve_forever()
' >/dev/null
docker run -d --name "$RUN-serve" --network "container:$RUN-fake" \
    -e SLACK_BOT_TOKEN=xoxb-smoke -e SLACK_SIGNING_SECRET=smoke \
    -e COACHBOT_SLACK_API_URL=http://127.0.0.1:8900/api/ \
    --health-interval 1s --health-start-period 30s "$IMAGE" serve >/dev/null
start=$(date +%s.%N)
health=starting
for _ in $(seq 60); do
    health=$(docker inspect -f '{{.State.Health.Status}}' "$RUN-serve" 2>/dev/null || echo gone)
    [[ $health == starting ]] || break
    sleep 0.5
done
took=$(echo "$(date +%s.%N) - $start" | bc)
[[ $health == healthy ]] \
    && pass "serve turns healthy against a fake Slack in $(printf '%.1f' "$took") s" \
    || { fail "serve's health: $health"; docker logs "$RUN-serve" 2>&1 | tail -n 20; }
user=$(docker exec "$RUN-serve" id -un)
[[ $user == coach ]] && pass "runs as $user, not root" || fail "runs as $user"
docker exec "$RUN-serve" test -s /var/lib/coachbot/coachbot.db \
    && pass "the database is on the volume at /var/lib/coachbot" || fail "no database on the volume"

# 4. docker stop: SIGTERM reaches coachbot in every mode; Docker's 10 s kill is never needed.
docker run -d -i --name "$RUN-shell" --network none "$IMAGE" shell >/dev/null
for _ in $(seq 60); do # until the shell is up and waiting for a line
    docker logs "$RUN-shell" 2>&1 | grep -q "local shell" && break
    sleep 0.5
done
for mode in serve shell; do
    start=$(date +%s.%N)
    docker stop "$RUN-$mode" >/dev/null
    took=$(echo "$(date +%s.%N) - $start" | bc)
    code=$(docker inspect -f '{{.State.ExitCode}}' "$RUN-$mode")
    if (($(echo "$took < 2" | bc))); then
        pass "docker stop ($mode) took $(printf '%.2f' "$took") s, exit $code"
    else
        fail "docker stop ($mode) took $(printf '%.2f' "$took") s, exit $code"
    fi
done

if ((FAILED)); then echo "docker smoke: FAILED"; exit 1; fi
echo "docker smoke: passed"
