"""The baseline: a bare FastAPI endpoint that parses the same form and returns fixed TwiML.

    python -m bench.bare --port 8001
"""

from __future__ import annotations

import argparse

import uvicorn
from fastapi import FastAPI, Request, Response

app = FastAPI()
TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Thanks!</Message></Response>'


@app.post("/sms/twilio")
async def sms(request: Request) -> Response:
    """Parse the form (as intake does), answer fixed TwiML."""
    form = await request.form()
    assert form.get("MessageSid")
    return Response(TWIML, media_type="application/xml")


@app.get("/healthz")
def healthz() -> dict[str, str]:
    """Up."""
    return {"status": "ok"}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    uvicorn.run(app, host="127.0.0.1", port=parser.parse_args().port, log_level="warning",
                access_log=False)
