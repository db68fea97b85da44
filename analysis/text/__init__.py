"""Raw text to analysed text: words and sentences with offsets, quotations, pattern matching (lexicons), VADER, HTML left in it."""
