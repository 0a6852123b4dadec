"""SQLite's full-text index of the search words, so that a word search is not a table scan.

`customers_fts` is an FTS5 table with the trigram tokenizer over customers.search_text and
search_extra (external content: it stores only the index). Triggers keep it true for every
writer, bulk inserts included. A trigram MATCH finds any substring of 3 or more characters,
which is what `LIKE '%word%'` finds, so results are the same as PostgreSQL's LIKE; shorter
words are still matched with LIKE. PostgreSQL has no such table.
"""

from __future__ import annotations

TABLE = "customers_fts"  # made by migration 0010 (with its triggers) on SQLite only
MIN_CHARS = 3  # a trigram index knows nothing of shorter words


def is_index_table(name: str) -> bool:
    """The FTS table and the shadow tables SQLite keeps for it (no model describes them)."""
    return name == TABLE or name.startswith(f"{TABLE}_")


def match(alternatives: list[tuple[str, ...]]) -> str:
    """The MATCH expression for words that must each appear (any of a word's spellings)."""
    def phrase(word: str) -> str:
        return '"' + word.replace('"', '""') + '"'
    return " AND ".join("(" + " OR ".join(phrase(w) for w in words) + ")"
                        for words in alternatives)
