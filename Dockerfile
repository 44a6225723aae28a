# coachbot in a container: the wheel, built in one stage and installed alone into a slim one.
#
#   docker build -t coachbot .
#   docker run -it -v coachbot-db:/var/lib/coachbot coachbot                  # the shell
#   docker run -d -v coachbot-db:/var/lib/coachbot --env-file .env -p 3000:3000 coachbot
#
# The image ships code, prompts/ and data/ inside the installed package; the team's database
# is the only thing on the volume, so an upgrade brings new reference data with it.

# Pinned: the Python release and the Debian release the image is built and tested on.
ARG PYTHON_IMAGE=python:3.11.13-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY coachbot ./coachbot
COPY prompts ./prompts
COPY data ./data
# The runtime virtualenv gets the wheel, its dependencies and dumb-init; a separate build
# virtualenv does the installing. pip is removed again afterwards (sqlite-utils lists it only
# for its own `install` command). Byte-compiled here, since the runtime cannot write there.
# dumb-init runs as PID 1: it forwards SIGTERM to coachbot in every mode (the shell included)
# and reaps the worker processes `serve` starts.
RUN python3 -m venv /opt/build \
    && /opt/build/bin/pip wheel --no-deps --wheel-dir /wheels . \
    && python3 -m venv --without-pip /opt/coachbot \
    && /opt/build/bin/pip --python /opt/coachbot/bin/python install \
        /wheels/coachbot-*.whl "dumb-init==1.2.5.post1" \
    && /opt/build/bin/pip --python /opt/coachbot/bin/python uninstall --yes pip \
    && /opt/coachbot/bin/python -m compileall -q -j 0 /opt/coachbot/lib

FROM ${PYTHON_IMAGE}
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/coachbot/bin:$PATH \
    COACHBOT_DB=/var/lib/coachbot/coachbot.db
RUN groupadd --system --gid 10001 coach \
    && useradd --system --uid 10001 --gid coach --home-dir /var/lib/coachbot \
        --shell /usr/sbin/nologin coach \
    && install -d -o coach -g coach -m 0700 /var/lib/coachbot
COPY --from=build /opt/coachbot /opt/coachbot
USER coach
WORKDIR /var/lib/coachbot
# A named volume takes this folder's owner (coach); a bind mount must be writable by 10001:10001.
VOLUME ["/var/lib/coachbot"]
EXPOSE 3000
# Meaningful in HTTP mode; the shell and Socket Mode serve no /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["coachbot", "health", "--timeout", "4"]
ENTRYPOINT ["dumb-init", "--", "coachbot"]
CMD ["run"]
