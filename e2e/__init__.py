"""Browser journeys: real pages in headless Chromium against a live Django server."""
