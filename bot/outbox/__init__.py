"""The outbox: side effects performed after commit, with retries, by one or more workers."""
