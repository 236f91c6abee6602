"""The session file format: the field spec, reader, writer, size, schema and handouts. No Textual."""
