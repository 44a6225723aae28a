FROM python:3.11-slim

WORKDIR /app
COPY pyproject.toml README.md ./
COPY coachbot ./coachbot
COPY prompts ./prompts
COPY data ./data
# Editable, so prompts/ and data/ stay beside the code they belong to.
RUN pip install --no-cache-dir -e . && useradd --create-home coach && chown -R coach /app/data
USER coach

ENV COACHBOT_DB=/app/data/coachbot.db
VOLUME ["/app/data"]
EXPOSE 3000
CMD ["coachbot", "run"]
