"""The LibreOffice check of exported Word documents (``make office-check``), not pytest tests."""
