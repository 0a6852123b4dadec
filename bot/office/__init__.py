"""The office side: notifications of new requests and handoffs."""
