"""What the CLI, the web pages and the exports show a reader, spaCy-free."""
