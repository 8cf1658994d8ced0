"""What a build writes beside the pages: glossary tooltips, search entries, the open-data
export, QR codes, handouts, the compacted HTML and the docs tree for other engines."""
