"""Files in and out: the export registry, the PDFs and research tables, and reading uploads back."""
