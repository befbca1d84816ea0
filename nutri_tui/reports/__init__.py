"""What a result says in words: shared phrases, plain text, Markdown, the answers summary and comparisons."""
