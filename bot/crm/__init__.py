"""The office CRM service layer, shared by the API, the dashboard and the CLI.

Each function loads, decides and writes in the caller's session and never commits: the
edge owns the unit of work (`with UnitOfWork(...) as uow: ...; uow.commit()`). Every
function that changes a record takes `staff` (the name recorded on the timeline, or None)
and raises the domain errors of `bot.crm.errors`, which the edges map to 404/409/422 JSON
(the API), an HTML page (the dashboard) or a CLI error.

- `schemas`: input models (`LeadCreate`, `LeadPatch`, `LeadQuery`) and `ImportReport`.
- `leads`: create, update (timeline of old -> new), bulk status, convert, archive,
  restore, merge, get.
- `search`: the lead list with every search form, the board, sources and tags in use.
- `today`: the "Today" view and marking a call-back done.
- `importer`: CSV / .xlsx import with dedup and a per-row report, and CSV export.
"""
