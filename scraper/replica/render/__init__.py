"""Attachment files laid out as authorities produce them: PDFs with letterheads, reference
tables, justified paragraphs and page furniture (some pages scanned), Word documents with
headers, footers, tables and styles, and e-mails forwarded the way mail clients forward."""
