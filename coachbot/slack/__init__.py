"""The coach in Slack: a Bolt app that only translates between Slack and the core."""
