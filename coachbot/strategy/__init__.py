"""The team's strategy: models, coaching feedback, export, maturity."""
