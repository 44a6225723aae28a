"""The transport-neutral coach: flows, the engine, sessions, commands."""
