"""PDF reports: HTML templates and print CSS in the top-level reports/ folder, WeasyPrint to PDF."""
