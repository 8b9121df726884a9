"""The domain model: plain classes with the rules of the call. No I/O here."""
