"""Writing a Document to the formats a publication uses: HTML, DOCX, XLSX, JSON and PDF.

Every writer lays the document out the same way (``blocks.layout``) so that yusuan's own
readers read each file back to the same tables. Each module has ``write(document, path)``.
"""
