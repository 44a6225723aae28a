"""Analytics exports in, tagged links out: a campaign's numbers from the team's own files.

Self-contained: reads CSV and XLSX exports (`table`), recognises known tools by their
headers (`presets`, from data/analytics_presets.toml), picks the rows of a campaign's tag
and dates and sums them (`match`), and remembers the columns a team chose for a file shape
(`repo`). `fill` is the conversation around it at evaluation time. Nothing here knows Slack.
"""
