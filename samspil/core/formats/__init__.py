"""Date and number formats per language (FORMAT_MODULE_PATH): dates shown as dd.mm.yyyy in
Danish, and date fields that accept what a Dane types (24.12.2026, 24-12-2026, 24/12/2026) as
well as the ISO date a browser's date picker sends."""
