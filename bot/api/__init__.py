"""The admin API (JSON, bearer token)."""
