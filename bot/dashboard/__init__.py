"""The office dashboard: server-rendered pages behind a login."""
